import { app, startFixture } from './fixture';
import type { LocalForge, ManualClock } from '../../../local/forge-runtime';
import { __requestAtlassianAsApp } from '@forge/api';
import { PayloadTooBigError, Queue, RateLimitError, TooManyEventsError } from '@forge/events';

let forge: LocalForge;
let clock: ManualClock;

beforeEach(async () => {
  ({ forge, clock } = await startFixture());
});
afterEach(() => forge.stop());

const checks = new Queue({ key: 'checks' });
const push = (events: Parameters<Queue['push']>[0]) => forge.run(() => checks.push(events));
const events = (n: number, body: Record<string, unknown> = {}) =>
  Array.from({ length: n }, (_, i) => ({ body: { ...body, n: i } }));

describe('push', () => {
  test('accepted events wait in the queue; job stats follow them', async () => {
    const { jobId } = await push(events(3));
    expect(forge.queues.pending('checks').map((e) => e.body)).toEqual([
      { n: 0 },
      { n: 1 },
      { n: 2 },
    ]);
    expect(await forge.run(() => checks.getStats(jobId))).toEqual({
      success: 0,
      inProgress: 3,
      failed: 0,
    });
    await forge.drainQueues();
    expect(await forge.run(() => checks.getStats(jobId))).toEqual({
      success: 3,
      inProgress: 0,
      failed: 0,
    });
  });

  test('cancel removes a job’s undelivered events', async () => {
    const { jobId } = await push(events(2));
    await forge.run(() => checks.cancel(jobId));
    expect(forge.queues.pending()).toEqual([]);
    expect((await forge.drainQueues()).delivered).toBe(0);
  });

  test('the SDK refuses more than 50 events or 200 KB before calling the platform', async () => {
    await expect(push(events(51))).rejects.toBeInstanceOf(TooManyEventsError);
    await expect(push([{ body: { pad: 'x'.repeat(201 * 1024) } }])).rejects.toBeInstanceOf(
      PayloadTooBigError,
    );
  });

  test('the platform refuses the same limits when the SDK is bypassed', async () => {
    const send = (payload: unknown[]) =>
      forge.run(() =>
        __requestAtlassianAsApp(
          '/webhook/queue/publish/{contextAri}/{environmentId}/{appId}/{appVersion}',
          {
            method: 'POST',
            body: JSON.stringify({
              queueName: 'checks',
              jobId: 'j1',
              payload,
              time: new Date().toISOString(),
            }),
          },
        ),
      );
    expect((await send(events(51))).status).toBe(400);
    expect((await send([{ body: { pad: 'x'.repeat(201 * 1024) } }])).status).toBe(413);
    expect((await send(events(1))).status).toBe(201);
  });

  test('over 500 events a minute per installation → RateLimitError (429)', async () => {
    for (let i = 0; i < 10; i++) await push(events(50));
    await expect(push(events(1))).rejects.toBeInstanceOf(RateLimitError);
    clock.advance(60_000);
    await expect(push(events(1))).resolves.toHaveProperty('jobId');
  });
});

