// First: startLocalApp installs the local Forge platform before the app's code loads.
import { startRig, type Rig } from './rig';
import type { LocalApp } from '../../local/dev/app';
import { type Browser, type Page } from 'playwright-core';
import type { IntegrationSummary, OverviewAnswer } from '../../src/resolvers/contract';
import { overviewOf } from '../../src/frontend/overview-pages';

/**
 * Dates and the history strip in Debian's Chromium, on the whole local app (`npm start`'s), with
 * the user's time zone set to Pacific/Auckland through the page's address.
 */
const ZONE = 'Pacific/Auckland';

let app: LocalApp;
let browser: Browser;
let page: Page;
let rig: Rig;

const overview = async () => overviewOf(await rig.call<OverviewAnswer>('getOverview', {}));

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

/** A row by the name it starts with: demo names hold regular-expression characters, "(…)". */
const rowName = (name: string) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

beforeAll(async () => {
  rig = await startRig('dates');
  ({ app, browser } = rig);
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
});

afterAll(async () => {
  await rig?.stop();
});

it("writes dates as 'YYYY-MM-DD · …' in the user's time zone", async () => {
  const integration = await checkedWithExpiry();
  await page.goto(`${app.url}/?timezone=${encodeURIComponent(ZONE)}`);
  await page.getByText(`Dates and times are in your Jira time zone, ${ZONE}.`).waitFor();

  const row = page.getByRole('row', { name: rowName(integration.name) });
  await row.waitFor({ timeout: 30_000 });
  const cells = await row.getByRole('cell').allInnerTexts();
  const expires = aucklandDay(String(integration.expiresAt));
  // The table puts the day and its hint on two lines, to fit the column.
  expect(cells[4]).toMatch(
    new RegExp(`^${expires}\\s+(in \\d+ days|tomorrow|today|yesterday|\\d+ days ago)$`),
  );
  // The page's clock runs with the app's compressed one: a check is minutes old, not hours ahead.
  expect(cells[5]).toMatch(/^(just now|\d+ min ago|\d+ h ago)/);
  expect(await page.getByText(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/).count()).toBe(0);
});

it('draws the history as bars, and hovering one shows its time and message', async () => {
  const integration = await checkedWithExpiry();
  await page.goto(`${app.url}/?timezone=${encodeURIComponent(ZONE)}`);
  const row = page.getByRole('row', { name: rowName(integration.name) });
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
