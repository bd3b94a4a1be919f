// First: startLocalApp installs the local Forge platform before the app's code loads.
import { startRig, type Rig } from './rig';
import type { LocalApp } from '../../local/dev/app';
import { type Browser, type Page } from 'playwright-core';
import type {
  AlertSettings,
  InventoryInfo,
  Overview,
  OverviewAnswer,
} from '../../src/resolvers/contract';
import { overviewOf } from '../../src/frontend/overview-pages';

/**
 * Issue #24 in Debian's Chromium on the whole local app: a weekly maintenance window saved from
 * an empty form, the attention banner's height, the detail dialog's actions, and the keyboard.
 */
let app: LocalApp;
let browser: Browser;
let rig: Rig;
let page: Page;

beforeAll(async () => {
  rig = await startRig('page-ui');
  ({ app, browser } = rig);
});

afterAll(async () => {
  await rig?.stop();
});

beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
});

afterEach(async () => {
  await page.close();
});

describe('a weekly maintenance window', () => {
  it('is saved from an empty form: days ticked, From and To typed under their labels', async () => {
    await page.goto(app.url);
    await page.getByRole('tab', { name: 'Alerts' }).click({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Add weekly window' }).click();
    await page.getByRole('checkbox', { name: 'Mon' }).check();
    await page.getByRole('checkbox', { name: 'Wed' }).check();
    // The labels are drawn where the admin sees them, and name the fields they sit on.
    await expect(page.locator('label', { hasText: /^From/ }).isVisible()).resolves.toBe(true);
    await expect(page.locator('label', { hasText: /^To/ }).isVisible()).resolves.toBe(true);
    await page.getByLabel(/^From/).fill('09:00');
    await page.keyboard.press('Enter');
    await page.getByLabel(/^To/).fill('17:30');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Save alert policy' }).click();
    await page.getByText('Alert policy saved').waitFor();
    const saved = await rig.call<AlertSettings>('getAlertPolicy', {});
    expect(saved.maintenance).toEqual([
      // A new window keeps the admin's time zone (the local page's context says UTC).
      { kind: 'weekly', days: [1, 3], from: '09:00', to: '17:30', timeZone: 'UTC' },
    ]);
  });
});

/** The first sweep runs at start; wait (at most 60 s) until every integration has a verdict. */
async function firstSweepDone(): Promise<Overview> {
  for (let i = 0; i < 120; i += 1) {
    const view = overviewOf(await rig.call<OverviewAnswer>('getOverview', {}));
    if (view.integrations.every((s) => s.lastCheckedAt)) return view;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the first sweep did not check every integration within 60 s');
}

async function openIntegrations(): Promise<void> {
  await firstSweepDone();
  await page.goto(app.url);
  await page.locator('tbody tr').first().waitFor({ timeout: 30_000 });
}

/** What assistive tech calls the focused element. */
function focusedName(): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement;
    if (active?.tagName !== 'BUTTON') return `(${active?.tagName ?? 'nothing'})`;
    const img = active.querySelector('[aria-label]');
    return active.getAttribute('aria-label') ?? img?.getAttribute('aria-label') ?? '';
  });
}

/** The text of the focused element, as a sighted keyboard user reads it. */
function focusedText(): Promise<string> {
  return page.evaluate(
    () => (document.activeElement as HTMLElement | null)?.innerText.trim() ?? '',
  );
}

describe('the attention banner', () => {
  it('gives each credential one line, and leaves the first rows of the table in view', async () => {
    await openIntegrations();
    const banner = page.locator('section', { hasText: /need.? attention/ });
    const lines = banner.getByRole('listitem');
    const count = await lines.count();
    expect(count).toBeGreaterThan(1);
    expect(count).toBeLessThanOrEqual(6);
    for (let i = 0; i < count; i += 1) {
      const box = await lines.nth(i).boundingBox();
      // One line of 14 px text with a compact button beside it.
      expect(box?.height).toBeLessThan(32);
    }
    const secondRow = await page.locator('tbody tr').nth(1).boundingBox();
    expect(secondRow).not.toBeNull();
    expect(secondRow!.y + secondRow!.height).toBeLessThanOrEqual(768);
  });
});

