// The home page arrives usable before the app: the server writes the portal into the HTML.
const { test, expect, expectAccessible } = require('./fixtures');

// Before the app has loaded: the app's files never arrive, so the first screen stays (with
// JavaScript itself on, so that axe-core can run).
async function withoutTheApp(browser, options = {}) {
  const context = await browser.newContext(options);
  await context.route(/\.(wasm|js)$/, (route) => route.abort());
  return context;
}

test.describe('before the app has loaded', () => {
  test('the portal is in the page itself, with working links, in English', async ({ browser }) => {
    const context = await withoutTheApp(browser);
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Have your say on how your council spends its budget' })).toBeVisible();
    await expect(page).toHaveTitle('Have your say on how your council spends its budget — Cairn');
    const open = page.getByRole('region', { name: 'Open for voting' });
    await expect(open.getByText('£150,000', { exact: true })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Closed and results' }).getByRole('link', { name: 'Green Spaces Fund 2025' })).toBeVisible();
    await expect(page.getByLabel('Language')).toBeDisabled();
    const link = open.getByRole('link', { name: 'Our Place, Our Budget 2026' });
    await expect(link).toHaveAttribute('href', /^\/rounds\/\d+$/);
    await expectAccessible(page);
    await context.close();
  });

  test('in the language the browser asks for, or the one chosen before', async ({ browser }) => {
    const asked = await withoutTheApp(browser, { locale: 'gd-GB' });
    const page = await asked.newPage();
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'gd');
    await expect(page.getByRole('heading', { level: 1, name: 'Abair do ghuth mu mar a chaitheas a’ chomhairle am buidseat aice' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Fosgailte airson bhòtadh' }).getByRole('link', { name: 'Our Place, Our Budget 2026' })).toBeVisible();
    await expectAccessible(page);
    await asked.close();

    const chosen = await withoutTheApp(browser, { locale: 'en-GB' });
    const base = new URL(test.info().project.use.baseURL);
    await chosen.addCookies([{ name: 'cairn-lang', value: 'gd', domain: base.hostname, path: '/' }]);
    const again = await chosen.newPage();
    await again.goto('/');
    await expect(again.locator('html')).toHaveAttribute('lang', 'gd');
    await chosen.close();
  });

  test('and without JavaScript at all, its links lead on', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('link', { name: 'Check a receipt' }).click();
    await expect(page).toHaveURL(/\/receipt$/);
    await context.close();
  });
});

test('the app takes over the first screen: one page, the same rounds, no second request', async ({ page }) => {
  const requests = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  await page.goto('/');
  await expect(page.locator('#first-screen')).toHaveCount(0);
  await expect(page.locator('#first-screen-data')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expect(page.locator('main')).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'Open for voting' }).getByRole('link', { name: 'Our Place, Our Budget 2026' })).toBeVisible();
  await expect(page.getByLabel('Language')).toBeEnabled();
  expect(requests.filter((p) => p === '/api/rounds')).toEqual([]);
});

test('a language chosen in the app is the language of the next first screen', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Language').selectOption('gd');
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === 'cairn-lang')).toMatchObject({ value: 'gd', sameSite: 'Lax' });
  const html = await (await page.request.get('/', { headers: { cookie: 'cairn-lang=gd' } })).text();
  expect(html).toContain('<html lang="gd">');
  expect(html).toContain('id="first-screen-data"');
});
