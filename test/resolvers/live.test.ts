// First: the local platform must be installed before the app's code loads @forge/api.
import { call, data, startAdminApp, MAIL_CHANNEL } from './support';
import type { LocalForge } from '../../local/forge-runtime';
import type { ChangeMarks } from '../../src/domain/live';
import { inventorySync, type SyncRun } from '../../src/storage/inventory';

let forge: LocalForge;
beforeEach(async () => {
  forge = await startAdminApp([]);
});
afterEach(async () => {
  delete process.env.TOKEN_HEALTH_POLL_SECONDS;
  await forge.stop();
});

const marks = async (): Promise<ChangeMarks> => (await data(forge, 'getChanges', {})).marks;

describe('getChanges, the admin page poll', () => {
  it('answers every marker in one KVS request, and the interval to poll at', async () => {
    const before = forge.invocations.length;
    const answer = await data(forge, 'getChanges', {});
    expect(answer).toEqual({
      marks: { integrations: null, inventory: null, alerts: null },
      pollSeconds: 60,
    });
    const calls = forge.invocations.slice(before);
    expect(calls.map((c) => c.kvsRequests)).toEqual([1]);
  });

  it('takes its interval from TOKEN_HEALTH_POLL_SECONDS, and the default from anything unusable', async () => {
    process.env.TOKEN_HEALTH_POLL_SECONDS = '2';
    expect((await data(forge, 'getChanges', {})).pollSeconds).toBe(2);
    process.env.TOKEN_HEALTH_POLL_SECONDS = 'soon';
    expect((await data(forge, 'getChanges', {})).pollSeconds).toBe(60);
  });

  it('is refused to anyone but a Jira admin', async () => {
    const answer = await call(forge, 'getChanges', {}, 'acc-member');
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('the change markers', () => {
  it('move with a settings save (overview) and a channel save (alerts), each area its own', async () => {
    const start = await marks();
    await data(forge, 'saveSettings', { warnDays: [10], defaultInterval: '5m' });
    const saved = await marks();
    expect(saved.integrations).not.toBe(start.integrations);
    expect(saved.alerts).toBe(start.alerts);

    await data(forge, 'saveChannel', { config: MAIL_CHANNEL });
    const channel = await marks();
    expect(channel.alerts).not.toBe(saved.alerts);
    expect(channel.integrations).toBe(saved.integrations);
  });

  it('move when a sync saves its progress and when its run ends, in the same request', async () => {
    const run: SyncRun = {
      syncId: 'marker-sync',
      startedAt: new Date().toISOString(),
      requestedBy: null,
      step: 0,
      cursor: { kind: 'api-token', url: 'https://api.atlassian.com/unused' },
      staged: [],
      listed: 0,
      apiRequests: 0,
    };
    const marker = () => forge.kvs.get('changed:inventory');
    const requests = () => forge.kvs.requests.length;
    const start = requests();
    await forge.run(() => inventorySync.save(run));
    const saved = marker();
    expect(saved).toEqual(expect.any(String));
    expect(requests() - start).toBe(1);
    await forge.run(() => inventorySync.clear());
    expect(marker()).not.toBe(saved);
    expect(requests() - start).toBe(2);
    expect(forge.kvs.get('inventory-sync:org')).toBeUndefined();
  });
});