describe('the keyboard', () => {
  it('reaches the table in a few Tab presses', async () => {
    await openIntegrations();
    let presses = 0;
    let inTable = false;
    while (!inTable && presses < 30) {
      await page.keyboard.press('Tab');
      presses += 1;
      inTable = await page.evaluate(() => !!document.activeElement?.closest('table'));
    }
    expect(inTable).toBe(true);
    expect(presses).toBeLessThanOrEqual(15);
  });

  it('names each row menu; Tab moves through its items, Enter picks one, focus comes back after', async () => {
    const { integrations } = await firstSweepDone();
    const name = integrations[0]!.name;
    await openIntegrations();
    // Into the table by Tab: the row's name, then its cells' focusable parts, then its menu.
    await page.getByRole('button', { name, exact: true }).focus();
    for (let i = 0; i < 10 && (await focusedName()) !== `Actions for ${name}`; i += 1) {
      await page.keyboard.press('Tab');
    }
    await expect(focusedName()).resolves.toBe(`Actions for ${name}`);
    await page.keyboard.press('Enter');
    // The open menu takes focus (Atlaskit's popup focuses its frame); Tab goes to its first item,
    // and Tab and Shift+Tab move between its items.
    const items = ['Check now', 'Details', 'Edit', 'Pause', 'Delete'];
    await page.getByRole('button', { name: 'Details', exact: true }).waitFor();
    for (const item of items) {
      await page.keyboard.press('Tab');
      await expect(focusedText()).resolves.toBe(item);
    }
    for (const item of items.slice(0, -1).reverse()) {
      await page.keyboard.press('Shift+Tab');
      await expect(focusedText()).resolves.toBe(item);
    }
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Check now' }).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // The dialog closes with an animation: give focus a moment to land.
    for (let i = 0; i < 20 && (await focusedName()) !== `Actions for ${name}`; i += 1) {
      await page.waitForTimeout(250);
    }
    await expect(focusedName()).resolves.toBe(`Actions for ${name}`);
    // Escape closes an open menu too, and leaves focus on its button.
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Details', exact: true }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Details', exact: true }).waitFor({ state: 'detached' });
    await expect(focusedName()).resolves.toBe(`Actions for ${name}`);
  });

  it('announces the Test verdict to screen readers', async () => {
    const slack = app.demo.find('alerts-bot');
    if (!slack) throw new Error('the demo has no Slack tenant');
    const { secret } = slack.spec.integration(slack.base);
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Add integration' }).click({ timeout: 30_000 });
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Kind').click();
    await page.getByRole('option', { name: 'Slack token', exact: true }).click();
    await dialog.getByLabel('Name').fill('Announced bot');
    await dialog.getByLabel('API base URL').fill(slack.base);
    await dialog.getByLabel('Token').fill(secret);
    await dialog.getByRole('button', { name: 'Test' }).click();
    await dialog
      .getByRole('status')
      .getByText(/^Test: /)
      .waitFor({ timeout: 30_000 });
  });
});

