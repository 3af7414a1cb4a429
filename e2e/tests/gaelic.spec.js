// Every page in Scottish Gaelic, residents', observers' and officers': the language applies to
// the whole document and axe-core finds no WCAG A/AA violation (at desktop and phone widths).
const { test, expect, expectAccessible } = require('./fixtures');

const OFFICER = { email: 'officer@glenmoray.example', password: 'glenmoray-demo' };

test.beforeEach(async ({ page }) => {
  // The choice a resident makes with the language menu, already made.
  await page.addInitScript(() => window.localStorage.setItem('cairn-lang', 'gd'));
});

// Waits until the page has its data: no "Loading …" ("A' luchdadh …") or sign-in check left.
async function settled(page) {
  await expect(page.locator('html')).toHaveAttribute('lang', 'gd');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText(/^A’ (luchdadh|dearbhadh)/)).toHaveCount(0);
}

test('every residents’ and observers’ page in Gaelic', async ({ page, request }) => {
  test.setTimeout(120_000);
  const round = await (await request.get('/api/rounds/1')).json();
  const project = round.projects[0];
  const pages = ['/', '/rounds/1', '/rounds/1/vote', '/rounds/1/change', '/rounds/1/live', '/rounds/2', '/rounds/2/results', '/rounds/3', '/receipt', '/no/such/page'];
  if (project) pages.push(`/rounds/1/projects/${project.id}`);
  for (const path of pages) {
    await test.step(path, async () => {
      await page.goto(path);
      await settled(page);
      await expectAccessible(page);
    });
  }
  expect(project, 'the open round has a project to show').toBeTruthy();
});

test('every page of the officers’ console in Gaelic', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/officer/sign-in');
  await settled(page);
  await expectAccessible(page);
  await page.locator('input[type=email]').fill(OFFICER.email);
  await page.locator('input[type=password]').fill(OFFICER.password);
  await page.locator('main button[type=submit]').click();
  await expect(page).toHaveURL(/\/officer\/?$/);
  for (const path of ['/officer', '/officer/rounds/new', '/officer/rounds/1', '/officer/rounds/3/settings', '/officer/audit', '/officer/officers']) {
    await test.step(path, async () => {
      await page.goto(path);
      await settled(page);
      await expectAccessible(page);
    });
  }
});
