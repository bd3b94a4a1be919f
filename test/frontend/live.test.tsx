import {
  ADMIN,
  byType,
  cellTexts,
  find,
  invocations,
  query,
  render,
  routeWith,
  screen,
  selectTab,
  sentDocs,
  settle,
  textOf,
  withText,
  rowNamed,
} from '../support/ui';
import React from 'react';
import { act } from 'react';
import type { LocalForge } from '../../local/forge-runtime';
import { App } from '../../src/frontend/App';
import { fingerprint } from '../../src/domain/fingerprint';
import { ANY_FINGERPRINT_KEY } from '../support/fingerprint';
import {
  inventory,
  inventorySource,
  inventorySync,
  type SyncRun,
} from '../../src/storage/inventory';
import { summaries } from '../../src/storage/summaries';
import { startScenario, TOKENS, type Scenario } from './scenario';

/**
 * The page's timers and clock run on jest's fake timers from the render on, so minutes of
 * polling take milliseconds; sockets, setImmediate and the runtime's own timing stay real.
 */
function fakeTimers(): void {
  jest.useFakeTimers({
    doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'queueMicrotask', 'hrtime'],
    now: Date.now(),
  });
}

/** Lets `ms` of page time pass in 5 s steps, every poll and refresh answered on the way. */
async function pass(ms: number): Promise<void> {
  for (let left = ms; left > 0; left -= 5_000) {
    await act(async () => {
      await jest.advanceTimersByTimeAsync(Math.min(left, 5_000));
    });
    await settle();
  }
}

function resolverAs(forge: LocalForge) {
  return (functionKey: string, payload: unknown) =>
    forge.invokeResolver('resolver', { call: { functionKey, payload } }, { accountId: ADMIN });
}

const rowOf = (name: string) => cellTexts(rowNamed(name));
const updatedLine = () => query(withText('Text', /^Updated \d+ (s|min) ago/));
const polls = () => invocations().filter((i) => i.functionKey === 'getChanges').length;

let scenario: Scenario;
beforeEach(async () => {
  scenario = await startScenario();
  fakeTimers();
});
afterEach(async () => {
  delete (globalThis as { document?: unknown }).document;
  await scenario.stop();
  jest.useRealTimers();
});

describe('the live admin page', () => {
  it('shows a verdict another check stored at the next poll, without a reload or a spinner', async () => {
    await render(<App />);
    await settle();
    expect(rowOf('CI bot')[3]).toBe('healthy');

    scenario.github.accounts.delete(TOKENS.ci);
    const check = await resolverAs(scenario.forge)('checkNow', { id: 'ci' });
    expect(check).toMatchObject({ ok: true, data: { verdict: 'rejected' } });
    const before = sentDocs().length;
    await pass(60_000);

    expect(rowOf('CI bot')[3]).toBe('rejected');
    const since = sentDocs().slice(before);
    expect(since.some((doc) => doc.includes('Loading integrations'))).toBe(false);
  });

  it('shows a channel another admin saved on the Alerts tab at the next poll', async () => {
    await render(<App />);
    await settle();
    await selectTab('Alerts');
    expect(query(withText('Text', 'Ops Slack'))).toBeUndefined();

    const saved = await resolverAs(scenario.forge)('saveChannel', {
      config: { type: 'slack', name: 'Ops Slack', enabled: true, role: 'primary', digest: false },
      secret: 'https://hooks.slack.com/services/T0LIVE/B0LIVE/liveHookToken42',
    });
    expect(saved).toMatchObject({ ok: true });
    await pass(60_000);

    expect(textOf(screen())).toContain('Ops Slack');
    expect(textOf(screen())).not.toContain('liveHookToken42');
  });

  it('says how long ago the data was updated, ticking each second', async () => {
    await render(<App />);
    await settle();
    expect(textOf(updatedLine() ?? screen())).toBe('Updated 0 s ago.');
    await pass(5_000);
    expect(textOf(updatedLine() ?? screen())).toBe('Updated 5 s ago.');
  });

  it('keeps the table when a poll fails, says so quietly and tries again at the next one', async () => {
    let offline = false;
    const real = resolverAs(scenario.forge);
    routeWith((key, payload) =>
      offline && key === 'getChanges'
        ? Promise.reject(new Error('network down'))
        : real(key, payload),
    );
    await render(<App />);
    await settle();
    offline = true;
    await pass(60_000);
    expect(textOf(updatedLine() ?? screen())).toBe(
      'Updated 1 min ago. Checking for changes failed just now; trying again soon.',
    );
    expect(rowOf('CI bot')[3]).toBe('healthy');

    offline = false;
    await pass(60_000);
    expect(textOf(updatedLine() ?? screen())).toBe('Updated 0 s ago.');
  });

  it('does not poll while the page is hidden, and polls at once when it is shown again', async () => {
    const listeners = new Set<() => void>();
    const page = {
      visibilityState: 'visible',
      addEventListener: (_: string, f: () => void) => listeners.add(f),
      removeEventListener: (_: string, f: () => void) => listeners.delete(f),
    };
    Object.assign(globalThis, { document: page });
    await render(<App />);
    await settle();
    const shown = polls();
    expect(shown).toBe(1);

    page.visibilityState = 'hidden';
    listeners.forEach((f) => f());
    await pass(5 * 60_000);
    expect(polls()).toBe(shown);

    page.visibilityState = 'visible';
    await act(async () => listeners.forEach((f) => f()));
    await settle();
    expect(polls()).toBe(shown + 1);
  });

  it('costs under 2 KVS requests a minute per open page, reloads included, when data changes every minute', async () => {
    await render(<App />);
    await settle();
    const opened = scenario.forge.invocations.length;
    const minutes = 30;
    for (let minute = 1; minute <= minutes; minute += 1) {
      // Another admin renames the CI bot: its overview row and the marker move together.
      await scenario.forge.run(async () => {
        const row = await summaries.get('ci');
        if (row) await summaries.save({ ...row, name: `CI bot ${minute}` });
      });
      await pass(60_000);
    }
    const calls = scenario.forge.invocations.slice(opened);
    const kvs = calls.reduce((sum, call) => sum + call.kvsRequests, 0);
    expect(calls.length).toBeGreaterThan(minutes / 3);
    expect(kvs / minutes).toBeLessThan(2);
    // It still follows: the row shows a name from the last few minutes.
    expect(Number(/CI bot (\d+)/.exec(rowOf('CI bot')[0] ?? '')?.[1])).toBeGreaterThan(minutes - 3);
  });
});

