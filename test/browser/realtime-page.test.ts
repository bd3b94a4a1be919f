// First: startLocalApp installs the local Forge platform before the app's code loads.
import { startRig, type Rig } from './rig';
import type { LocalApp } from '../../local/dev/app';
import type { Browser, Page } from 'playwright-core';
import type { IntegrationSummary } from '../../src/domain/summary';

/**
 * A verdict stored by a check reaches the open page over Forge Realtime (Preview) within 5 s,
 * though the page polls the change markers only every minute (the default interval): the whole
 * local app in Debian's Chromium, the local host serving realtime.subscribeGlobal as Forge does.
 */
let app: LocalApp;
let browser: Browser;
let rig: Rig;

const WITHIN_MS = 5_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function control(action: string): Promise<void> {
  const res = await fetch(`${app.controlUrl}/${action}`, { method: 'POST' });
  if (!res.ok) throw new Error(`POST /control/${action}: ${res.status}`);
}

/** The stored overview row named `name`, read straight from the runtime's store. */
function storedRow(name: string): IntegrationSummary | undefined {
  return app.forge.kvs
    .keys()
    .filter((key) => key.startsWith('summary:'))
    .map((key) => app.forge.kvs.get(key) as IntegrationSummary)
    .find((row) => row.name === name);
}

/** When (performance.now) the stored row first shows `verdict`: checked every 50 ms, for 60 s at most. */
async function storedAt(name: string, verdict: string): Promise<number> {
  for (let waited = 0; waited < 60_000; waited += 50) {
    if (storedRow(name)?.verdict === verdict) return performance.now();
    await sleep(50);
  }
  throw new Error(`${name} was not stored ${verdict} within a minute`);
}

/** The page, once the row named `name` shows `verdict`; `prepare` runs before it loads. */
async function openPage(
  name: string,
  verdict: string,
  prepare: (page: Page) => Promise<unknown> = async () => undefined,
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await prepare(page);
  await page.goto(app.url);
  const row = page.getByRole('row', { name: new RegExp(`^${name}`) });
  await row.getByText(verdict, { exact: true }).waitFor({ timeout: 60_000 });
  return page;
}

beforeAll(async () => {
  rig = await startRig('realtime');
  ({ app, browser } = rig);
});

afterAll(async () => {
  await rig?.stop();
});

it('shows a revoked credential as rejected within 5 s of the check that found it', async () => {
  const page = await openPage('CI bot', 'healthy');
  const stored = storedAt('CI bot', 'rejected');
  await control('ci-bot/revoke');
  const row = page.getByRole('row', { name: /^CI bot/ });
  await row.getByText('rejected', { exact: true }).waitFor({ timeout: 60_000 });
  const shownAt = performance.now();
  expect(shownAt - (await stored)).toBeLessThan(WITHIN_MS);
  await page.close();
});

it('keeps polling the change markers when the realtime subscription fails', async () => {
  process.env.TOKEN_HEALTH_POLL_SECONDS = '1';
  try {
    const page = await openPage('Release bot', 'expiring', (p) =>
      p.route('**/api/realtime**', (route) => route.abort()),
    );
    await control('release-bot/revoke');
    const row = page.getByRole('row', { name: /^Release bot/ });
    await row.getByText('rejected', { exact: true }).waitFor({ timeout: 60_000 });
    await page.close();
  } finally {
    delete process.env.TOKEN_HEALTH_POLL_SECONDS;
  }
});
