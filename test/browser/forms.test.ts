// First: startLocalApp installs the local Forge platform before the app's code loads.
import { startRig, type Rig } from './rig';
import type { LocalApp } from '../../local/dev/app';
import { type Browser, type Locator, type Page } from 'playwright-core';

/**
 * The add integration dialog in Debian's Chromium, on the whole local app: how it answers the
 * keyboard, where its messages appear, what it asks before throwing typed work away.
 */
let app: LocalApp;
let browser: Browser;
let page: Page;
let rig: Rig;

beforeAll(async () => {
  rig = await startRig('forms');
  ({ app, browser } = rig);
  // A laptop's height: the form is longer than the dialog, so its body scrolls.
  page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
});

afterAll(async () => {
  await rig?.stop();
});

async function openAdd(kind: string): Promise<Locator> {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Add integration' }).click({ timeout: 30_000 });
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Kind').click();
  await page.getByRole('option', { name: kind, exact: true }).click();
  return dialog;
}

/** How far below the bottom of `above` the top of `below` starts, in pixels. */
async function gap(above: Locator, below: Locator): Promise<number> {
  const [a, b] = await Promise.all([above.boundingBox(), below.boundingBox()]);
  if (!a || !b) throw new Error('not drawn');
  return b.y - (a.y + a.height);
}

async function inViewport(locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const size = page.viewportSize();
  if (!box || !size) return false;
  return box.y >= 0 && box.y + box.height <= size.height && box.x >= 0;
}

it('closes an open dropdown on Escape and keeps the dialog open', async () => {
  const dialog = await openAdd('Any HTTP API');
  await dialog.getByLabel('Name').fill('Status API');
  await dialog.getByLabel('Method').click();
  await expect(page.getByRole('option').count()).resolves.toBe(3);
  await page.keyboard.press('Escape');
  await page.getByRole('option').first().waitFor({ state: 'detached' });
  await expect(dialog.isVisible()).resolves.toBe(true);
  await expect(page.getByText('Discard your changes?').count()).resolves.toBe(0);
  await expect(dialog.getByLabel('Name').inputValue()).resolves.toBe('Status API');
  // The dropdown shows the default that applies, not an empty choice.
  await expect(dialog.getByText('GET', { exact: true }).isVisible()).resolves.toBe(true);
});

it('asks before closing with typed changes, and closes at once without them', async () => {
  let dialog = await openAdd('GitHub token');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });

  dialog = await openAdd('GitHub token');
  await dialog.getByLabel('Name').fill('Half-typed bot');
  await page.keyboard.press('Escape');
  await dialog.getByText('Discard your changes?').waitFor();
  await dialog.getByRole('button', { name: 'Keep editing' }).click();
  await expect(dialog.getByLabel('Name').inputValue()).resolves.toBe('Half-typed bot');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.getByRole('button', { name: 'Discard' }).click();
  await dialog.waitFor({ state: 'detached' });
});

it('shows every problem at once, each right under its field', async () => {
  const dialog = await openAdd('GitHub token');
  await dialog.getByLabel('API base URL').fill('ftp://example.com');
  await dialog.getByRole('button', { name: 'Save' }).click();
  const problems: [string, string][] = [
    ['Name', 'Name is required'],
    ['API base URL', 'must use https:// (http:// is accepted only for 127.0.0.1 and localhost)'],
    ['Token', 'enter the secret'],
  ];
  for (const [label, message] of problems) {
    const error = dialog.getByText(message, { exact: true });
    await error.waitFor();
    const below = await gap(dialog.getByLabel(label), error);
    expect(below).toBeGreaterThanOrEqual(0);
    expect(below).toBeLessThan(24);
  }
  // One title counts them; no generic line repeats it.
  await expect(dialog.getByText('3 fields need fixing', { exact: true }).count()).resolves.toBe(1);
  await expect(dialog.getByText(/Some fields need fixing/).count()).resolves.toBe(0);
});

it('asks for a service account in plain words: Jira, Client ID in sight, every required field marked', async () => {
  const dialog = await openAdd('Jira or Confluence Data Center service account (OAuth 2.0)');
  await expect(dialog.getByLabel('Client ID').getAttribute('type')).resolves.toBe('text');
  await expect(dialog.getByLabel('Client secret').getAttribute('type')).resolves.toBe('password');
  await dialog.getByLabel('Product').click();
  const options = await page.getByRole('option').allTextContents();
  expect(options).toEqual(['Jira', 'Confluence']);
  await page.keyboard.press('Escape');
  for (const label of ['Name', 'Base URL', 'Client ID', 'Client secret']) {
    const text = await dialog.locator('label', { hasText: label }).first().textContent();
    expect([label, text?.trim().endsWith('*')]).toEqual([label, true]);
  }
});

it('shows the Test verdict in view, beside the Test button', async () => {
  const slack = app.demo.find('alerts-bot');
  if (!slack) throw new Error('the demo has no Slack tenant');
  const { secret } = slack.spec.integration(slack.base);
  const dialog = await openAdd('Slack token');
  await dialog.getByLabel('Name').fill('Browser test bot');
  await dialog.getByLabel('API base URL').fill(slack.base);
  await dialog.getByLabel('Token').fill(secret);
  const test = dialog.getByRole('button', { name: 'Test' });
  await test.click();
  const verdict = dialog.getByText(/^Test: /);
  await verdict.waitFor({ timeout: 30_000 });
  await expect(inViewport(verdict)).resolves.toBe(true);
  await expect(inViewport(test)).resolves.toBe(true);
  const below = await gap(verdict, test);
  expect(below).toBeGreaterThanOrEqual(0);
  expect(below).toBeLessThan(200);
});
