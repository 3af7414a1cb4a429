// Starts the real `cairn` server on a fresh SQLite database with the demo seeded, and drives
// Debian's Chromium against it. Paths and port come from `cargo xtask test`.
const { defineConfig } = require('@playwright/test');
const os = require('os');
const path = require('path');
const fs = require('fs');

const port = Number(process.env.CAIRN_E2E_PORT || 18080);
const root = path.resolve(__dirname, '..');
const bin = process.env.CAIRN_BIN || path.join(root, 'target', 'debug', 'cairn');
const dist = process.env.CAIRN_STATIC_DIR || path.join(root, 'dist');
// Made once by the main process; the workers it starts inherit the environment.
if (!process.env.CAIRN_E2E_DATA) process.env.CAIRN_E2E_DATA = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-e2e-'));
const dataDir = process.env.CAIRN_E2E_DATA;
process.env.CAIRN_E2E_DB = `sqlite://${path.join(dataDir, 'e2e.sqlite')}`;
process.env.CAIRN_BIN = bin;

module.exports = defineConfig({
  testDir: './tests',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: './test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: [
        '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--disable-quic', '--no-first-run',
      ],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: `"${bin}" serve --demo --db "sqlite://${path.join(dataDir, 'e2e.sqlite')}" --addr 127.0.0.1:${port} --static-dir "${dist}" --data-dir "${dataDir}"`,
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
