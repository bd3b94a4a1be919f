import type { IntegrationRecord } from '../domain/schedule';
import type { CheckEvent } from './events';
import {
  CHECKS_PER_EVENT,
  CONSUMER_CONCURRENCY,
  EVENT_MAX_BYTES,
  EVENTS_PER_PUSH,
  LATER_MINUTE_SECONDS,
  LATER_MINUTES,
  PROBES_PER_CONSUMER,
  PUSH_MAX_BYTES,
  SWEEP_EVENTS_PER_MINUTE,
} from './limits';

/** One Queue.push: its events and the delay they all get. */
export interface PlannedPush {
  delaySeconds: number;
  events: CheckEvent[];
}

export interface SweepPlan {
  pushes: PlannedPush[];
  /** Due checks queued only in a later minute, by a `later` event. */
  later: number;
  /** Due checks beyond what one slot may queue: still due, the next sweep takes them. */
  unplanned: number;
}

/**
 * Spreads a small sweep over every consumer the queue may run at once; a large one fills events
 * up to CHECKS_PER_EVENT, so each invocation's fixed cost is spread over more checks.
 */
export function eventSize(due: number): number {
  const spread = Math.ceil(due / CONSUMER_CONCURRENCY);
  return Math.min(CHECKS_PER_EVENT, Math.max(PROBES_PER_CONSUMER, spread));
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value));

/** What the SDK wraps around each pushed body (its concurrency key and delay), rounded up. */
const PUSH_WRAPPER_BYTES = 120;
/** A `later` event's JSON around its ids. */
const LATER_WRAPPER_BYTES = 200;

/** Items in order, in groups of at most maxCount whose sizes add up to at most maxBytes. */
function pack<T>(items: readonly T[], maxCount: number, maxBytes: number, size: (t: T) => number) {
  const groups: T[][] = [];
  let group: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const b = size(item);
    if (group.length > 0 && (group.length === maxCount || bytes + b > maxBytes)) {
      groups.push(group);
      group = [];
      bytes = 0;
    }
    group.push(item);
    bytes += b;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/** Events in pushes Forge accepts: at most 50 a push and 200 KB together. */
export function pushesOf(events: readonly CheckEvent[], delaySeconds = 0): PlannedPush[] {
  const size = (e: CheckEvent) => jsonBytes(e) + PUSH_WRAPPER_BYTES;
  return pack(events, EVENTS_PER_PUSH, PUSH_MAX_BYTES, size).map((group) => ({
    delaySeconds,
    events: group,
  }));
}

/** `later` events: each queues one push of sweep events when delivered, and fits one event. */
function laterEvents(slot: string, ids: readonly string[]): CheckEvent[] {
  const size = (id: string) => jsonBytes(id) + 1;
  const perEvent = EVENTS_PER_PUSH * CHECKS_PER_EVENT;
  return pack(ids, perEvent, EVENT_MAX_BYTES - LATER_WRAPPER_BYTES, size).map((group) => ({
    slot,
    ids: group,
    reason: 'later',
  }));
}

/** What a delivered `later` event queues: its ids as sweep events of the same slot. */
export function sweepEventsOf(later: CheckEvent): CheckEvent[] {
  return chunk(later.ids, CHECKS_PER_EVENT).map((ids) => ({
    slot: later.slot,
    ids,
    reason: 'sweep',
  }));
}

/** `later` events one minute may deliver: each queues one push of up to 50 events. */
const LATER_PER_MINUTE = Math.floor(SWEEP_EVENTS_PER_MINUTE / EVENTS_PER_PUSH);
const MAX_LATER = LATER_PER_MINUTE * LATER_MINUTES;

/**
 * A sweep event with the records of its ids the planner read, when they fit one event; else
 * with its ids alone (the consumer then reads them).
 */
function sweepEvent(
  slot: string,
  ids: string[],
  records: ReadonlyMap<string, IntegrationRecord>,
): CheckEvent {
  const event: CheckEvent = { slot, ids, reason: 'sweep' };
  const carried = ids.flatMap((id) => records.get(id) ?? []);
  if (carried.length === 0) return event;
  const withRecords = { ...event, records: carried };
  return jsonBytes(withRecords) <= EVENT_MAX_BYTES ? withRecords : event;
}

/**
 * The pushes that queue a sweep's due checks within Forge's rate of events per installation and
 * minute. Up to SWEEP_EVENTS_PER_MINUTE events go at once, with the records read for them
 * (`records`). Beyond that, the first minute keeps room for `later` events, each carrying the
 * ids of one later push; they are delayed to a later minute, at most LATER_PER_MINUTE to a
 * minute, for LATER_MINUTES minutes. What even that cannot hold stays due for the next sweep.
 */
export function planPushes(
  slot: string,
  due: readonly string[],
  records: ReadonlyMap<string, IntegrationRecord> = new Map(),
): SweepPlan {
  const events: CheckEvent[] = chunk(due, eventSize(due.length)).map((ids) =>
    sweepEvent(slot, ids, records),
  );
  if (events.length <= SWEEP_EVENTS_PER_MINUTE) {
    return { pushes: pushesOf(events), later: 0, unplanned: 0 };
  }
  // Each `later` event in the first minute stands for up to one push (50 events) of the rest.
  const first = Math.ceil((events.length - SWEEP_EVENTS_PER_MINUTE) / (EVENTS_PER_PUSH - 1));
  for (let reserved = Math.min(first, MAX_LATER); ; reserved += 1) {
    const now = events.slice(0, SWEEP_EVENTS_PER_MINUTE - reserved);
    const queuedNow = now.reduce((n, e) => n + e.ids.length, 0);
    const later = laterEvents(slot, due.slice(queuedNow));
    if (later.length <= reserved || reserved === MAX_LATER) {
      return spread(now, later.slice(0, reserved), due.length - queuedNow);
    }
  }
}

function spread(now: CheckEvent[], later: CheckEvent[], remaining: number): SweepPlan {
  const laterPushes = chunk(later, LATER_PER_MINUTE).flatMap((minute, i) =>
    pushesOf(minute, (i + 1) * LATER_MINUTE_SECONDS),
  );
  const queuedLater = later.reduce((n, e) => n + e.ids.length, 0);
  return {
    pushes: [...pushesOf(now), ...laterPushes],
    later: queuedLater,
    unplanned: remaining - queuedLater,
  };
}
