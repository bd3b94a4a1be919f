import {
  ADMIN,
  byType,
  find,
  findAll,
  query,
  render,
  routeWith,
  screen,
  settle,
  startAdminApp,
  tableRows,
  textOf,
  unmount,
} from '../support/ui';
import { act } from 'react';
import React from 'react';
import type { LocalForge } from '../../local/forge-runtime';
import { App } from '../../src/frontend/App';
import { initialStatus, newIntegration } from '../../src/domain/schedule';
import { tickOf } from '../../src/domain/status-tick';
import { storedSummary, toSummary } from '../../src/domain/summary';
import { keys } from '../../src/storage/keys';

/**
 * 250 integrations: the overview answers 200 rows first, then the rest. The page draws the
 * first answer's rows at once and says more are coming; the later answer is held back by the
 * test until it has looked. Every fifth integration was never checked.
 */
const N = 250;
const NEVER_CHECKED = (i: number) => i % 5 === 0;

function seedRows(forge: LocalForge, checkedAt: Date): void {
  for (let i = 0; i < N; i += 1) {
    const record = newIntegration({
      id: `int-${String(i).padStart(4, '0')}`,
      config: { kind: 'github-token', name: `Bot ${i}`, baseUrl: 'https://api.github.com' },
      secret: `ghp_${i}`,
      fingerprintKey: Buffer.alloc(32),
      now: new Date(checkedAt.getTime() - 86_400_000),
    });
    const at = checkedAt.toISOString();
    const status = {
      ...initialStatus(record.id, checkedAt),
      lastSlot: at,
      lastSuccessAt: at,
      severity: 'ok' as const,
      last: {
        ...{ verdict: 'healthy' as const, severity: 'ok' as const, message: 'GitHub accepted it' },
        ...{ checkedAt: at, expiresAt: null, daysLeft: null, identity: null, facts: {} },
      },
    };
    const checked = !NEVER_CHECKED(i);
    forge.kvs.set(
      keys.summary(record.id),
      storedSummary(toSummary(record, checked ? status : undefined, checkedAt)),
    );
    if (checked) forge.kvs.set(keys.checked(record.id), tickOf(status));
  }
}

let forge: LocalForge;
let release: () => void = () => undefined;

beforeEach(async () => {
  forge = await startAdminApp();
  seedRows(forge, new Date(Date.now() - 60_000));
  const module = forge.manifest.resolverModules.find((m) => m.moduleType === 'jira:adminPage');
  if (!module) throw new Error('manifest.yml has no jira:adminPage with a resolver');
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  routeWith(async (functionKey, payload) => {
    const later = functionKey === 'getOverview' && (payload as { cursor?: string }).cursor;
    if (later) await held;
    const call = { call: { functionKey, payload } };
    return forge.invokeResolver(module.functionKey, call, { accountId: ADMIN });
  });
});
afterEach(async () => {
  release();
  await settle();
  await unmount();
  await forge.stop();
});

const loadingMore = () => textOf(screen()).includes('Loading more integrations');
const counts = () => findAll(byType('Badge')).map(textOf);

/** Lets the page take the answers that are not held back, at most 200 turns. */
async function untilDrawn(): Promise<void> {
  for (let turn = 0; turn < 200 && !query(byType('DynamicTable')); turn += 1) {
    await act(() => new Promise((resolve) => setTimeout(resolve, 5)));
  }
}

describe('the integrations tab of a large site', () => {
  it('draws the first answer at once and says more integrations are loading', async () => {
    await render(<App />);
    await untilDrawn();
    expect(tableRows(find(byType('DynamicTable')))).toHaveLength(200);
    expect(loadingMore()).toBe(true);
    expect(textOf(screen())).toContain('200 shown so far');
    // Critical, warning, unknown, healthy: of the rows so far.
    expect(counts()).toEqual(['0', '0', '40', '160']);
  });

  it('adds the rest as they arrive, with counts of all', async () => {
    await render(<App />);
    await untilDrawn();
    release();
    await settle();
    expect(tableRows(find(byType('DynamicTable')))).toHaveLength(N);
    expect(loadingMore()).toBe(false);
    expect(counts()).toEqual(['0', '0', '50', '200']);
  });
});
