// First: startLocalApp installs the local Forge platform before the app's code loads.
import { startRig, type Rig } from './rig';
import type { LocalApp } from '../../local/dev/app';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import type { OverviewAnswer } from '../../src/resolvers/contract';
import { overviewOf } from '../../src/frontend/overview-pages';

/**
 * The integrations table where Jira puts it: on a 1024 px screen Jira's sidebar leaves the app's
 * frame about 780 px, so the page is tried at that width, and at 1024 and 1440 px. Needs
 * /usr/bin/chromium, like admin-page.test.ts.
 */
const ROOT = path.resolve(__dirname, '../..');
/** Git-ignored unless TOKEN_HEALTH_SCREENSHOT_DIR=docs refreshes the README's screenshots. */
const SCREENSHOT_DIR = path.resolve(
  ROOT,
  process.env.TOKEN_HEALTH_SCREENSHOT_DIR ?? '.screenshots',
);
const LONG_NAME =
  'Nightly warehouse export for the finance team quarterly revenue and churn reports';
const WIDTHS = [780, 1024, 1440];

let app: LocalApp;
let browser: Browser;
let rig: Rig;

const call = <T>(functionKey: string, payload: unknown) => rig.call<T>(functionKey, payload);

/** The first sweep runs at start; wait (at most 60 s) until every integration has a verdict. */
async function firstSweepDone(): Promise<void> {
  for (let i = 0; i < 120; i += 1) {
    const view = overviewOf(await call<OverviewAnswer>('getOverview', {}));
    if (view.integrations.every((s) => s.lastCheckedAt)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the first sweep did not check every integration within 60 s');
}

async function openPage(width: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.goto(app.url);
  await page.getByRole('table').waitFor({ timeout: 30_000 });
  return page;
}

/** The names in the table, top to bottom. */
function rowNames(page: Page): Promise<string[]> {
  return page
    .getByRole('table')
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => r.querySelector('td button')?.textContent ?? ''));
}

beforeAll(async () => {
  rig = await startRig('table');
  ({ app, browser } = rig);
  const slack = app.demo.find('alerts-bot');
  if (!slack) throw new Error('the demo has no Slack tenant');
  const { config, secret } = slack.spec.integration(slack.base);
  await call('createIntegration', { config: { ...config, name: LONG_NAME }, secret });
  await firstSweepDone();
});

afterAll(async () => {
  await rig?.stop();
});

describe.each(WIDTHS)('at %i px wide', (width) => {
  let page: Page;
  beforeAll(async () => {
    page = await openPage(width);
  });
  afterAll(() => page.close());

  it('scrolls neither the table nor the page sideways', async () => {
    const sizes = await page.getByRole('table').evaluate((table) => {
      const page = document.documentElement;
      const box = table.parentElement ?? table;
      return {
        table: { scroll: box.scrollWidth, client: box.clientWidth },
        page: { scroll: page.scrollWidth, client: page.clientWidth },
      };
    });
    expect(sizes.table.scroll).toBeLessThanOrEqual(sizes.table.client);
    expect(sizes.page.scroll).toBeLessThanOrEqual(sizes.page.client);
  });

  it('cuts a long name short and shows it in full on hover', async () => {
    const name = page.getByRole('table').getByRole('button', { name: LONG_NAME, exact: true });
    const cut = await name.evaluate((button) => {
      const label = button.querySelector('span') ?? button;
      return label.scrollWidth > label.clientWidth;
    });
    expect(cut).toBe(true);
    await name.hover();
    await page.getByRole('tooltip').filter({ hasText: LONG_NAME }).waitFor();
    await page.mouse.move(0, 0);
  });

  it('keeps each date on one line', async () => {
    const dates = page.getByRole('table').getByText(/^\d{4}-\d{2}-\d{2}$/);
    expect(await dates.count()).toBeGreaterThan(3);
    const lines = await dates.evaluateAll((cells) =>
      cells.map((cell) => {
        const lineHeight = parseFloat(getComputedStyle(cell).lineHeight);
        return Math.round(cell.getBoundingClientRect().height / lineHeight);
      }),
    );
    expect(new Set(lines)).toEqual(new Set([1]));
  });

  it('starts the content of every cell at its left edge', async () => {
    const offsets = await page
      .getByRole('table')
      .locator('th, td')
      .evaluateAll((cells) =>
        cells.flatMap((cell) => {
          const range = document.createRange();
          range.selectNodeContents(cell);
          const first = range.getClientRects()[0];
          if (!first) return [];
          const start =
            cell.getBoundingClientRect().left + parseFloat(getComputedStyle(cell).paddingLeft);
          return [Math.round(first.left - start)];
        }),
      );
    expect(offsets.length).toBeGreaterThan(50);
    expect(Math.max(...offsets.map(Math.abs))).toBeLessThanOrEqual(1);
  });
});

it('holds the row actions in a ⋯ menu, whose Check now checks without moving the row', async () => {
  const page = await openPage(1024);
  const before = await rowNames(page);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'screenshot-1024.png'), fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'screenshot-1440.png'), fullPage: true });
  await page.setViewportSize({ width: 1024, height: 900 });

  // CI bot is healthy and sorts low; revoked, it fails, and sorting by urgency would lift it.
  const revoke = await fetch(`${app.controlUrl}/ci-bot/revoke`, { method: 'POST' });
  expect(revoke.status).toBe(200);

  const row = page.getByRole('row', { name: /CI bot/ }).first();
  await row.getByRole('button', { name: /^Actions for / }).click();
  const items = ['Check now', 'Details', 'Edit', 'Pause', 'Delete'];
  // The banner may offer Check now too: the menu's items are drawn last, in its popup.
  const menuItem = (name: string) => page.getByRole('button', { name, exact: true }).last();
  for (const item of items) await menuItem(item).waitFor();
  await menuItem('Check now').click();
  await page.getByRole('status').filter({ hasText: 'Checked CI bot' }).waitFor({ timeout: 30_000 });
  await row.getByText('rejected', { exact: true }).waitFor({ timeout: 30_000 });
  expect(await rowNames(page)).toEqual(before);

  await page.close();
});
