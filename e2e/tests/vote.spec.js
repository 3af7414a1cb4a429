const { execFileSync } = require('child_process');
const { test, expect, expectAccessible } = require('./fixtures');

// Issues voting codes the way an officer does on the command line, against the test server's database.
function issueCode() {
  const out = execFileSync(process.env.CAIRN_BIN, [
    'codes', '1', '--count', '1', '--db', process.env.CAIRN_E2E_DB, '--data-dir', process.env.CAIRN_E2E_DATA,
  ]).toString();
  return out.trim().split('\n')[0];
}

test('a resident votes with the keyboard alone, then checks the receipt', async ({ page, request }) => {
  const code = issueCode();
  await page.goto('/rounds/1');
  await expect(page.getByRole('heading', { level: 1, name: 'Our Place, Our Budget 2026' })).toBeVisible();
  const start = page.getByRole('link', { name: 'Vote in this round' });
  await start.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: /Your ballot/ })).toBeFocused();
  await expectAccessible(page);

  // Riverside's budget is £60,000; pick three projects by keyboard.
  for (const name of [/Riverside wildflower meadow/, /Safer crossing at Mill Road/]) {
    await page.getByRole('checkbox', { name }).focus();
    await page.keyboard.press('Space');
    await expect(page.getByRole('checkbox', { name })).toBeChecked();
  }
  await expect(page.getByRole('status')).toContainText('You have picked 2 projects, costing £50,500 of £60,000. £9,500 left.');
  // The play park (£27,400) no longer fits: the reason is given and the box stays clear.
  const park = page.getByRole('checkbox', { name: /Riverside play park upgrade/ });
  await park.focus();
  await page.keyboard.press('Space');
  await expect(park).not.toBeChecked();
  await expect(page.getByText('This project costs £27,400, but only £9,500 is left. Remove another project first.')).toBeVisible();
  await page.getByRole('checkbox', { name: /Repair café tool library/ }).focus();
  await page.keyboard.press('Space');
  await expect(page.getByRole('status')).toContainText('You have picked 3 projects');

  // The review step lists the choices; its heading takes the focus.
  await page.getByRole('button', { name: 'Check my choices' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: '2. Check and send' })).toBeFocused();
  await expect(page.locator('.review li')).toHaveText(['Riverside wildflower meadow', 'Safer crossing at Mill Road', 'Repair café tool library']);
  await expectAccessible(page);

  // A typo in the code is caught before anything is sent.
  const codeBox = page.getByLabel('Your voting code');
  await codeBox.focus();
  const typo = (code[0] === '2' ? '3' : '2') + code.slice(1);
  await page.keyboard.type(typo);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('This code has a typing mistake');

  await codeBox.fill('');
  await page.keyboard.type(code.toLowerCase());
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Thank you: your vote is counted' })).toBeVisible();
  const receipt = (await page.locator('.receipt').innerText()).trim();
  expect(receipt).toMatch(/^[2-9A-Z]{6}(-[2-9A-Z]{1,6})+$/);
  await expectAccessible(page);

  // The resident checks the receipt on the public board, from the site's navigation.
  await page.getByRole('navigation').getByRole('link', { name: 'Check a receipt' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check that your ballot is counted' })).toBeFocused();
  await page.getByLabel('Your receipt').fill(receipt.toLowerCase());
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Your ballot is in the count.' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Your receipt').fill('AAAAAA-AAAAAA-AAAAAA-AAAAAA-AA');
  await page.keyboard.press('Enter');
  await expect(page.getByText('No counted ballot has this receipt.')).toBeVisible();
  const tally = await (await request.get('/api/rounds/1/tally')).json();
  expect(tally.ballots).toBeGreaterThanOrEqual(1);
});
