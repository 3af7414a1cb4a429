const { execFileSync } = require('child_process');
const { test, expect, expectAccessible } = require('./fixtures');

function issueCode() {
  const out = execFileSync(process.env.CAIRN_BIN, [
    'codes', '1', '--count', '1', '--db', process.env.CAIRN_E2E_DB, '--data-dir', process.env.CAIRN_E2E_DATA,
  ]).toString();
  return out.trim().split('\n')[0];
}

test('published results explain every project, offer the ballots with their fingerprint, and show delivery', async ({ page, request }) => {
  await page.goto('/');
  await page.getByRole('region', { name: 'Closed and results' }).getByRole('link', { name: 'Green Spaces Fund 2025' }).click();
  await page.getByRole('link', { name: 'See the results' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Results: Green Spaces Fund 2025' })).toBeFocused();
  const results = await (await request.get('/api/rounds/2/results')).json();
  const district = results.districts[0];
  const table = page.getByRole('table', { name: /^Projects in / }).first();
  await expect(table.getByRole('row')).toHaveCount(district.projects.length + 1);
  // Every row says whether it was funded and why, in words.
  await expect(table.getByText(/^Funded: |^Funded in /).first()).toBeVisible();
  await expect(page.locator('code.digest').first()).toHaveText(district.export_sha256);
  const download = page.getByRole('link', { name: /^Download cairn-round-2-/ }).first();
  const file = await request.get(await download.getAttribute('href'));
  expect(file.headers()['x-content-sha256']).toBe(district.export_sha256);
  await expect(page.getByText(`cairn tally cairn-round-2-${district.id}.pb --rule ${results.rule}`)).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Who took part' })).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Ballots by area' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Delivery of funded projects' })).toBeVisible();
  await expect(page.locator('.delivery > li').first()).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('Language').selectOption('gd');
  await expect(page.locator('html')).toHaveAttribute('lang', 'gd');
  await expectAccessible(page);
});

test("an observer's live count changes when a ballot is cast from another browser", async ({ page, browser }) => {
  await page.goto('/rounds/1');
  await page.getByRole('link', { name: 'Follow the live count' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Live count: / })).toBeFocused();
  const now = page.locator('.live-now');
  await expect(now).toHaveText(/ballots? counted so far/);
  const before = parseInt((await now.innerText()).replace(/\D/g, ''), 10);
  await expectAccessible(page);

  // A resident in a separate browser context votes through the API the page itself uses.
  const resident = await browser.newContext();
  const api = resident.request;
  const response = await api.post(`${test.info().project.use.baseURL}/api/rounds/1/ballots`, {
    headers: { Origin: test.info().project.use.baseURL },
    data: { code: issueCode(), district: 'riverside', approvals: ['1'] },
  });
  expect(response.status(), await response.text()).toBe(201);
  await resident.close();

  await expect.poll(async () => parseInt((await now.innerText()).replace(/\D/g, ''), 10)).toBeGreaterThan(before);
});

test('residents filter, sort and search projects, and open one', async ({ page }) => {
  await page.goto('/rounds/1');
  await expect(page.getByRole('status')).toHaveText(/^Showing \d+ projects\.$/);
  await page.getByLabel('Area').selectOption({ label: 'Riverside' });
  await expect(page.getByRole('region', { name: 'Old Town' })).toHaveCount(0);
  await page.getByLabel('Search projects').fill('meadow');
  await expect(page.getByRole('status')).toHaveText('Showing 1 project.');
  await page.getByLabel('Search projects').fill('');
  await page.getByLabel('Sort by').selectOption({ label: 'Cost (highest first)' });
  const costs = await page.getByRole('region', { name: 'Riverside' }).locator('.cost').allInnerTexts();
  const numbers = costs.map((c) => Number(c.replace(/[^0-9.]/g, '')));
  expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Riverside wildflower meadow' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Riverside wildflower meadow' })).toBeFocused();
  await expect(page.getByRole('heading', { level: 2, name: 'About this project' })).toBeVisible();
  await expectAccessible(page);
});