describe('the detail dialog', () => {
  it('offers Check now and Edit beside Close', async () => {
    const { integrations } = await firstSweepDone();
    const name = integrations[0]!.name;
    await openIntegrations();
    await page.getByRole('button', { name: `Actions for ${name}` }).click();
    await page.getByRole('button', { name: 'Details', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Check now' }).click({ timeout: 30_000 });
    await dialog.getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('dialog').getByText(`Edit ${name}`).waitFor({ timeout: 30_000 });
  });
});

describe('small things', () => {
  it('dismisses a success flag by itself', async () => {
    const { integrations } = await firstSweepDone();
    const name = integrations[0]!.name;
    await openIntegrations();
    await page.getByRole('button', { name: `Actions for ${name}` }).click();
    await page.getByRole('button', { name: 'Details', exact: true }).waitFor();
    // The menu's first item, Check now (the banner may hold another Check now button).
    await page.keyboard.press('Tab');
    await expect(focusedText()).resolves.toBe('Check now');
    await page.keyboard.press('Enter');
    const flag = page.locator('#forge-local-flags [role=status]').first();
    await flag.waitFor({ timeout: 30_000 });
    // Jira takes an auto-dismiss flag away after 8 seconds.
    await flag.waitFor({ state: 'detached', timeout: 15_000 });
  });

  it('shows a snooze lozenge whole, inside its cell, at 1024 px', async () => {
    const { integrations } = await firstSweepDone();
    const row = integrations.find((i) => !i.paused)!;
    // The page's zone here is UTC, as the day sent.
    const until = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    await rig.call('snooze', { id: row.id, until });
    await openIntegrations();
    const lozenge = page.getByText(new RegExp(`^snoozed until ${until}`));
    await lozenge.waitFor();
    const fit = await lozenge.evaluate((text) => {
      const cell = text.closest('td')!.getBoundingClientRect();
      const clipped = [text, ...Array.from(text.querySelectorAll('*'))].some(
        (e) => e.scrollWidth > e.clientWidth + 1,
      );
      const box = text.getBoundingClientRect();
      return { clipped, inside: box.left >= cell.left && box.right <= cell.right + 0.5 };
    });
    expect(fit).toEqual({ clipped: false, inside: true });
    await rig.call('snooze', { id: row.id, until: null });
  });

  it('exports the CSV into a read-only box where Ctrl+A selects all of it', async () => {
    // The demo's first organisation sync runs at start.
    for (let i = 0; i < 120; i += 1) {
      const { sync } = await rig.call<InventoryInfo>('getInventory', {});
      if (sync.lastSuccessAt && !sync.running) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await page.goto(app.url);
    await page.getByRole('tab', { name: 'Organisation tokens' }).click({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Export CSV' }).click({ timeout: 30_000 });
    const box = page.getByRole('dialog').getByLabel(/^org-tokens-\d{4}-\d{2}-\d{2}\.csv$/);
    await box.waitFor({ timeout: 30_000 });
    await box.click();
    await page.keyboard.press('Control+A');
    const state = await box.evaluate((e) => {
      const area = e as HTMLTextAreaElement;
      return {
        readOnly: area.readOnly,
        header: area.value.split('\n')[0],
        all: area.selectionStart === 0 && area.selectionEnd === area.value.length,
        // A text box hands out its lines with \n (HTML's newline normalisation), not CSV's \r\n.
        lines: area.value.split('\n').length,
      };
    });
    expect(state).toMatchObject({ readOnly: true, all: true });
    expect(state.header).toMatch(/^kind,label,owner name,/);
    expect(state.lines).toBeGreaterThan(2);
  });

  it('draws the uptime axis green for the share up and red for the share down', async () => {
    const { integrations } = await firstSweepDone();
    const ci = integrations.find((i) => i.name === 'CI bot')!;
    const control = (action: string) =>
      fetch(`${app.controlUrl}/ci-bot/${action}`, { method: 'POST' });
    await control('revoke');
    await rig.call('checkNow', { id: ci.id });
    await control('restore');
    await rig.call('checkNow', { id: ci.id });
    await openIntegrations();
    await page.getByRole('button', { name: 'CI bot', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/^Uptime \d+\.\d % over the last 24 hours/).waitFor({ timeout: 20_000 });
    const axis = await dialog.getByText('0 %', { exact: true }).evaluate((zero) => {
      const track = zero.nextElementSibling as HTMLElement;
      const fill = track.firstElementChild as HTMLElement;
      const rgb = (e: Element) => getComputedStyle(e).backgroundColor.match(/\d+/g)!.map(Number);
      const share = fill.getBoundingClientRect().width / track.getBoundingClientRect().width;
      return { track: rgb(track), fill: rgb(fill), share };
    });
    const [tr, tg] = axis.track;
    const [fr, fg] = axis.fill;
    expect(tr! > tg! && fg! > fr!).toBe(true);
    expect(axis.share).toBeGreaterThan(0);
    expect(axis.share).toBeLessThan(1);
  });

  it("says 'Updated N ago' on the demo's clock, the one the data's times are on", async () => {
    await openIntegrations();
    const line = page.getByText(/^Updated \d+ (s|min) ago\.$/);
    await line.waitFor();
    // The page's clock is the app's (compressed, 60× here): within a real second of it.
    const [pageNow, appNow] = [await page.evaluate(() => Date.now()), Date.now()];
    expect(Math.abs(pageNow - appNow)).toBeLessThan(60_000);
    // So within a few real seconds the line counts minutes, as a check's "N min ago" does; on
    // the real clock it would still count seconds. A change arriving sets it back to 0 s.
    const seen: string[] = [];
    for (let i = 0; i < 40 && !seen.some((t) => t.includes('min')); i += 1) {
      await page.waitForTimeout(250);
      seen.push(await line.innerText());
    }
    expect(seen.some((t) => /^Updated \d+ min ago\.$/.test(t))).toBe(true);
  });
});
