// First: startLocalApp installs the local Forge platform before the app's code loads.
import { startRig, type Rig } from './rig';
import type { LocalApp } from '../../local/dev/app';
import { type Browser, type Page } from 'playwright-core';
import type { OverviewAnswer } from '../../src/resolvers/contract';
import { overviewOf } from '../../src/frontend/overview-pages';

/**
 * Owners by name on the local app (what `npm start` runs) in Debian's Chromium: the owner is
 * picked with the UserPicker from the local Jira's users, saved as an account id, and the table
 * shows the person's name with the id on hover. Needs /usr/bin/chromium.
 */
let app: LocalApp;
let browser: Browser;
let page: Page;
let rig: Rig;

const overview = async () => overviewOf(await rig.call<OverviewAnswer>('getOverview', {}));

beforeAll(async () => {
  rig = await startRig('owners');
  ({ app, browser } = rig);
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
});

afterAll(async () => {
  await rig?.stop();
});

it('picks an owner with the UserPicker, saves the account id and shows the name in the table', async () => {
  const slack = app.demo.find('alerts-bot');
  if (!slack) throw new Error('the demo has no Slack tenant');
  const { secret } = slack.spec.integration(slack.base);
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Add integration' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Kind').click();
  await page.getByRole('option', { name: 'Slack token' }).click();
  await dialog.getByLabel('Name').fill('Owned bot');
  await dialog.getByLabel('API base URL').fill(slack.base);
  await dialog.getByLabel('Token').fill(secret);
  await dialog.getByLabel('Owner').fill('priya');
  await page.getByRole('option', { name: 'Priya Raman' }).click();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached', timeout: 20_000 });

  const saved = (await overview()).integrations.find((s) => s.name === 'Owned bot');
  expect(saved).toMatchObject({ ownerAccountId: 'local-priya', ownerName: 'Priya Raman' });
  const row = page.getByRole('row', { name: /Owned bot/ });
  await row.waitFor({ timeout: 20_000 });
  const owner = row.getByText('Priya Raman', { exact: true });
  await owner.waitFor();
  await expect(row.getByText('local-priya').count()).resolves.toBe(0);
  await owner.hover();
  await page.getByRole('tooltip').filter({ hasText: 'Account id: local-priya' }).waitFor();
});
