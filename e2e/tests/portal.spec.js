const { test, expect, expectAccessible } = require('./fixtures');

test('the portal lists open, upcoming and past rounds', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Have your say on how your council spends its budget' })).toBeVisible();
  const open = page.getByRole('region', { name: 'Open for voting' });
  await expect(open.getByRole('link', { name: 'Our Place, Our Budget 2026' })).toBeVisible();
  await expect(open.getByText('£150,000', { exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Coming up' }).getByRole('link', { name: "Young People's Budget 2027" })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Closed and results' }).getByRole('link', { name: 'Green Spaces Fund 2025' })).toBeVisible();
  await expectAccessible(page);
});

test('a round page lists its projects by area, and focus moves to its heading', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Our Place, Our Budget 2026' }).click();
  const heading = page.getByRole('heading', { level: 1, name: 'Our Place, Our Budget 2026' });
  await expect(heading).toBeVisible();
  await expect(heading).toBeFocused();
  const riverside = page.getByRole('region', { name: 'Riverside' });
  await expect(riverside.getByRole('heading', { name: 'Riverside wildflower meadow' })).toBeVisible();
  await expect(riverside.getByText('£18,500', { exact: true })).toBeVisible();
  const oldTown = page.getByRole('region', { name: 'Old Town' });
  await expect(oldTown.getByText(/Not on the ballot: The site is a scheduled monument/)).toBeVisible();
  await expectAccessible(page);
});

test('the skip link jumps to the main content', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});

test('Gaelic is offered, applied to the whole page and remembered', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Language').selectOption('gd');
  await expect(page.getByRole('heading', { level: 1, name: 'Abair do ghuth mu mar a chaitheas a’ chomhairle am buidseat aice' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'gd');
  await expectAccessible(page);
  await page.reload();
  await expect(page.getByRole('region', { name: 'Fosgailte airson bhòtadh' })).toBeVisible();
  await page.getByRole('link', { name: 'Our Place, Our Budget 2026' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Pròiseactan' })).toBeVisible();
  await expectAccessible(page);
});

test('an unknown address shows a page-not-found page', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expectAccessible(page);
  await page.goto('/rounds/999999');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
});
