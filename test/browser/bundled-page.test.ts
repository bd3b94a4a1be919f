// First: startLocalApp installs the local Forge platform before the app's code loads.
import { startLocalApp, DEFAULT_BUNDLE_DIR, type LocalApp } from '../../local/dev/app';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * `npm start -- --bundle`: the backend from the index.cjs Forge's bundler wrote and the page from
 * the UI Kit resource bundle it built, in Debian's Chromium. Builds the bundle when it is missing.
 */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-sync'];
const ROOT = path.resolve(__dirname, '../..');

let app: LocalApp;
let browser: Browser;
let page: Page;
let stateDir: string;
const served: string[] = [];

beforeAll(async () => {
  if (!existsSync(path.join(DEFAULT_BUNDLE_DIR, 'backend', 'index.cjs'))) {
    const built = spawnSync('npx', ['tsx', 'scripts/forge-bundle.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 600_000,
    });
    if (built.status !== 0) throw new Error(`the Forge bundle failed:\n${built.stdout}`);
  }
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  stateDir = mkdtempSync(path.join(os.tmpdir(), 'token-health-bundled-'));
  app = await startLocalApp({
    port: 0,
    demoPortBase: 0,
    reset: true,
    statePath: path.join(stateDir, 'state.json'),
    bundleDir: DEFAULT_BUNDLE_DIR,
    log: () => undefined,
  });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('response', (res) => served.push(`${res.status()} ${new URL(res.url()).pathname}`));
}, 700_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

it("draws the admin page from Forge's own UI bundle, talking to the bundled backend", async () => {
  expect(app.bundled).toBe(true);
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Add integration' }).waitFor({ timeout: 60_000 });
  expect(served).toContain('200 /forge-ui/main.js');
  // The table's rows come from the bundled backend's getOverview through the bridge.
  await page
    .getByRole('row', { name: /Atlassian/ })
    .first()
    .waitFor({ timeout: 60_000 });
  const invocations = app.forge.invocations.filter((i) => i.functionKey === 'resolver');
  expect(invocations.length).toBeGreaterThan(0);
});
