import type { LocalForge } from '../../local/forge-runtime';
import { keys } from '../../src/storage/keys';
import { integrations } from '../../src/storage/integrations';
import { startAdminApp } from '../resolvers/support';
import { seedCheckedTwice, statusOf, sweep } from '../support/app';
import { fakeDateOnly } from '../support/clock';
import { basicAuth, sendJson, startServer, type Handler, type TestServer } from '../support/server';

/**
 * What a sweep's checks read from KVS (billed by the bytes read): a check carries the record
 * the planner read and reads its revision instead, and a result that finds what the check before
 * found tells the stable part of the status, which is then not read. Measured on the local KVS,
 * which counts the bytes of every answer, through the real trigger and consumer.
 */
const T0 = Date.parse('2026-11-23T12:00:00Z');
const HOUR = 3_600_000;
const IDS = Array.from({ length: 10 }, (_, i) => `r${i}`);
const READS = new Set(['get', 'secret/get', 'batch/get', 'query']);

describe('the reads of a sweep', () => {
  let jira: TestServer;
  let other: TestServer;
  let forge: LocalForge;
  let displayName = 'Sync bot';

  // GET /rest/api/3/myself answers the user the token belongs to
  // (developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-myself).
  const myself: Handler = (req, res) =>
    sendJson(res, 200, { accountId: `acc-${basicAuth(req)?.password}`, displayName });

  beforeAll(async () => {
    jira = await startServer(myself);
    other = await startServer(myself);
  });
  afterAll(async () => {
    await jira.close();
    await other.close();
  });

  beforeEach(async () => {
    fakeDateOnly(T0);
    displayName = 'Sync bot';
    forge = await startAdminApp([jira, other]);
    await seedCheckedTwice(forge, jira.url, IDS, T0);
  });
  afterEach(async () => {
    await forge.stop();
    jest.useRealTimers();
  });

  /** Bytes the check consumers read per check during `run`. */
  const consumerBytesPerCheck = async (run: () => Promise<void>) => {
    const [invocations, requests] = [forge.invocations.length, forge.kvs.requests.length];
    await run();
    const consumers = new Set(
      forge.invocations
        .slice(invocations)
        .filter((i) => i.functionKey === 'check')
        .map((i) => i.invocationId),
    );
    const read = forge.kvs.requests
      .slice(requests)
      .filter((r) => READS.has(r.op) && consumers.has(r.invocationId ?? ''));
    return read.reduce((sum, r) => sum + r.bytesOut, 0) / IDS.length;
  };

  it('reads under 600 bytes a check that finds what the check before found', async () => {
    // Record, stable status and tick read whole took about 1,100 bytes a check here.
    const bytes = await consumerBytesPerCheck(() => sweep(forge));

    expect(bytes).toBeLessThan(600);
    const status = await statusOf(forge, 'r0');
    expect(Date.parse(status?.last?.checkedAt ?? '')).toBeGreaterThanOrEqual(T0 + 2 * HOUR);
    expect(status?.daily).toEqual([['2026-11-23', 3, 3]]);
  });

  it('reads the stable part of a check whose result differs, and stores it', async () => {
    const unchanged = await consumerBytesPerCheck(() => sweep(forge));
    displayName = 'Renamed bot';
    jest.setSystemTime(T0 + 3 * HOUR);
    const changed = await consumerBytesPerCheck(() => sweep(forge));

    expect(changed).toBeGreaterThan(unchanged + 100);
    const status = await statusOf(forge, 'r0');
    expect(status?.last?.identity).toMatchObject({ displayName: 'Renamed bot' });
    expect(status?.seenIdentity).toMatchObject({ identity: { displayName: 'Renamed bot' } });
  });

  it('sends the secret of a record edited after the sweep was planned only to its new target', async () => {
    await forge.runScheduledTrigger('sweep-trigger');
    await forge.run(async () => {
      const before = await integrations.get('r0');
      if (!before) throw new Error('r0 is not stored');
      const config = { ...before.config, baseUrl: other.url };
      const edited = {
        ...before,
        config,
        secretFingerprint: 'new',
        editedAt: new Date().toISOString(),
      };
      await integrations.save(edited);
      await integrations.setSecret('r0', 'tok-new');
    });
    const seenBefore = jira.requests.length;
    await forge.drainQueues();

    const passwords = (s: TestServer, from = 0) =>
      s.requests.slice(from).map((r) => basicAuth(r)?.password);
    expect(passwords(jira, seenBefore)).not.toContain('tok-new');
    expect(passwords(other)).toEqual(['tok-new']);
    expect((await statusOf(forge, 'r0'))?.last).toMatchObject({
      verdict: 'healthy',
      secretFingerprint: 'new',
    });
    expect(forge.kvs.get(keys.integration('r0'))).toMatchObject({ config: { baseUrl: other.url } });
  });
});
