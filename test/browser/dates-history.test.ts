// First: startLocalApp installs the local Forge platform before the app's code loads.
import { startLocalApp, LOCAL_ADMIN, type LocalApp } from '../../local/dev/app';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Envelope, IntegrationSummary, Overview } from '../../src/resolvers/contract';

/**
 * Dates and the history strip in Debian's Chromium, on the whole local app (`npm start`'s), with
 * the user's time zone set to Pacific/Auckland through the page's address.
 */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const ZONE = 'Pacific/Auckland';

let app: LocalApp;
let browser: Browser;
let page: Page;
let stateDir: string;

async function overview(): Promise<Overview> {
  const answer = (await app.forge.invokeResolver(
    'resolver',
    { call: { functionKey: 'getOverview', payload: {} } },
    { accountId: LOCAL_ADMIN.accountId },
  )) as Envelope<Overview>;
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.data;
}

/** A healthy integration with a known expiry, once the first sweep has checked everything. */
async function checkedWithExpiry(): Promise<IntegrationSummary> {
  for (let i = 0; i < 120; i += 1) {
    const view = await overview();
    const done = view.integrations.length > 0 && view.integrations.every((s) => s.lastCheckedAt);
    const found = view.integrations.find((s) => s.severity === 'ok' && s.expiresAt && !s.paused);
    if (done && found) return found;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the first sweep did not check every demo integration within 60 s');
}

/** The calendar day and wall clock an Auckland admin reads, computed apart from the page's code. */
function aucklandDay(iso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(iso));
}

beforeAll(async () => {
  // The handlers log a line per invocation, as on Forge; the sweep loop makes that a flood here.
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  stateDir = mkdtempSync(path.join(os.tmpdir(), 'token-health-dates-'));
  app = await startLocalApp({
    port: 0,
    demoPortBase: 0,
    reset: true,
    statePath: path.join(stateDir, 'state.json'),
    log: () => undefined,
  });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

it("writes dates as 'YYYY-MM-DD · …' in the user's time zone", async () => {
  const integration = await checkedWithExpiry();
  await page.goto(`${app.url}/?timezone=${encodeURIComponent(ZONE)}`);
  await page.getByText(`Dates and times are in your Jira time zone, ${ZONE}.`).waitFor();

  const row = page.getByRole('row', { name: new RegExp(integration.name) });
  await row.waitFor({ timeout: 30_000 });
  const cells = await row.getByRole('cell').allInnerTexts();
  const expires = aucklandDay(String(integration.expiresAt));
  expect(cells[4]).toMatch(
    new RegExp(`^${expires} · (in \\d+ days|tomorrow|today|yesterday|\\d+ days ago)$`),
  );
  // The page's clock runs with the app's compressed one: a check is minutes old, not hours ahead.
  expect(cells[5]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} · (just now|\d+ min ago|\d+ h ago)$/);
  expect(await page.getByText(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/).count()).toBe(0);
});

it('draws the history as bars, and hovering one shows its time and message', async () => {
  const integration = await checkedWithExpiry();
  await page.goto(`${app.url}/?timezone=${encodeURIComponent(ZONE)}`);
  const row = page.getByRole('row', { name: new RegExp(integration.name) });
  await row.waitFor({ timeout: 30_000 });
  await row.getByRole('button', { name: integration.name, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText(/^Uptime \d+\.\d % over the last 24 hours/).waitFor({ timeout: 20_000 });
  await expect(dialog.getByText('0 %', { exact: true }).count()).resolves.toBe(1);
  await expect(dialog.getByText('100 %', { exact: true }).count()).resolves.toBe(1);

  const bars = dialog.locator('.forge-local-tooltip-target > div');
  await bars.first().waitFor();
  const box = await bars.last().boundingBox();
  expect(box?.width).toBeCloseTo(6, 0);
  expect(box?.height).toBeCloseTo(28, 0);
  const colour = await bars.last().evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(colour).not.toBe('rgba(0, 0, 0, 0)');

  await bars.last().hover();
  const tooltip = page.getByRole('tooltip');
  await tooltip.waitFor();
  const text = await tooltip.innerText();
  expect(text).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} · healthy: \S/);
  const lastChecked = aucklandDay(String(integration.lastCheckedAt));
  expect(text.slice(0, 10) >= lastChecked).toBe(true);

  await dialog.getByRole('button', { name: '30 d' }).click();
  await dialog.getByText(/^Uptime \d+\.\d % over the last 30 days/).waitFor();
});
