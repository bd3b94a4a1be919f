import type { LocalForge } from '../../local/forge-runtime';
import { isCheckEvent, type CheckEvent } from '../../src/scheduler/events';
import { QUEUE_KEY } from '../../src/scheduler/limits';
import { keys } from '../../src/storage/keys';
import { sweepState } from '../../src/storage/sweep-state';
import { fakeDateOnly } from '../support/clock';
import { record, startApp } from '../support/app';

/**
 * A sweep larger than Forge lets one installation queue in a minute (500 events,
 * developer.atlassian.com/platform/forge/limits-async-events), through the real trigger and
 * consumer on the local runtime, which refuses a push past that rate with 429 as Forge does.
 * Only the queue is looked at: the checks themselves are the sweep tests' business.
 */
const T0 = Date.parse('2026-11-23T12:00:00Z');
const N = 21_000;

describe('a sweep past Forge queue rate', () => {
  let forge: LocalForge;

  beforeAll(async () => {
    fakeDateOnly(T0);
    forge = await startApp([]);
    for (let i = 0; i < N; i += 1) {
      const r = record(`int-${String(i).padStart(5, '0')}`, {
        kind: 'atlassian-api-token',
        baseUrl: 'https://acme.atlassian.net',
        username: 'bot@acme.example',
      });
      forge.kvs.set(keys.integration(r.id), r);
      forge.kvs.setSecret(keys.secret(r.id), `tok-${i}`);
    }
  });
  afterAll(async () => {
    await forge.stop();
    jest.useRealTimers();
  });

  const queued = () =>
    forge.queues
      .pending(QUEUE_KEY)
      .map((e) => ({ event: e, body: e.body as unknown as CheckEvent }))
      .filter(({ body }) => isCheckEvent(body));

  it('queues every due check once: 400 events at once, the rest a minute later', async () => {
    await forge.runScheduledTrigger('sweep-trigger');
    const now = queued().filter(({ event }) => event.dueAt <= T0);
    const later = queued().filter(({ event }) => event.dueAt > T0);
    expect(now.length).toBeLessThanOrEqual(400);
    expect(later.length).toBeGreaterThan(0);
    expect(later.every(({ body }) => body.reason === 'later')).toBe(true);
    expect(later.every(({ event }) => event.dueAt >= T0 + 60_000)).toBe(true);
    const ids = [...now, ...later].flatMap(({ body }) => body.ids);
    expect(new Set(ids).size).toBe(N);
    expect(ids).toHaveLength(N);
    const state = await forge.run(() => sweepState.get());
    expect(state).toMatchObject({ due: N, later: later.flatMap((l) => l.body.ids).length });

    // The first minute's checks are not run here: the later events are what is looked at.
    for (const { event } of now) forge.queues.drop(event.eventId);
    jest.setSystemTime(T0 + 66_000);
    const report = await forge.drainQueues({ untilIdle: false });
    expect(report).toMatchObject({ delivered: later.length, acked: later.length, retried: 0 });
    const pushed = queued();
    expect(pushed.every(({ body }) => body.reason === 'sweep')).toBe(true);
    expect(pushed.length).toBeLessThanOrEqual(400);
    expect(pushed.flatMap(({ body }) => body.ids).sort()).toEqual(
      later.flatMap(({ body }) => body.ids).sort(),
    );
  }, 60_000);
});
