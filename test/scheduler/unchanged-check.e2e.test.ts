import { kvs, MetadataField } from '@forge/kvs';
import type { LocalForge } from '../../local/forge-runtime';
import { keys } from '../../src/storage/keys';
import { data, startAdminApp } from '../resolvers/support';
import { seedCheckedTwice, statusOf, sweep } from '../support/app';
import { fakeDateOnly } from '../support/clock';
import { basicAuth, sendJson, startServer, type TestServer } from '../support/server';
import { overviewOf } from '../../src/frontend/overview-pages';

/**
 * A check that learns nothing new but its time writes only what every check changes (its tick
 * and a compact history entry), and everything still reads back whole: the status, the overview
 * row's times, the detail's history and evidence. The sweep end to end on the local Forge
 * runtime, against a Jira double. Each test starts after two checks: the second one writes the
 * requests kept apart (a first check leaves them to its history entry, check-store.ts).
 */
const T0 = Date.parse('2026-11-23T12:00:00Z');
const HOUR = 3_600_000;
const IDS = ['a', 'b', 'c'];
/** What the page's detail and overview read: the row and both parts of the status. */
const WATCHED = ['status', 'summary', 'checked', 'evidence'] as const;

describe('a check that changes nothing but its time', () => {
  let jira: TestServer;
  let forge: LocalForge;
  let displayName = 'Sync bot';

  beforeAll(async () => {
    // GET /rest/api/3/myself answers the user the token belongs to
    // (developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-myself).
    jira = await startServer((req, res) =>
      sendJson(res, 200, { accountId: `acc-${basicAuth(req)?.password}`, displayName }),
    );
  });
  afterAll(() => jira.close());

  beforeEach(async () => {
    fakeDateOnly(T0);
    displayName = 'Sync bot';
    forge = await startAdminApp([jira]);
    await seedCheckedTwice(forge, jira.url, IDS, T0);
  });
  afterEach(async () => {
    await forge.stop();
    jest.useRealTimers();
  });

  /** When each watched key of `id` was last written. */
  const written = (id: string) =>
    forge.run(async () => {
      const at = async (key: string) =>
        (await kvs.get(key, { metadataFields: [MetadataField.UPDATED_AT] }))?.updatedAt;
      return Object.fromEntries(
        await Promise.all(WATCHED.map(async (part) => [part, await at(keys[part](id))])),
      );
    });

  const bytesWrittenBy = async (run: () => Promise<void>) => {
    const before = forge.kvs.requests.length;
    await run();
    const writes = forge.kvs.requests.slice(before).filter((r) => r.op === 'batch/set');
    return writes.reduce((sum, r) => sum + r.bytesIn, 0);
  };

  it('rewrites neither its status nor its overview row, and writes under 600 bytes', async () => {
    const before = await written('a');
    const bytes = await bytesWrittenBy(() => sweep(forge));

    expect(await written('a')).toEqual({ ...before, checked: expect.any(Number) });
    expect((await written('a')).checked).toBeGreaterThan(before.checked ?? 0);
    expect(bytes / IDS.length).toBeLessThan(600);
  });

  it('still reads back whole: status, overview times, history with the requests of each check', async () => {
    await sweep(forge);

    const status = await statusOf(forge, 'a');
    expect(status?.last).toMatchObject({ verdict: 'healthy', checkedAt: expect.any(String) });
    expect(Date.parse(status?.last?.checkedAt ?? '')).toBeGreaterThanOrEqual(T0 + 2 * HOUR);
    expect(status?.daily).toEqual([['2026-11-23', 3, 3]]);
    expect(Date.parse(status?.nextDueAt ?? '')).toBe(T0 + 3 * HOUR);
    const row = overviewOf(await data(forge, 'getOverview', {})).integrations.find(
      (r) => r.id === 'a',
    );
    expect(row?.lastCheckedAt).toBe(status?.last?.checkedAt.replace(/\.\d{3}Z$/, 'Z'));
    const detail = await data(forge, 'getIntegration', { id: 'a' });
    expect(detail.history).toHaveLength(3);
    for (const entry of detail.history) {
      expect(entry.evidence).toEqual([
        expect.objectContaining({ method: 'GET', status: 200, durationMs: expect.any(Number) }),
      ]);
    }
    expect(detail.evidence).toEqual(detail.history[0]?.evidence);
    expect(detail.identity).toMatchObject({ displayName: 'Sync bot' });
  });

  it('rewrites the status, the row and the requests once something else changed', async () => {
    displayName = 'Renamed bot';
    const before = await written('a');
    await sweep(forge);

    const after = await written('a');
    for (const part of WATCHED) expect(after[part]).toBeGreaterThan(before[part] ?? 0);
    const detail = await data(forge, 'getIntegration', { id: 'a' });
    expect(detail.identity).toMatchObject({ displayName: 'Renamed bot' });
    expect(detail.history[0]?.evidence[0]?.excerpt).toContain('Renamed bot');
    expect(detail.history[1]?.evidence[0]?.excerpt).toContain('Sync bot');
  });
});
