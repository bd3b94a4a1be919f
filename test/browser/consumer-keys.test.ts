// First: startLocalApp installs the local Forge platform before the app's code loads.
import { startRig, type Rig } from './rig';
import type { Page } from 'playwright-core';
import type { OverviewAnswer } from '../../src/resolvers/contract';
import { overviewOf } from '../../src/frontend/overview-pages';

/**
 * The consumer key form of a kept grant's detail dialog in Debian's Chromium, on the whole local
 * app: create a key, rotate it with an overlap the admin types, revoke it.
 */
let rig: Rig;
let page: Page;

beforeAll(async () => {
  rig = await startRig('consumer-keys');
  page = await rig.browser.newPage({ viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await rig?.stop();
});

interface Listed {
  keys: { id: string; name: string; state: string; expiresAt: string; rotatedFrom?: string }[];
}

/** The demo's kept OAuth grant. */
async function keptGrant(): Promise<{ id: string; name: string }> {
  const { integrations } = overviewOf(await rig.call<OverviewAnswer>('getOverview', {}));
  const found = integrations.find((i) => i.name === 'Marketplace sync');
  if (!found) throw new Error('the demo has no kept OAuth grant');
  return found;
}

const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

it('creates a key, rotates it with the overlap typed, refusing one too long, and revokes it', async () => {
  const grant = await keptGrant();
  const before = (await rig.call<Listed>('listConsumerKeys', { integrationId: grant.id })).keys;
  await page.goto(rig.app.url);
  await page.getByRole('button', { name: `Actions for ${grant.name}` }).click({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Details', exact: true }).click();
  const dialog = page.getByRole('dialog');

  await dialog.getByLabel('Key name').fill('Browser job');
  const expires = dialog.getByLabel('Expires (at most a year)');
  await expires.fill(day(60));
  await expires.press('Enter');
  await dialog.getByRole('button', { name: 'Create key' }).click();
  await dialog.getByText('New key for Browser job: copy it now').waitFor({ timeout: 20_000 });
  await expect(dialog.getByText(/^thk_[A-Za-z0-9_-]{43}$/).count()).resolves.toBe(1);

  await dialog.getByRole('button', { name: 'Rotate Browser job' }).click();
  const overlap = dialog.getByLabel('Old key keeps working for (hours)');
  await expect(overlap.inputValue()).resolves.toBe('24');
  await overlap.fill('1000');
  await dialog.getByRole('button', { name: 'Make the new key' }).click();
  await dialog
    .getByText('Overlap: the old key keeps working at most 30 days (720 hours)', { exact: true })
    .waitFor();
  await overlap.fill('48');
  await dialog.getByRole('button', { name: 'Make the new key' }).click();
  await overlap.waitFor({ state: 'detached', timeout: 20_000 });

  const mine = (
    await rig.call<Listed>('listConsumerKeys', { integrationId: grant.id })
  ).keys.filter((k) => !before.some((b) => b.id === k.id));
  const [old, fresh] = mine;
  expect(fresh).toMatchObject({ name: 'Browser job', rotatedFrom: old?.id, state: 'active' });
  const kept = Date.parse(old?.expiresAt ?? '') - Date.now();
  expect(kept).toBeGreaterThan(47 * 3_600_000);
  expect(kept).toBeLessThanOrEqual(48 * 3_600_000);

  await dialog.getByRole('button', { name: 'Revoke Browser job' }).first().click();
  await dialog.getByText('revoked', { exact: true }).first().waitFor({ timeout: 20_000 });
  const after = (await rig.call<Listed>('listConsumerKeys', { integrationId: grant.id })).keys;
  expect(after.filter((k) => k.state === 'revoked').map((k) => k.name)).toEqual(['Browser job']);
});
