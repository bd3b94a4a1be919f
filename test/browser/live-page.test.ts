// First: startLocalApp installs the local Forge platform before the app's code loads.
import { startRig, type Rig } from './rig';
import type { LocalApp } from '../../local/dev/app';
import { type Browser, type Page } from 'playwright-core';

/**
 * The admin page stays live: the whole local app in Debian's Chromium, the page polling every
 * second (TOKEN_HEALTH_POLL_SECONDS; the default is 60) so the test takes seconds, not minutes.
 */
let app: LocalApp;
let browser: Browser;
let page: Page;
let rig: Rig;

async function control(action: string): Promise<void> {
  const res = await fetch(`${app.controlUrl}/${action}`, { method: 'POST' });
  if (!res.ok) throw new Error(`POST /control/${action}: ${res.status}`);
}

/** Set on the window once: still there later means the page was never reloaded. */
const markPage = () => page.evaluate(() => Object.assign(window, { stayedLive: true }));
const stillSamePage = () =>
  page.evaluate(() => (window as unknown as { stayedLive?: boolean }).stayedLive === true);

beforeAll(async () => {
  process.env.TOKEN_HEALTH_POLL_SECONDS = '1';
  rig = await startRig('live');
  ({ app, browser } = rig);
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
});

afterAll(async () => {
  delete process.env.TOKEN_HEALTH_POLL_SECONDS;
  await rig?.stop();
});

it('turns a revoked credential from healthy to rejected without a reload, saying when it updated', async () => {
  await page.goto(app.url);
  const row = page.getByRole('row', { name: /^CI bot/ });
  await row.getByText('healthy', { exact: true }).waitFor({ timeout: 60_000 });
  await page.getByText(/^Updated \d+ (s|min) ago\.$/).waitFor();
  await markPage();

  await control('ci-bot/revoke');
  await control('sweep');
  await row.getByText('rejected', { exact: true }).waitFor({ timeout: 60_000 });
  await page.getByText(/^Updated \d+ (s|min) ago\.$/).waitFor();
  expect(await stillSamePage()).toBe(true);
});

it('stops the Organisation tokens sync spinner once the sync has finished', async () => {
  await page.getByRole('tab', { name: 'Organisation tokens' }).click();
  const syncNow = page.getByRole('button', { name: 'Sync now' });
  await syncNow.waitFor({ timeout: 30_000 });
  await expect(syncNow.isEnabled()).resolves.toBe(true);
  // The Admin API answers slowly for a while, so the sync is seen under way.
  await control('org-admin/slow?ms=2000');
  await syncNow.click();
  const underWay = page.getByText(/^Sync under way since/);
  await underWay.waitFor({ timeout: 30_000 });
  // While it runs, the last sync's result is not called up to date, and no "0 tokens listed".
  await expect(page.getByText('Inventory up to date').count()).resolves.toBe(0);
  await expect(page.getByText(/\b0 tokens listed/).count()).resolves.toBe(0);
  await control('org-admin/fast');
  await underWay.waitFor({ state: 'detached', timeout: 60_000 });
  await page.getByText('Inventory up to date').waitFor();
  expect(await stillSamePage()).toBe(true);
});
