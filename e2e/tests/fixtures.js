// Shared test fixtures: every page is checked for script errors and CSP violations, and
// `expectAccessible` runs axe-core for WCAG 2.x A/AA (and 2.2) rules.
const base = require('@playwright/test');
const { AxeBuilder } = require('@axe-core/playwright');

const test = base.test.extend({
  // Errors a test causes on purpose (cutting the network, say): one regular expression.
  expectedErrors: [null, { option: true }],
  page: async ({ page, expectedErrors }, use) => {
    const problems = [];
    const expected = (text) => expectedErrors !== null && expectedErrors.test(text);
    page.on('pageerror', (error) => {
      if (!expected(error.message)) problems.push(`page error: ${error.message}`);
    });
    page.on('console', (message) => {
      const text = message.text();
      if (expected(text)) return;
      // The browser logs every error status it is answered with. These are answers the pages
      // expect and explain: 404 (no such round), 401 (the console asking whether anyone is
      // signed in, or a wrong password) and 422 (an import preview naming faulty lines).
      if (message.type() === 'error' && !/Failed to load resource: the server responded with a status of (401|404|422)/.test(text)) {
        problems.push(`console error: ${text}`);
      }
      if (/Content[- ]Security[- ]Policy/i.test(text)) problems.push(`CSP: ${text}`);
    });
    // The policy must be there for "no violation" to mean anything, on every document.
    page.on('response', (response) => {
      if (response.request().resourceType() === 'document' && !response.headers()['content-security-policy']) {
        problems.push(`no Content-Security-Policy on ${response.url()}`);
      }
    });
    // Violations as the page itself sees them, besides what the browser logs.
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
      });
    });
    // The server may send a first screen before the app has loaded; tests act on the app.
    for (const method of ['goto', 'reload']) {
      const original = page[method].bind(page);
      page[method] = async (...args) => {
        const response = await original(...args);
        await page.locator('html[data-app="ready"]').waitFor({ state: 'attached' });
        return response;
      };
    }
    await use(page);
    const violations = await page.evaluate(() => window.__cspViolations || []).catch(() => []);
    problems.push(...violations.map((v) => `CSP violation: ${v}`));
    base.expect(problems, 'the page logged no errors and no CSP violations').toEqual([]);
  },
});

const path = require('path');

const PHONE = { width: 360, height: 780 };
const shots = new Map();

async function axe(page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

// Runs axe-core at the test's width and again on a 360 px phone, and keeps a full-page
// screenshot at both widths as test artifacts (e2e/test-results/screenshots/).
async function expectAccessible(page) {
  base.expect(await axe(page), 'axe-core finds no WCAG A/AA violations').toEqual([]);
  const info = base.test.info();
  const n = (shots.get(info.testId) || 0) + 1;
  shots.set(info.testId, n);
  const name = `${info.titlePath.slice(1).join(' - ').replace(/[^a-zA-Z0-9-]+/g, '_').slice(0, 80)}-${String(n).padStart(2, '0')}`;
  const dir = path.join(__dirname, '..', 'test-results', 'screenshots');
  await page.screenshot({ path: path.join(dir, `${name}-desktop.png`), fullPage: true });
  const desktop = page.viewportSize();
  await page.setViewportSize(PHONE);
  try {
    await page.screenshot({ path: path.join(dir, `${name}-phone.png`), fullPage: true });
    base.expect(await axe(page), 'axe-core finds no WCAG A/AA violations at 360 px').toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    base.expect(overflow, 'nothing scrolls sideways at 360 px').toBeLessThanOrEqual(0);
  } finally {
    if (desktop) await page.setViewportSize(desktop);
  }
}

module.exports = { test, expect: base.expect, expectAccessible };