describe('the organisation tokens sync status', () => {
  const ORG = '0a1b2c3d-4e5f-6789-abcd-ef0123456789';
  const KEY = 'ATCTT3xFfGN0-live-admin-api-key-00042';

  function seedRun(progressAgoMs: number, listed = 40): Promise<void> {
    const now = Date.now();
    const run: SyncRun = {
      syncId: 'live-sync',
      startedAt: new Date(now - progressAgoMs - 60_000).toISOString(),
      requestedBy: null,
      step: 1,
      cursor: { kind: 'api-token', url: 'https://api.atlassian.com/unused' },
      staged: [],
      listed,
      apiRequests: 2,
      progressAt: new Date(now - progressAgoMs).toISOString(),
    };
    return scenario.forge.run(async () => {
      await inventorySource.setKey(KEY);
      await inventorySource.save({
        orgId: ORG,
        keyFingerprint: fingerprint(KEY, ANY_FINGERPRINT_KEY),
        maxLifetimeDays: 365,
        unusedDays: 90,
      });
      await inventorySync.save(run);
    });
  }

  it('stops the spinner at a poll after the sync finished, and shows its result', async () => {
    await seedRun(10_000);
    await render(<App />);
    await settle();
    await selectTab('Organisation tokens');
    expect(query(withText('Text', /^Sync under way since/))).toBeDefined();
    expect(query(byType('Spinner'))).toBeDefined();

    await scenario.forge.run(async () => {
      const at = new Date().toISOString();
      await inventory.save([], {
        lastSyncAt: at,
        lastSuccessAt: at,
        error: null,
        apiRequests: 3,
        skipped: [],
      });
      await inventorySync.clear();
    });
    await pass(3 * 60_000);
    expect(query(byType('Spinner'))).toBeUndefined();
    expect(find(byType('SectionMessage')).props.title).toBe('Inventory up to date');
  });

  /** A sync that succeeded an hour ago: the table shows its tokens while another runs. */
  function seedLastSuccess(): Promise<void> {
    const at = new Date(Date.now() - 3_600_000).toISOString();
    const state = { lastSyncAt: at, lastSuccessAt: at, error: null, apiRequests: 3, skipped: [] };
    return scenario.forge.run(() => inventory.save([], state));
  }

  it('says what a moving sync has listed so far, and never calls the inventory up to date meanwhile', async () => {
    await seedLastSuccess();
    await seedRun(10_000);
    await render(<App />);
    await settle();
    await selectTab('Organisation tokens');
    const under = find(withText('Text', /^Sync under way since/));
    expect(textOf(under)).toMatch(
      /listing the organisation's API tokens; 40 tokens listed so far \(last page (just now|\d+ min ago)\)\.$/,
    );
    expect(query(byType('SectionMessage'))).toBeUndefined();
    expect(textOf(find(withText('Text', /^Last sync /)))).toMatch(
      /Until this sync ends, the table shows the 0 tokens of the last one\.$/,
    );
  });

  it('says no page has arrived yet rather than "0 tokens listed" at the start of a sync', async () => {
    await seedLastSuccess();
    await seedRun(0, 0);
    await render(<App />);
    await settle();
    await selectTab('Organisation tokens');
    const under = find(withText('Text', /^Sync under way since/));
    expect(textOf(under)).toMatch(/API tokens; no page of them has arrived yet\.$/);
    expect(textOf(screen())).not.toMatch(/\b0 tokens listed|up to date/);
  });

  it('says in words that a sync making no progress seems stuck, with no spinner', async () => {
    await seedRun(20 * 60_000);
    await render(<App />);
    await settle();
    await selectTab('Organisation tokens');
    expect(query(byType('Spinner'))).toBeUndefined();
    const stuck = find(
      (n) => n.type === 'SectionMessage' && n.props.title === 'The sync seems stuck',
    );
    expect(textOf(stuck)).toMatch(/has made no progress since .*\(40 tokens listed\)/);
  });
});
