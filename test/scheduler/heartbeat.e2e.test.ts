import { historyOf, record, seed, statusOf } from '../support/app';
import { call, data, startAdminApp } from '../resolvers/support';
import type { LocalForge } from '../../local/forge-runtime';
import { basicAuth, sendJson, startServer, type TestServer } from '../support/server';
import { startHeartbeatService, type HeartbeatService } from '../support/heartbeat-services';
import { fakeDateOnly } from '../support/clock';
import { SLOT_MS, SWEEP_TIMEOUT_SECONDS } from '../../src/scheduler/limits';
import { PING_TIMEOUT_MS } from '../../src/scheduler/heartbeat-ping';
import { heartbeat } from '../../src/storage/heartbeat';

/**
 * The sweep's heartbeat end to end: the app's handlers on the local Forge runtime, a Jira double
 * for the checks and a healthchecks.io double for the pings, both over real HTTP. Only Date is
 * faked, from a slot boundary a minute before now, so the runtime's TTLs follow the app's clock.
 */
const T0 = Math.floor(Date.now() / SLOT_MS) * SLOT_MS - SLOT_MS + 60_000;
const MINUTE = 60_000;
const UUID = '5bf66975-d4c7-4bf5-bcc8-b8d8a82ea278';
const SECRETS = ['tok-healthy-9f3a71c2', 'tok-revoked-4be0d7a1'];

