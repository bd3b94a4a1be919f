import { newIntegration } from '../../src/domain/schedule';
import type { CheckEvent } from '../../src/scheduler/events';
import { SLOT_MS } from '../../src/scheduler/limits';
import { planPushes, sweepEventsOf, type SweepPlan } from '../../src/scheduler/sweep-plan';

/**
 * Forge's queue limits (developer.atlassian.com/platform/forge/limits-async-events): 50 events and
 * 200 KB a push, 500 events a minute per installation, an event for a consumer with a timeout over
 * 55 s at most 100 KB, a delay at most 900 s. The plan keeps 100 a minute for re-queued leftovers
 * and alert pushes.
 */
const PER_PUSH = 50;
const PUSH_KB = 200;
const EVENT_KB = 100;
const PER_MINUTE = 400;

const SLOT = new Date(Date.UTC(2026, 10, 23, 12)).toISOString();
const ids = (n: number, length = 36) =>
  Array.from({ length: n }, (_, i) => String(i).padStart(length, 'x'));
/** What every planned record shares here: only its id and name differ. */
const RECORD = {
  secret: 'ghp_sweep_plan_secret_0001',
  fingerprintKey: Buffer.alloc(32),
  now: new Date(Date.parse(SLOT) - 86_400_000),
};
const kb = (value: unknown) => Buffer.byteLength(JSON.stringify(value)) / 1024;

/** The payload the SDK sends for one push: each body with the app's concurrency key and delay. */
const wire = (events: CheckEvent[], delay: number) =>
  events.map((body) => ({
    body,
    concurrency: { key: 'token-health-checks', limit: 5 },
    ...(delay ? { delayInSeconds: delay } : {}),
  }));

/** Events queued per minute: the first minute's pushes, then what each minute's `later` events push. */
function eventsByMinute(plan: SweepPlan): number[] {
  const minutes = new Map<number, number>();
  const add = (delay: number, n: number) => minutes.set(delay, (minutes.get(delay) ?? 0) + n);
  for (const push of plan.pushes) {
    add(0, push.events.length);
    for (const later of push.events.filter((e) => e.reason === 'later')) {
      add(push.delaySeconds, sweepEventsOf(later).length);
    }
  }
  return [...minutes.entries()].sort(([a], [b]) => a - b).map(([, n]) => n);
}

/** Every id the plan checks, queued at once or by a `later` event. */
const checked = (plan: SweepPlan) => plan.pushes.flatMap((p) => p.events).flatMap((e) => e.ids);

function expectWithinForgeLimits(plan: SweepPlan): void {
  for (const push of plan.pushes) {
    expect(push.events.length).toBeLessThanOrEqual(PER_PUSH);
    expect(kb(wire(push.events, push.delaySeconds))).toBeLessThanOrEqual(PUSH_KB);
    expect(push.delaySeconds).toBeLessThanOrEqual(900);
    for (const e of push.events) expect(kb(e)).toBeLessThanOrEqual(EVENT_KB);
    for (const later of push.events.filter((e) => e.reason === 'later')) {
      const queued = sweepEventsOf(later);
      expect(queued.length).toBeLessThanOrEqual(PER_PUSH);
      expect(kb(wire(queued, 0))).toBeLessThanOrEqual(PUSH_KB);
    }
  }
  for (const n of eventsByMinute(plan)) expect(n).toBeLessThanOrEqual(PER_MINUTE);
  // A later minute starts over a minute after the previous one and ends before the next slot's.
  const delays = [...new Set(plan.pushes.map((p) => p.delaySeconds))];
  delays.slice(1).forEach((d, i) => expect(d - (delays[i] ?? 0)).toBeGreaterThan(60));
  expect(Math.max(...delays) * 1000).toBeLessThan(SLOT_MS - 60_000);
}

describe('planning a sweep within Forge queue limits', () => {
  it('queues a sweep that fits one minute at once, in pushes of at most 50 events', () => {
    const plan = planPushes(SLOT, ids(5000));
    expect(plan.pushes.every((p) => p.delaySeconds === 0)).toBe(true);
    expect(plan.pushes.flatMap((p) => p.events).every((e) => e.reason === 'sweep')).toBe(true);
    expect(checked(plan)).toEqual(ids(5000));
    expect(plan).toMatchObject({ later: 0, unplanned: 0 });
    expectWithinForgeLimits(plan);
  });

  it('queues 20,000 due checks over two minutes, no minute over 400 events, each check once', () => {
    const due = ids(20_000);
    const plan = planPushes(SLOT, due);
    expect(eventsByMinute(plan).length).toBe(2);
    expect([...checked(plan)].sort()).toEqual([...due].sort());
    expect(plan.unplanned).toBe(0);
    expect(plan.later).toBe(
      plan.pushes
        .flatMap((p) => p.events)
        .filter((e) => e.reason === 'later')
        .reduce((n, e) => n + e.ids.length, 0),
    );
    expectWithinForgeLimits(plan);
  });

  it('keeps every push and event inside the byte limits when ids are 100 characters long', () => {
    const plan = planPushes(SLOT, ids(30_000, 100));
    expect(new Set(checked(plan)).size).toBe(30_000);
    expectWithinForgeLimits(plan);
  });

  it('sends the records read with their checks, as far as an event holds them', () => {
    const records = (n: number, nameLength: number) =>
      new Map(
        ids(n).map((id) => {
          const config = { kind: 'github-token' as const, name: 'n'.repeat(nameLength) };
          return [id, newIntegration({ ...RECORD, id, config })];
        }),
      );
    const small = records(16_000, 20);
    const plan = planPushes(SLOT, [...small.keys()], small);
    const events = plan.pushes.flatMap((p) => p.events);
    expect(events.every((e) => e.records?.map((r) => r.id).join() === e.ids.join())).toBe(true);
    expectWithinForgeLimits(plan);

    const large = records(200, 4_000);
    const held = planPushes(SLOT, [...large.keys()], large);
    expect(held.pushes.flatMap((p) => p.events).every((e) => e.records === undefined)).toBe(true);
    expectWithinForgeLimits(held);
  });

  it('leaves what one slot cannot queue due for the next sweep, and says how many', () => {
    const due = ids(100_000);
    const plan = planPushes(SLOT, due);
    const queued = checked(plan);
    expect(plan.unplanned).toBeGreaterThan(0);
    expect(queued.length + plan.unplanned).toBe(due.length);
    expect(queued).toEqual(due.slice(0, queued.length));
    expectWithinForgeLimits(plan);
  });

  it('gives a later event the slot of its sweep, so the checks it queues dedupe like any other', () => {
    const later = planPushes(SLOT, ids(20_000))
      .pushes.flatMap((p) => p.events)
      .find((e) => e.reason === 'later');
    const queued = sweepEventsOf(later as CheckEvent);
    expect(queued.every((e) => e.slot === SLOT && e.reason === 'sweep')).toBe(true);
    expect(queued.flatMap((e) => e.ids)).toEqual(later?.ids);
  });
});