describe('delivery', () => {
  test('each event is its own consumer invocation with the AsyncEvent fields', async () => {
    const { jobId } = await push([{ body: { id: 'cred:1' } }, { body: { id: 'cred:2' } }]);
    const report = await forge.drainQueues();
    expect(report).toMatchObject({ delivered: 2, acked: 2, retried: 0, failed: 0, pending: 0 });
    expect(app.deliveries.map((d) => d.body)).toEqual([{ id: 'cred:1' }, { id: 'cred:2' }]);
    const runs = forge.invocations.filter((r) => r.moduleType === 'consumer');
    expect(runs.map((r) => [r.moduleKey, r.functionKey, r.outcome])).toEqual([
      ['check-consumer', 'check', 'success'],
      ['check-consumer', 'check', 'success'],
    ]);
    expect(new Set(runs.map((r) => r.invocationId)).size).toBe(2);
    expect(forge.kvs.get('done:cred:1')).toEqual({ eventId: app.deliveries[0]!.eventId });
    expect(jobId).toBeDefined();
  });

  test('delayInSeconds holds an event until the clock reaches it', async () => {
    await push([{ body: {}, delayInSeconds: 30 }]);
    expect(await forge.drainQueues()).toMatchObject({
      delivered: 0,
      pending: 1,
      nextDueAt: clock.now() + 30_000,
    });
    clock.advance(30_000);
    expect(await forge.drainQueues()).toMatchObject({ delivered: 1, pending: 0 });
  });

  test('an InvocationError redelivers after retryAfter with retryContext', async () => {
    await push([{ body: { mode: 'retry', times: 2, after: 5 } }]);
    expect(await forge.drainQueues()).toMatchObject({ delivered: 1, retried: 1, pending: 1 });
    expect(await forge.drainQueues()).toMatchObject({ delivered: 0 });
    clock.advance(5000);
    await forge.drainQueues();
    clock.advance(5000);
    expect(await forge.drainQueues()).toMatchObject({ delivered: 1, acked: 1, pending: 0 });
    expect(app.deliveries.map((d) => d.retryContext)).toEqual([
      undefined,
      { retryCount: 1, retryReason: 'FUNCTION_RETRY_REQUEST', retryData: { attempt: 1 } },
      { retryCount: 2, retryReason: 'FUNCTION_RETRY_REQUEST', retryData: { attempt: 2 } },
    ]);
    expect(new Set(app.deliveries.map((d) => d.eventId)).size).toBe(1);
    expect(forge.invocations.map((r) => r.retryRequested ?? false)).toEqual([true, true, false]);
  });

  test('a thrown error is retried 3 times with back-off 1 s, 2 s, 4 s, then given up', async () => {
    const { jobId } = await push([{ body: { mode: 'throw', times: 99 } }]);
    const dueTimes: number[] = [];
    for (let i = 0; i < 4; i++) {
      const report = await forge.drainQueues();
      expect(report.delivered).toBe(1);
      if (report.nextDueAt !== undefined) {
        dueTimes.push(report.nextDueAt - clock.now());
        clock.set(report.nextDueAt);
      }
    }
    expect(dueTimes).toEqual([1000, 2000, 4000]);
    expect(forge.queues.failed.map((e) => [e.retryContext?.retryCount, e.lastReason])).toEqual([
      [3, 'FUNCTION_PLATFORM_UNKNOWN_ERROR'],
    ]);
    expect(forge.queues.stats(jobId)).toEqual({ success: 0, inProgress: 0, failed: 1 });
    expect(forge.invocations.map((r) => r.outcome)).toEqual(['error', 'error', 'error', 'error']);
  });

  test('duplicateNext delivers an acknowledged event a second time (at-least-once)', async () => {
    const { jobId } = await push([{ body: { id: 'x' } }]);
    forge.queues.duplicateNext();
    expect(await forge.drainQueues()).toMatchObject({ delivered: 2, acked: 2 });
    const [first, second] = app.deliveries;
    expect(second!.eventId).toBe(first!.eventId);
    expect(forge.queues.stats(jobId)).toEqual({ success: 1, inProgress: 0, failed: 0 });
  });

  test('dropNext loses an event', async () => {
    await push(events(2));
    expect(forge.queues.dropNext('checks')?.body).toEqual({ n: 0 });
    await forge.drainQueues();
    expect(app.deliveries.map((d) => d.body)).toEqual([{ n: 1 }]);
  });

  test('a concurrency key caps deliveries in flight; others run in parallel', async () => {
    await push(
      Array.from({ length: 6 }, () => ({
        body: { mode: 'track' },
        concurrency: { key: 'site', limit: 2 },
      })),
    );
    await forge.drainQueues();
    expect(app.concurrency.max).toBe(2);
    app.concurrency.max = 0;
    await push(Array.from({ length: 6 }, () => ({ body: { mode: 'track' } })));
    await forge.drainQueues();
    expect(app.concurrency.max).toBe(6);
  });

  test('untilIdle: false delivers only what was due when the drain began', async () => {
    await push(events(2));
    expect(await forge.drainQueues({ maxDeliveries: 1 })).toMatchObject({
      delivered: 1,
      pending: 1,
    });
    await push(events(1));
    const snapshot = forge.queues.pending().length;
    expect(await forge.drainQueues({ untilIdle: false })).toMatchObject({ delivered: snapshot });
  });

  test('resolver-style consumers receive the body as payload and the event in context', async () => {
    await forge.run(() => new Queue({ key: 'legacy' }).push({ body: { hello: 'world' } }));
    await forge.drainQueues();
    expect(app.deliveries).toEqual([{ eventId: expect.any(String), body: { hello: 'world' } }]);
  });

  test('a consumer past its time limit is recorded as timed out and retried', async () => {
    await forge.stop();
    ({ forge, clock } = await startFixture({ timeScale: 0.02 })); // slow: 1 s → 20 ms
    await forge.run(() => new Queue({ key: 'slow' }).push({ body: { mode: 'sleep', ms: 80 } }));
    expect(await forge.drainQueues()).toMatchObject({ delivered: 1, retried: 1 });
    const [record] = forge.invocations;
    expect([record!.outcome, record!.timeLimitMs]).toEqual(['timeout', 20]);
    expect(forge.queues.pending('slow')[0]!.retryContext).toEqual({
      retryCount: 1,
      retryReason: 'FUNCTION_TIME_OUT',
      retryData: undefined,
    });
  });
});
