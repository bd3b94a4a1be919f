// First: startLocalApp installs the local Forge platform before the app's code loads.
import { startRig, type Rig } from './rig';
import type { LocalApp } from '../../local/dev/app';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import type { Overview, OverviewAnswer } from '../../src/resolvers/contract';
import { overviewOf } from '../../src/frontend/overview-pages';

/**
 * The whole local app (what `npm start` runs) in Debian's Chromium: the demo services, the real
 * handlers on the local Forge runtime, the real frontend in the page. Needs /usr/bin/chromium.
 */
const ROOT = path.resolve(__dirname, '../..');
/**
 * Screenshots go to a git-ignored folder, so a test run changes no tracked file; to refresh the
 * README's, run `TOKEN_HEALTH_SCREENSHOT_DIR=docs npm run test:browser`.
 */
const SCREENSHOT_DIR = path.resolve(
  ROOT,
  process.env.TOKEN_HEALTH_SCREENSHOT_DIR ?? '.screenshots',
);
const SCREENSHOT = path.join(SCREENSHOT_DIR, 'screenshot.png');

/** Tracked files that differ from the last commit: the same before and after the run. */
function changedTrackedFiles(): string | null {
  try {
    return execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
  } catch {
    return null; // not a git checkout: nothing to compare
  }
}
const trackedBefore = changedTrackedFiles();

let app: LocalApp;
let browser: Browser;
let page: Page;
let rig: Rig;

const overview = async () => overviewOf(await rig.call<OverviewAnswer>('getOverview', {}));

/** The first sweep runs at start; wait (at most 60 s) until every integration has a verdict. */
async function firstSweepDone(): Promise<Overview> {
  for (let i = 0; i < 120; i += 1) {
    const view = await overview();
    if (view.integrations.length > 0 && view.integrations.every((s) => s.lastCheckedAt))
      return view;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the first sweep did not check every demo integration within 60 s');
}

beforeAll(async () => {
  process.env.TOKEN_HEALTH_POLL_SECONDS = '1';
  rig = await startRig('browser');
  ({ app, browser } = rig);
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
});

afterAll(async () => {
  delete process.env.TOKEN_HEALTH_POLL_SECONDS;
  await rig?.stop();
});

it('shows the broken credentials in the banner, adds an integration through the form and checks it', async () => {
  await firstSweepDone();
  await page.goto(app.url);
  const banner = page.getByText(/credentials? needs? attention/);
  await banner.waitFor({ timeout: 30_000 });
  // Read after the banner is drawn: a later sweep may confirm an unreachable one as critical.
  const view = await overview();
  const broken = view.integrations
    .filter((s) => s.severity === 'critical' && !s.paused && !s.snoozedUntil)
    .map((s) => s.name);
  expect(broken.length).toBeGreaterThan(3);
  // Failing ones come first, by name; the banner lists five and counts the rest.
  const listed = [...broken].sort((a, b) => a.localeCompare(b)).slice(0, 5);
  const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const name of listed) {
    // The page follows what changed (polling every second here), so it catches up if it lags.
    const line = new RegExp(`^${escaped(name)} · `);
    await page.getByRole('listitem').filter({ hasText: line }).waitFor({ timeout: 20_000 });
  }
  const warned = view.integrations.filter((s) => s.severity === 'warning' && !s.paused).length;
  const rest = broken.length + warned - listed.length;
  if (rest > 0) await page.getByText(`and ${rest} more: see the table below`).waitFor();

  const slack = app.demo.find('alerts-bot');
  if (!slack) throw new Error('the demo has no Slack tenant');
  const { secret } = slack.spec.integration(slack.base);
  await page.getByRole('button', { name: 'Add integration' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Kind').click();
  await page.getByRole('option', { name: 'Slack token' }).click();
  await dialog.getByLabel('Name').fill('Browser test bot');
  await dialog.getByLabel('API base URL').fill(slack.base);
  await dialog.getByLabel('Token').fill(secret);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached', timeout: 20_000 });
  // Each action is confirmed by a flag in the corner, as Jira shows showFlag().
  await page.getByRole('status').filter({ hasText: 'Saved Browser test bot' }).waitFor();

  const row = page.getByRole('row', { name: /Browser test bot/ });
  await row.waitFor({ timeout: 20_000 });
  await row.getByRole('button', { name: /^Actions for / }).click();
  // The banner may offer Check now too: the menu's is drawn last, in its popup.
  await page.getByRole('button', { name: 'Check now', exact: true }).last().click();
  await row.getByText('healthy', { exact: true }).waitFor({ timeout: 30_000 });
  await page.getByRole('status').filter({ hasText: 'Checked Browser test bot' }).waitFor();
  await expect(page.locator('.forge-local-flag').count()).resolves.toBeGreaterThan(0);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
});

it('adds a GitHub App through the form: the pasted .pem loses its line breaks in the field and still works', async () => {
  const demoApp = app.demo.find('deploy-app');
  if (!demoApp) throw new Error('the demo has no GitHub App tenant');
  const { secret } = demoApp.spec.integration(demoApp.base);
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Add integration' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Kind').click();
  await page.getByRole('option', { name: 'GitHub App' }).click();
  await dialog.getByLabel('Name').fill('Browser app');
  await dialog.getByLabel('App ID').fill('482913');
  await dialog.getByLabel('Account', { exact: true }).fill('acme');
  await dialog.getByLabel('API base URL').fill(demoApp.base);
  const keyField = dialog.getByLabel('Private key (.pem file)');
  await keyField.fill(secret);
  // An <input> strips line breaks from its value, as the HTML spec's sanitisation says.
  expect(await keyField.inputValue()).not.toContain('\n');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached', timeout: 20_000 });

  const row = page.getByRole('row', { name: /Browser app/ });
  await row.waitFor({ timeout: 20_000 });
  await row.getByRole('button', { name: /^Actions for / }).click();
  // The banner may offer Check now too: the menu's is drawn last, in its popup.
  await page.getByRole('button', { name: 'Check now', exact: true }).last().click();
  await row.getByText('healthy', { exact: true }).waitFor({ timeout: 30_000 });
});

it('changes no tracked file of the repository', () => {
  expect(changedTrackedFiles()).toBe(trackedBefore);
});
