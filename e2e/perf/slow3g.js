// Times the first screen of the residents' app on Chromium's "Slow 3G" network profile
// (DevTools' preset: 2,000 ms latency, 50,000 bytes/s down and up), with a cold cache.
// Usage: start `cairn serve --demo …`, then `node perf/slow3g.js [URL] [RUNS]` from e2e/.
// Prints, per run and as the median: the HTML's arrival, the first paint with content, when
// the portal is usable (its heading and round links on screen: the server's first screen),
// when the Wasm app has taken over, and the layout shift (CLS) up to then.
const { chromium } = require('@playwright/test');

const url = process.argv[2] || 'http://127.0.0.1:8080/';
const runs = Number(process.argv[3] || 3);
const SLOW_3G = { offline: false, latency: 2000, downloadThroughput: 50000, uploadThroughput: 50000 };

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const usable = [];
  for (let i = 0; i < runs; i += 1) {
    const context = await browser.newContext({ viewport: { width: 360, height: 780 } });
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.__cls = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
    const start = Date.now();
    await page.goto(url, { waitUntil: 'commit' });
    const html = Date.now() - start;
    await page.getByRole('heading', { level: 1 }).waitFor({ timeout: 120_000 });
    await page.getByRole('link').filter({ hasText: /\S/ }).nth(2).waitFor({ timeout: 120_000 });
    const ready = Date.now() - start;
    await page.waitForFunction(() => !document.getElementById('first-screen') && !document.getElementById('loading'),
      null, { timeout: 120_000, polling: 50 });
    const app = Date.now() - start;
    const cls = await page.evaluate(() => window.__cls);
    const paint = await page.evaluate(() => {
      const entry = performance.getEntriesByName('first-contentful-paint')[0];
      return entry ? Math.round(entry.startTime) : null;
    });
    usable.push(ready);
    console.log(`run ${i + 1}: HTML ${html} ms, first contentful paint ${paint} ms, portal usable ${ready} ms, app running ${app} ms, layout shift ${cls.toFixed(4)}`);
    await context.close();
  }
  await browser.close();
  usable.sort((a, b) => a - b);
  console.log(`median time to a usable portal on Slow 3G: ${usable[Math.floor(usable.length / 2)]} ms`);
})();
