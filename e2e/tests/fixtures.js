// Shared test fixtures: every page is checked for script errors and CSP violations, and
// `expectAccessible` runs axe-core for WCAG 2.x A/AA (and 2.2) rules.
const base = require('@playwright/test');
const { AxeBuilder } = require('@axe-core/playwright');

const test = base.test.extend({
  page: async ({ page }, use) => {
    const problems = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      const text = message.text();
      if (message.type() === 'error' && !/Failed to load resource: the server responded with a status of 404/.test(text)) {
        problems.push(`console error: ${text}`);
      }
      if (/Content[- ]Security[- ]Policy/i.test(text)) problems.push(`CSP: ${text}`);
    });
    await use(page);
    base.expect(problems, 'the page logged no errors and no CSP violations').toEqual([]);
  },
});

async function expectAccessible(page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  base.expect(summary, 'axe-core finds no WCAG A/AA violations').toEqual([]);
}

module.exports = { test, expect: base.expect, expectAccessible };
