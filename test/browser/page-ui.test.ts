// First: startLocalApp installs the local Forge platform before the app's code loads.
import { startRig, type Rig } from './rig';
import type { LocalApp } from '../../local/dev/app';
import { type Browser, type Page } from 'playwright-core';
import type { AlertSettings } from '../../src/resolvers/contract';

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
      { kind: 'weekly', days: [1, 3], from: '09:00', to: '17:30' },
    ]);
  });
});
