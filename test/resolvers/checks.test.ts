// First: the local platform must be installed before the app's code loads @forge/api.
import { data, startAdminApp } from './support';
import type { LocalForge } from '../../local/forge-runtime';
import { initialStatus, type IntegrationStatus } from '../../src/domain/schedule';
import { mergedStatus, type StableStatus, type StatusTick } from '../../src/domain/status-tick';
import { bearerToken, sendJson, startServer, type TestServer } from '../support/server';
import { overviewOf } from '../../src/frontend/overview-pages';

const GOOD = 'ghp_checksTestGoodToken00000000001';
const OTHER = 'ghp_checksTestOtherToken0000000002';
const LONG_AGO = '2020-01-01T00:00:00.000Z';

describe('test before save and check now', () => {
  let github: TestServer;
  let forge: LocalForge;
  const accepted = new Set([GOOD, OTHER]);
  const config = () => ({ kind: 'github-token', name: 'CI bot', baseUrl: github.url });

  beforeAll(async () => {
    github = await startServer((req, res) =>
      accepted.has(bearerToken(req) ?? '')
        ? sendJson(res, 200, { login: `user-${bearerToken(req)?.slice(-1)}`, id: 1 })
        : sendJson(res, 401, { message: 'Bad credentials' }),
    );
    forge = await startAdminApp([github]);
  });
  afterAll(async () => {
    await forge.stop();
    await github.close();
  });

  const create = () => data(forge, 'createIntegration', { config: config(), secret: GOOD });
  // Statuses are stored compact (src/domain/stored-status.ts): read back as the app reads them.
  const status = (id: string): IntegrationStatus | undefined =>
    mergedStatus(
      id,
      forge.kvs.get(`status:${id}`) as StableStatus | undefined,
      forge.kvs.get(`checked:${id}`) as StatusTick | undefined,
    );

  /**
   * All a Test of a new integration keeps: its result, briefly, for a save right after, under a
   * key made with the installation's fingerprint key (made on first use, as any save would).
   */
  const withoutTested = (dump: ReturnType<typeof forge.kvs.dump>) => ({
    ...dump,
    secrets: Object.fromEntries(
      Object.entries(dump.secrets).filter(([key]) => key !== 'fingerprint-key'),
    ),
    values: Object.fromEntries(
      Object.entries(dump.values).filter(([key]) => !key.startsWith('tested:')),
    ),
  });

  it('probes the submitted config and secret, answers the outcome and stores only that outcome, briefly', async () => {
    const before = forge.kvs.dump();
    const requests = github.requests.length;
    const outcome = await data(forge, 'testIntegration', { config: config(), secret: GOOD });
    expect(outcome).toMatchObject({
      verdict: 'healthy',
      severity: 'ok',
      identity: { id: '1', username: 'user-1' },
      evidence: [expect.objectContaining({ status: 200 })],
    });
    expect(github.requests.slice(requests).map((r) => r.headers.authorization)).toEqual([
      `Bearer ${GOOD}`,
    ]);
    const after = forge.kvs.dump();
    expect(withoutTested(after)).toEqual(before);
    expect(Object.values(after.values)).toContainEqual(
      expect.objectContaining({ verdict: 'healthy' }),
    );
    expect(JSON.stringify(after)).not.toContain(GOOD);
  });

  it('reports a refused secret as the verdict, still storing nothing of it', async () => {
    const before = withoutTested(forge.kvs.dump());
    const outcome = await data(forge, 'testIntegration', { config: config(), secret: 'ghp_wrong' });
    expect(outcome).toMatchObject({ verdict: 'rejected', severity: 'critical' });
    expect(withoutTested(forge.kvs.dump())).toEqual(before);
    expect(JSON.stringify(forge.kvs.dump())).not.toContain('ghp_wrong');
  });

  it('tests a saved integration with its stored secret unless another is typed', async () => {
    const { id } = await create();
    const before = forge.kvs.dump();
    const stored = await data(forge, 'testIntegration', { id, config: config() });
    const typed = await data(forge, 'testIntegration', { id, config: config(), secret: OTHER });
    expect([stored.identity?.username, typed.identity?.username]).toEqual(['user-1', 'user-2']);
    expect(forge.kvs.dump()).toEqual(before);
  });

  it('checks now: stores the result, its history entry and overview row, and lifts a back-off', async () => {
    const { id } = await create();
    const backedOff = {
      ...initialStatus(id, new Date(LONG_AGO)),
      backoffSince: LONG_AGO,
      nextDueAt: '2999-01-01T00:00:00.000Z',
    };
    forge.kvs.set(`status:${id}`, backedOff);
    const summary = await data(forge, 'checkNow', { id });
    expect(summary).toMatchObject({ id, verdict: 'healthy', severity: 'ok', successRate7d: 1 });
    expect(status(id)).toMatchObject({ backoffSince: null, last: { verdict: 'healthy' } });
    expect(Date.parse(status(id)?.nextDueAt ?? '')).toBeLessThan(Date.parse('2999-01-01'));
    expect(forge.kvs.keys().filter((k) => k.startsWith(`history:${id}:`))).toHaveLength(1);
    const overview = overviewOf(await data(forge, 'getOverview', {}));
    // The overview keeps only messages that call for action; the detail view has this one.
    expect(overview.integrations.find((row) => row.id === id)).toEqual({
      ...summary,
      message: null,
    });
  });

  it('marks an edit of config or secret, not a save that changes nothing', async () => {
    const { id } = await create();
    const key = `integration:${id}`;
    forge.kvs.set(key, { ...(forge.kvs.get(key) as object), editedAt: LONG_AGO });
    const editedAt = () => (forge.kvs.get(key) as { editedAt: string }).editedAt;
    await data(forge, 'updateIntegration', { id, config: config(), secret: GOOD });
    expect(editedAt()).toBe(LONG_AGO);
    await data(forge, 'updateIntegration', { id, config: config(), secret: OTHER });
    expect(editedAt()).not.toBe(LONG_AGO);
    forge.kvs.set(key, { ...(forge.kvs.get(key) as object), editedAt: LONG_AGO });
    await data(forge, 'updateIntegration', { id, config: { ...config(), name: 'Renamed' } });
    expect(editedAt()).not.toBe(LONG_AGO);
  });
});
