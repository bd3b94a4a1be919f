import { historyOf, record, seed, startApp, statusOf, sweep } from '../support/app';
import type { LocalForge } from '../../local/forge-runtime';
import { basicAuth, sendJson, startServer, type TestServer } from '../support/server';
import { CONSUMER_TIMEOUT_SECONDS, SWEEP_TIMEOUT_SECONDS } from '../../src/scheduler/limits';
import { fakeDateOnly } from '../support/clock';

/**
 * The scheduled sweep end to end: the app's exported handlers on the local Forge runtime, probing
 * a Jira double over real HTTP. Only Date is faked (jest's modern timers with every timer real),
 * so the app's clock and the runtime's TTL clock move together while sockets and timeouts run.
 */
const T0 = Date.parse('2026-11-23T12:00:00Z');
const MINUTE = 60_000;

type Behaviour = 'ok' | 'revoked' | 'down' | { retryAfter: number };

describe('the sweep on the local Forge runtime', () => {
  let jira: TestServer;
  let forge: LocalForge;
  const behaviour = new Map<string, Behaviour>();
  const calls = new Map<string, number>();

  beforeAll(async () => {
    jira = await startServer((req, res) => {
      const token = basicAuth(req)?.password ?? '';
      calls.set(token, (calls.get(token) ?? 0) + 1);
      const b = behaviour.get(token) ?? 'revoked';
      if (b === 'ok') return sendJson(res, 200, { accountId: `acc-${token}`, displayName: token });
      if (b === 'down') return sendJson(res, 503, { message: 'maintenance' });
      if (typeof b === 'object')
        return sendJson(res, 429, {}, { 'Retry-After': String(b.retryAfter) });
      sendJson(
        res,
        401,
        { errorMessages: ['Client must be authenticated'] },
        { 'X-Seraph-LoginReason': 'AUTHENTICATED_FAILED' },
      );
    });
  });
  afterAll(() => jira.close());

  beforeEach(async () => {
    fakeDateOnly(T0);
    behaviour.clear();
    calls.clear();
    forge = await startApp([jira]);
  });
  afterEach(async () => {
    await forge.stop();
    jest.useRealTimers();
  });

  const at = (minutes: number) => jest.setSystemTime(T0 + minutes * MINUTE);
  const jiraToken = (id: string, token: string, extra: Parameters<typeof record>[2] = {}) => ({
    record: record(
      id,
      { kind: 'atlassian-api-token', baseUrl: jira.url, username: 'bot@acme.example' },
      extra,
    ),
    secret: token,
  });

  it('runs the trigger and the consumer on their own functions with the time limits the code plans for', () => {
    expect(forge.manifest.functions.get('sweep')?.timeoutSeconds).toBe(SWEEP_TIMEOUT_SECONDS);
    expect(forge.manifest.functions.get('check')?.timeoutSeconds).toBe(CONSUMER_TIMEOUT_SECONDS);
  });

  it('reports a credential revoked on the service as rejected at the next sweep', async () => {
    for (const t of ['tok-a', 'tok-b', 'tok-c']) behaviour.set(t, 'ok');
    await seed(forge, [jiraToken('a', 'tok-a'), jiraToken('b', 'tok-b'), jiraToken('c', 'tok-c')]);
    await sweep(forge);
    expect((await statusOf(forge, 'b'))?.last?.verdict).toBe('healthy');

    behaviour.set('tok-b', 'revoked');
    at(61);
    await sweep(forge);
    expect((await statusOf(forge, 'a'))?.last?.verdict).toBe('healthy');
    expect((await statusOf(forge, 'b'))?.last).toMatchObject({
      verdict: 'rejected',
      severity: 'critical',
    });
    expect(calls.get('tok-b')).toBe(2);
  });

  it('loses no result when KVS answers 429 and 500 in the middle of a sweep', async () => {
    const items = Array.from({ length: 30 }, (_, i) => jiraToken(`i${i}`, `tok-${i}`));
    items.forEach((item) => behaviour.set(item.secret, 'ok'));
    await seed(forge, items);
    await forge.runScheduledTrigger('sweep-trigger');
    forge.kvs.failNext(3, { status: 429, op: 'batch/set' });
    forge.kvs.failNext(2, { status: 500, op: 'secret/get' });
    forge.kvs.failNext(1, { status: 500, op: 'batch/get' });
    await forge.drainQueues();
    for (const item of items) {
      expect((await statusOf(forge, item.record.id))?.last?.verdict).toBe('healthy');
      expect(await historyOf(forge, item.record.id)).toHaveLength(1);
    }
  });

  it('stores the checks of a consumer together: beyond its secret, a check costs under one KVS request', async () => {
    const items = Array.from({ length: 40 }, (_, i) => jiraToken(`g${i}`, `tok-g${i}`));
    items.forEach((item) => behaviour.set(item.secret, 'ok'));
    await seed(forge, items);
    const before = forge.kvs.requests.length;
    await sweep(forge);
    const consumers = new Set(
      forge.invocations.filter((i) => i.functionKey === 'check').map((i) => i.invocationId),
    );
    const requests = forge.kvs.requests
      .slice(before)
      .filter((r) => r.invocationId && consumers.has(r.invocationId));
    const count = (op: string) => requests.filter((r) => r.op === op).length;
    // A secret can only be read alone (`getSecret`); reads and writes of the rest are batched.
    expect(count('secret/get')).toBe(items.length);
    expect((requests.length - count('secret/get')) / items.length).toBeLessThan(1);
    expect(count('batch/set')).toBeLessThan(items.length / 3);
    for (const item of items) {
      expect((await statusOf(forge, item.record.id))?.last?.verdict).toBe('healthy');
      expect(await historyOf(forge, item.record.id)).toHaveLength(1);
    }
  });

  it('asks for the integrations, their secrets and the settings at once, so probing waits one KVS round trip', async () => {
    const items = Array.from({ length: 3 }, (_, i) => jiraToken(`p${i}`, `tok-p${i}`));
    items.forEach((item) => behaviour.set(item.secret, 'ok'));
    await seed(forge, items);
    const before = forge.kvs.requests.length;
    await sweep(forge);
    const consumer = forge.invocations.find((i) => i.functionKey === 'check')?.invocationId;
    const ops = forge.kvs.requests
      .slice(before)
      .filter((r) => r.invocationId === consumer)
      .map((r) => r.op);
    const settingsRead = ops.indexOf('batch/get', ops.indexOf('batch/get') + 1);
    // In order of asking: the integrations' batch read, every secret, then the settings' batch read.
    expect(ops.slice(0, settingsRead)).toEqual(['batch/get', ...items.map(() => 'secret/get')]);
    for (const item of items) {
      expect((await statusOf(forge, item.record.id))?.last?.verdict).toBe('healthy');
    }
  });

  it('logs where each consumer spent its time: reading, probing, storing after the last probe', async () => {
    const items = Array.from({ length: 3 }, (_, i) => jiraToken(`t${i}`, `tok-t${i}`));
    items.forEach((item) => behaviour.set(item.secret, 'ok'));
    await seed(forge, items);
    const log = jest.spyOn(console, 'log');
    try {
      await sweep(forge);
      const lines = log.mock.calls.map((args) => String(args[0]));
      const line = lines.find((l) => l.startsWith('checked '));
      const phases =
        /^checked 3, skipped 0, left 0 \(read (\d+) ms, probing (\d+) ms, storing after (\d+) ms\)$/.exec(
          line ?? '',
        );
      expect(phases).not.toBeNull();
      const spent = (phases ?? []).slice(1).reduce((sum, ms) => sum + Number(ms), 0);
      const consumer = forge.invocations.find((i) => i.functionKey === 'check');
      expect(spent).toBeLessThanOrEqual(Math.ceil(consumer?.durationMs ?? 0) + 3);
    } finally {
      log.mockRestore();
    }
  });

  it('leaves no duplicate history when the trigger fires twice and Forge redelivers events', async () => {
    behaviour.set('tok-1', 'ok');
    behaviour.set('tok-2', 'ok');
    await seed(forge, [jiraToken('one', 'tok-1'), jiraToken('two', 'tok-2')]);
    await forge.runScheduledTrigger('sweep-trigger');
    await forge.runScheduledTrigger('sweep-trigger');
    forge.queues.duplicateNext(1);
    await forge.drainQueues();
    for (const id of ['one', 'two']) expect(await historyOf(forge, id)).toHaveLength(1);
    const deliveries = forge.invocations.filter((i) => i.moduleType === 'consumer');
    expect(deliveries).toHaveLength(2);
    expect(calls.get('tok-1')).toBe(1);
    expect(calls.get('tok-2')).toBe(1);
  });

  it('stops probing a rejected credential until it is edited, so no account is driven into a CAPTCHA', async () => {
    await seed(forge, [jiraToken('dead', 'tok-dead', { interval: '5m' })]);
    await sweep(forge);
    for (const minutes of [5, 10, 60, 600]) {
      at(minutes);
      await sweep(forge);
    }
    expect(calls.get('tok-dead')).toBe(1);

    behaviour.set('tok-new', 'ok');
    at(601);
    await seed(forge, [
      {
        ...jiraToken('dead', 'tok-new', {
          interval: '5m',
          editedAt: new Date(T0 + 601 * MINUTE).toISOString(),
        }),
      },
    ]);
    at(605);
    await sweep(forge);
    expect((await statusOf(forge, 'dead'))?.last?.verdict).toBe('healthy');
  });

  it('plans once when two trigger runs overlap', async () => {
    behaviour.set('tok-o', 'ok');
    await seed(forge, [jiraToken('o', 'tok-o')]);
    await Promise.all([
      forge.runScheduledTrigger('sweep-trigger'),
      forge.runScheduledTrigger('sweep-trigger'),
    ]);
    expect(forge.queues.pending()).toHaveLength(1);
    await forge.drainQueues();
    expect(calls.get('tok-o')).toBe(1);
  });

  it('turns an unreachable service critical only on the second consecutive result', async () => {
    behaviour.set('tok-x', 'down');
    await seed(forge, [jiraToken('x', 'tok-x')]);
    await sweep(forge);
    expect(await statusOf(forge, 'x')).toMatchObject({
      severity: 'unknown',
      consecutiveTransient: 1,
    });
    at(5);
    await sweep(forge);
    expect(await statusOf(forge, 'x')).toMatchObject({
      severity: 'critical',
      consecutiveTransient: 2,
    });
  });

  it('honours Retry-After before probing a rate-limited service again', async () => {
    behaviour.set('tok-r', { retryAfter: 7200 });
    await seed(forge, [jiraToken('r', 'tok-r', { interval: '15m' })]);
    await sweep(forge);
    at(65);
    await sweep(forge);
    expect(calls.get('tok-r')).toBe(1);
    behaviour.set('tok-r', 'ok');
    at(121);
    await sweep(forge);
    expect(calls.get('tok-r')).toBe(2);
  });

  it('tracks a revocation: probes every 5 minutes until refused and records how long the token kept working', async () => {
    behaviour.set('tok-v', 'ok');
    await seed(forge, [jiraToken('v', 'tok-v', { interval: '24h' })]);
    await sweep(forge);
    at(1);
    await seed(forge, [
      jiraToken('v', 'tok-v', { interval: '24h', revokedAt: new Date(T0 + MINUTE).toISOString() }),
    ]);
    for (const minutes of [5, 10]) {
      at(minutes);
      await sweep(forge);
    }
    behaviour.set('tok-v', 'revoked');
    at(15);
    await sweep(forge);
    expect((await statusOf(forge, 'v'))?.revocation).toEqual({
      revokedAt: new Date(T0 + MINUTE).toISOString(),
      lastAcceptedAt: new Date(T0 + 10 * MINUTE).toISOString(),
      refusedAt: new Date(T0 + 15 * MINUTE).toISOString(),
      keptWorkingMs: 9 * MINUTE,
    });
  });
});
