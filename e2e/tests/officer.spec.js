const { test, expect, expectAccessible } = require('./fixtures');

const OFFICER = { email: 'officer@glenmoray.example', password: 'glenmoray-demo' };

async function signIn(page) {
  await page.goto('/officer');
  await page.getByRole('link', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeFocused();
  await expectAccessible(page);
  await page.getByLabel('Email address').fill(OFFICER.email);
  await page.getByLabel('Password').fill(OFFICER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
}

test('a wrong password is refused in plain words', async ({ page }) => {
  await page.goto('/officer/sign-in');
  await page.getByLabel('Email address').fill(OFFICER.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('That email and password do not match an officer account.');
  await expectAccessible(page);
});

test('an officer creates a round, imports projects, issues codes, opens voting, enters a paper ballot, closes and publishes', async ({ page }) => {
  // A whole round's life, with axe-core and screenshots at two widths on every page.
  test.setTimeout(180_000);
  await signIn(page);
  await expectAccessible(page);

  // The wizard, one step at a time.
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Create a round' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Create a round' })).toBeFocused();
  const title = `Test round ${Date.now()}`;
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('One-line summary').fill('A round made by the browser tests.');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('Step 2 of 5: Areas and budget')).toBeFocused();
  await page.getByRole('button', { name: 'Add an area' }).click();
  await page.getByLabel('Name of area 1').fill('Harbour');
  await page.getByLabel('Budget of area 1').fill('50000');
  await page.getByLabel('Categories').fill('Parks\nTransport');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Fewest projects a voter must choose').fill('1');
  await page.getByLabel('Most projects a voter may choose').fill('2');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Counting rule').selectOption('mes-add1');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('Harbour (£50,000)')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Save the round' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expectAccessible(page);

  // Import: a faulty file is reported by line, the fixed one saved.
  await page.getByLabel("Or paste the file's contents").fill('title,cost\nPier lights,12000\nBench,lots\n');
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByText(/^Line 3: /)).toBeVisible();
  await page.getByLabel("Or paste the file's contents").fill('title,cost,summary\nPier lights,12000,Lights along the pier\nHarbour benches,8000,Six benches\nSlipway repair,30000,Mend the slipway\n');
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByText('3 projects read, 0 lines to fix. Nothing has been saved yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Import these projects' }).click();
  await expect(page.getByRole('table', { name: 'Projects' }).getByRole('row', { name: /Slipway repair/ })).toBeVisible();
  await expectAccessible(page);

  // Codes: shown once, as a download and a sheet.
  await page.getByLabel('How many codes').fill('3');
  await page.getByRole('button', { name: 'Issue the codes' }).click();
  await expect(page.getByText('3 codes issued.')).toBeVisible();
  const csv = page.getByRole('link', { name: 'Download as CSV' });
  await expect(csv).toHaveAttribute('href', /^blob:/);
  const [download] = await Promise.all([page.waitForEvent('download'), csv.click()]);
  expect(download.suggestedFilename()).toMatch(/^voting-codes-.*\.csv$/);
  await expect(page.locator('.print-sheet .code-card')).toHaveCount(3);
  await expectAccessible(page);

  // Through the phases to voting.
  for (const phase of ['Collecting ideas', 'Ideas being checked', 'Voting open']) {
    await page.getByRole('button', { name: `Move to: ${phase}` }).click();
    await expect(page.getByText(`The round is now at: ${phase}.`)).toBeVisible();
    // The moves on offer are redrawn once the round is fetched again; the next click waits
    // for that, or it could land on a button that is being replaced.
    await expect(page.getByRole('button', { name: `Move to: ${phase}` })).toHaveCount(0);
  }
  await expect(page.getByText('Voting has opened: the ballot rules, budget and projects are locked.')).toBeVisible();

  // A paper ballot, under the same rules as online.
  const paper = page.getByRole('region', { name: 'Paper ballots' });
  await paper.getByRole('checkbox', { name: /Pier lights/ }).check();
  await paper.getByRole('checkbox', { name: /Harbour benches/ }).check();
  await paper.getByRole('button', { name: 'Enter this paper ballot' }).click();
  await expect(page.getByText('The paper ballot is entered.')).toBeVisible();
  await expect(page.getByText('1 ballot in.')).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Move to: Voting closed' }).click();
  await expect(page.getByText('The round is now at: Voting closed.')).toBeVisible();
  await page.getByRole('button', { name: 'Count and publish the result' }).click();
  await expect(page.getByText('The result is published.')).toBeVisible();
  await expectAccessible(page);

  // The public sees the result; the audit log has every step.
  await page.getByRole('link', { name: 'See the results' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Results: ${title}` })).toBeVisible();
  await expect(page.getByRole('row', { name: /Pier lights/ })).toContainText('Funded');
  await page.goto('/officer/audit');
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'round.publish' }).first()).toBeVisible();
  await expectAccessible(page);
});

test('an administrator sees the officers page; signing out ends the session', async ({ page }) => {
  await signIn(page);
  await page.getByRole('link', { name: 'Officers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Officers' })).toBeVisible();
  await expect(page.getByRole('cell', { name: OFFICER.email })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await page.goto('/officer');
  await expect(page.getByRole('heading', { level: 1, name: 'Please sign in' })).toBeVisible();
});
