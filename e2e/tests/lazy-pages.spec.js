// Pages other than the portal and a round's page come as Wasm modules of their own, fetched
// when first opened (xtask/src/split.rs). These tests cut those fetches.
const { test, expect, expectAccessible } = require('./fixtures');

// Every split-off module: the page's own and the ones it shares with other pages.
const SPLIT_MODULE = /\/(split___|chunk_)[^/]*\.wasm$/;

test.describe('a dropped fetch', () => {
  test.use({ expectedErrors: /^Failed to load resource: net::ERR_CONNECTION_RESET$/ });

  test('while a page is fetched the reader is told so, and a dropped fetch is tried again', async ({ page }) => {
    let release;
    const released = new Promise((resolve) => { release = resolve; });
    const dropped = new Set();
    await page.route(SPLIT_MODULE, async (route) => {
      const url = route.request().url();
      if (dropped.has(url)) return route.continue();
      dropped.add(url);
      await released;
      return route.abort('connectionreset');
    });
    await page.goto('/rounds/2');
    await page.getByRole('link', { name: 'See the results' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Loading the page…' })).toBeVisible();
    await expectAccessible(page);
    release();
    await expect(page.getByRole('heading', { level: 1, name: 'Results: Green Spaces Fund 2025' })).toBeFocused();
    await expect(page.getByRole('status').filter({ hasText: 'Loading the page…' })).toHaveCount(0);
    expect(dropped.size).toBeGreaterThan(0);
  });
});

test.describe('no network at all', () => {
  // The failed fetches, the loader's report of them, and the app stopping (the Wasm aborts).
  test.use({
    expectedErrors: /^Failed to load resource: net::ERR_INTERNET_DISCONNECTED$|Failed to fetch|panicked at|unreachable/,
  });

  test('a page that cannot be fetched at all is explained in plain words, not left blank', async ({ page }) => {
    await page.route(SPLIT_MODULE, (route) => route.abort('internetdisconnected'));
    await page.goto('/rounds/2');
    await page.getByRole('link', { name: 'See the results' }).click();
    await expect(page.getByRole('alert')).toHaveText(/Something went wrong and this page stopped working\. Please reload it/);
    await expectAccessible(page);
  });
});

test('a link straight to a split-off page says it is loading, then shows the page', async ({ page }) => {
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  await page.route(SPLIT_MODULE, async (route) => {
    await released;
    return route.continue();
  });
  await page.goto('/receipt', { waitUntil: 'commit' });
  await expect(page.getByRole('status').filter({ hasText: 'Loading the page…' })).toBeVisible();
  release();
  await expect(page.getByRole('heading', { level: 1, name: 'Check that your ballot is counted' })).toBeVisible();
});