describe('the heartbeat after each sweep', () => {
  let jira: TestServer;
  let hc: HeartbeatService;
  let forge: LocalForge;

  beforeAll(async () => {
    jira = await startServer((req, res) => {
      const token = basicAuth(req)?.password ?? '';
      if (token === SECRETS[0])
        return sendJson(res, 200, { accountId: 'acc-1', displayName: 'Bot' });
      sendJson(res, 401, { errorMessages: ['Client must be authenticated'] });
    });
    hc = await startHeartbeatService([UUID]);
  });
  afterAll(async () => {
    await jira.close();
    await hc.close();
  });

  beforeEach(async () => {
    fakeDateOnly(T0);
    hc.requests.length = 0;
    hc.behaviour = 'normal';
    forge = await startAdminApp([jira, hc]);
    await seed(forge, [
      { record: jiraRecord('healthy', 'Build bot'), secret: SECRETS[0] ?? '' },
      { record: jiraRecord('revoked', 'Deploy bot'), secret: SECRETS[1] ?? '' },
    ]);
  });
  afterEach(async () => {
    await forge.stop();
    jest.useRealTimers();
  });

  const at = (minutes: number) => jest.setSystemTime(T0 + minutes * MINUTE);
  const jiraRecord = (id: string, name: string) =>
    record(id, {
      kind: 'atlassian-api-token',
      name,
      baseUrl: jira.url,
      username: 'bot@acme.example',
    });
  const successUrl = () => `${hc.url}/${UUID}`;
  const configure = (extra: Record<string, unknown> = {}) =>
    data(forge, 'saveHeartbeat', {
      method: 'POST',
      includeNames: false,
      successUrl: successUrl(),
      failureUrl: `${successUrl()}/fail`,
      ...extra,
    });
  const trigger = () => forge.runScheduledTrigger('sweep-trigger');
  const sweep = async () => {
    await trigger();
    await forge.drainQueues();
  };
  const sweepInvocations = () => forge.invocations.filter((i) => i.functionKey === 'sweep');
  const bodies = () =>
    hc.pings(`/${UUID}`).map((r) => JSON.parse(r.body) as Record<string, unknown>);

  it('pings the success URL once per sweep with counts by severity, and no name or secret', async () => {
    await configure();
    await sweep();
    at(5);
    await sweep();
    expect(bodies()).toHaveLength(2);
    // The second sweep reports what the first one found (one healthy, one rejected); an hourly
    // check is not due again five minutes later.
    expect(bodies()[1]).toMatchObject({
      event: 'sweep',
      counts: { ok: 1, critical: 1, warning: 0, unknown: 0 },
      due: 0,
    });
    expect(bodies()[1]).not.toHaveProperty('names');
    for (const ping of hc.requests) {
      const sent = JSON.stringify(ping);
      for (const word of [...SECRETS, 'Build bot', 'Deploy bot', 'bot@acme.example', jira.url]) {
        expect(sent).not.toContain(word);
      }
    }
  });

  it('names the integrations needing attention only when the admin turns names on', async () => {
    await configure({ includeNames: true });
    await sweep();
    at(5);
    await sweep();
    expect(bodies()[1]?.names).toEqual(['Deploy bot']);
    expect(JSON.stringify(hc.requests)).not.toContain(SECRETS[1]);
  });

  it('pings once for a slot whatever the platform repeats: a second firing, overlapping runs, redelivered events', async () => {
    await configure();
    await trigger();
    await trigger();
    await Promise.all([trigger(), trigger()]);
    forge.queues.duplicateNext(1);
    await forge.drainQueues();
    expect(hc.requests).toHaveLength(1);
    at(5);
    await Promise.all([trigger(), trigger()]);
    await forge.drainQueues();
    expect(hc.requests).toHaveLength(2);
  });

  it('pings for a planned slot from a later run when the run that planned it sent nothing', async () => {
    await trigger();
    // The heartbeat is set up after the planning run: the next firing of the same slot pings.
    await configure();
    await trigger();
    await trigger();
    expect(hc.requests).toHaveLength(1);
  });

  it('changes nothing in the sweep when the heartbeat service answers 500, and retries it once', async () => {
    await configure();
    hc.behaviour = 'fail-500';
    await sweep();
    expect(hc.requests).toHaveLength(2);
    expect(sweepInvocations().map((i) => i.outcome)).toEqual(['success']);
    expect((await statusOf(forge, 'healthy'))?.last?.verdict).toBe('healthy');
    expect((await statusOf(forge, 'revoked'))?.last?.verdict).toBe('rejected');
    expect(await historyOf(forge, 'healthy')).toHaveLength(1);
    const view = await data(forge, 'getHeartbeat', {});
    expect(view.lastOutcome).toMatchObject({
      kind: 'success',
      ok: false,
      status: 500,
      attempts: 2,
    });
  });

  it('changes nothing in the sweep when the heartbeat service hangs: the ping gives up in time', async () => {
    await configure();
    hc.behaviour = 'hang';
    await trigger();
    // The checks were queued before the ping started: they do not wait for it.
    expect(forge.queues.pending()).toHaveLength(1);
    await forge.drainQueues();
    const [run] = sweepInvocations();
    expect(run?.outcome).toBe('success');
    expect(run?.durationMs).toBeLessThan(2 * PING_TIMEOUT_MS + 3_000);
    expect(run?.durationMs).toBeLessThan(SWEEP_TIMEOUT_SECONDS * 1000);
    expect((await statusOf(forge, 'healthy'))?.last?.verdict).toBe('healthy');
    const view = await data(forge, 'getHeartbeat', {});
    expect(view.lastOutcome).toMatchObject({ ok: false, status: null, attempts: 2 });
    expect(view.lastOutcome?.detail).toMatch(/^no answer/);
  }, 30_000);

  it('calls the failure URL when the sweep cannot plan, once for the slot', async () => {
    await configure();
    forge.kvs.failNext(20, { status: 500, op: 'query' });
    await expect(trigger()).rejects.toBeDefined();
    forge.kvs.failNext(20, { status: 500, op: 'query' });
    await expect(trigger()).rejects.toBeDefined();
    expect(hc.pings(`/${UUID}/fail`)).toHaveLength(1);
    expect(hc.pings(`/${UUID}`)).toHaveLength(0);
    const [failure] = hc.pings(`/${UUID}/fail`);
    expect(JSON.parse(failure?.body ?? '{}')).toMatchObject({
      event: 'sweep-failed',
      error: expect.stringContaining('could not plan'),
    });
  });

  it('sends nothing when the stored URL is not on the host it was entered for', async () => {
    await configure();
    await forge.run(async () => {
      const config = await heartbeat.get();
      await heartbeat.save({
        ...config,
        success: config.success && { ...config.success, host: 'hc-ping.com' },
      });
    });
    await sweep();
    expect(hc.requests).toHaveLength(0);
    const view = await data(forge, 'getHeartbeat', {});
    expect(view.lastOutcome?.detail).toContain('enter it again');
  });

  it('shows the banner once the sweep has not run for two intervals, saying since when', async () => {
    await sweep();
    const lastRun = (await data(forge, 'getOverview', {})).sweep.lastRunAt;
    at(9);
    expect((await data(forge, 'getOverview', {})).sweep.stopped).toBeNull();
    at(11);
    expect((await data(forge, 'getOverview', {})).sweep.stopped).toEqual({
      sweepsSince: lastRun,
      inventorySince: null,
    });
    await sweep();
    expect((await data(forge, 'getOverview', {})).sweep.stopped).toBeNull();
  });

  it('answers the Test button with what the service said, 404 "not found" for an unknown check', async () => {
    await configure();
    const ok = await data(forge, 'testHeartbeat', {});
    expect(ok).toMatchObject({ kind: 'test', ok: true, status: 200, detail: 'received: 200 OK' });
    expect(JSON.parse(hc.requests[0]?.body ?? '{}')).toMatchObject({ event: 'test', counts: null });
    await configure({ successUrl: `${hc.url}/0c0ffee0-0000-4000-8000-000000000000` });
    const unknown = await data(forge, 'testHeartbeat', {});
    expect(unknown).toMatchObject({ ok: false, status: 404, detail: 'refused: 404 not found' });
    const failure = await call(forge, 'testHeartbeat', { which: 'failure' });
    expect(failure).toMatchObject({ ok: true, data: { ok: true, status: 200 } });
    expect(hc.requests.at(-1)?.path).toBe(`/${UUID}/fail`);
  });
});
