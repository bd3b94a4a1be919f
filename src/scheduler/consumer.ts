import { isDue, type IntegrationRecord } from '../domain/schedule';
import type { Settings } from '../domain/settings';
import type { FetchLike } from '../http/client';
import { safeHost } from '../http/client';
import { PROBES } from '../probes/registry';
import { loadTargets, type CheckTarget } from '../storage/check-store';
import type { DeliveryQueue } from '../notify/deliver-events';
import type { AlertSetup } from './alerting';
import {
  knownTarget,
  prepareStore,
  probeOne,
  pushesOf,
  readSecret,
  type StoreRequest,
} from './check-one';
import type { CheckEvent } from './events';
import {
  ALERT_PUSHES_PER_CHECK,
  MIN_PROBE_WINDOW_MS,
  PERSIST_MARGIN_MS,
  PROBE_DEADLINE_MS,
  PROBES_PER_CONSUMER,
  PROBES_PER_HOST,
  REQUEST_BUDGET,
} from './limits';
import { runPool } from './pool';
import { meterFetch } from './request-meter';
import { StoreQueue } from './store-queue';

export interface ConsumerDeps {
  fetch: FetchLike;
  now: () => Date;
  settings: Settings;
  invocationId: string;
  /** Milliseconds left in this invocation (Forge's own clock of it). */
  remainingMs: () => number;
  alerting: AlertSetup;
  deliveries: DeliveryQueue;
  orgInventory?: boolean;
  /** A monotonic clock in ms for the phase times (default performance.now). */
  monotonicMs?: () => number;
}

/**
 * Where a consumer's time went: reading its integrations (from the start of the reads, settings
 * and secrets going on alongside), probing until the last probe ended, and storing what was
 * still unstored then. The log line and the bench show them.
 */
export interface ConsumerPhases {
  readMs: number;
  probeMs: number;
  storeMs: number;
}

export interface ConsumerReport {
  checked: string[];
  skipped: string[];
  /** Not started (budget or deadline) or not stored: the caller re-queues them. */
  leftover: string[];
  requests: number;
  phases: ConsumerPhases;
}

/** A duplicate delivery, or a round already overtaken by a newer check, changes nothing. */
function stillWanted(target: CheckTarget, event: CheckEvent, now: Date): boolean {
  const { record, status } = target;
  if (status?.lastSlot && Date.parse(status.lastSlot) >= Date.parse(event.slot)) return false;
  return event.reason === 'demand' || !status || isDue(record, status, now);
}

function hostOf(target: CheckTarget): string {
  const c = target.record.config;
  return safeHost(c.url ?? c.baseUrl ?? PROBES[c.kind].defaultBaseUrl ?? '');
}

/** What a probe started now may spend: its own deadline, cut short by the invocation's. */
function probeWindow(deps: ConsumerDeps): number {
  return Math.min(PROBE_DEADLINE_MS, deps.remainingMs() - PERSIST_MARGIN_MS);
}

interface Prepared extends CheckTarget {
  secret: Promise<string | undefined>;
}

/** An event's integrations and secrets, being read. */
export interface Prefetch {
  targets: Promise<Map<string, CheckTarget>>;
  secrets: Map<string, Promise<string | undefined>>;
  /** When the reads began, on the consumer's monotonic clock. */
  startedMs: number;
}

/**
 * Starts reading an event's integrations and all their secrets at once, so the first probe waits
 * for one KVS round trip instead of three (settings, then integrations, then secrets). Records
 * the event carries (`carried`) are only checked against their revisions, not read again; the
 * stable part of a status only when the result cannot tell it (check-one.ts withStable). A secret
 * of a check that turns out unwanted (a duplicate delivery) is read for nothing: a rare cost.
 */
export function prefetch(
  ids: readonly string[],
  carried: readonly IntegrationRecord[] = [],
  monotonicMs: () => number = () => performance.now(),
): Prefetch {
  const startedMs = monotonicMs();
  const targets = loadTargets(ids, { carried, stableOnDemand: true });
  targets.catch(() => undefined); // awaited by consumeChecks; this keeps an early failure handled
  const secrets = new Map(ids.map((id) => [id, readSecret(id)]));
  // Awaited by each probe; this keeps an early failure handled.
  secrets.forEach((secret) => secret.catch(() => undefined));
  return { targets, secrets, startedMs };
}

/** What a check may spend of the invocation's requests: its kind's maximum and its alert push. */
function reserveOf(target: CheckTarget): number {
  return PROBES[target.record.config.kind].maxRequests + ALERT_PUSHES_PER_CHECK;
}

interface Probed {
  /** Undefined when the check is handed back: it failed, or Forge refused its requests. */
  request?: StoreRequest;
  /** Outbound requests it really cost: those sent, and the pushes storing it will make. */
  requests: number;
}

/**
 * Probes one target and decides what storing it will cost. A verdict Forge's request limit
 * decided (the probe could not reach the service) says nothing: the check goes back on the queue.
 */
async function probeTarget(
  target: Prepared,
  event: CheckEvent,
  deps: ConsumerDeps,
): Promise<Probed> {
  const metered = meterFetch(deps.fetch);
  const request = await probeMetered(target, event, deps, metered.fetch).catch(() => undefined);
  if (!request) return { requests: metered.sent() };
  const alerting = request.alerting;
  // Alert pushes spend the same request budget: counted before this probe's slot frees.
  // A check whose stable part is still unread is counted with the push reserved for it; one
  // the result tells goes to the store whole, which need not tell it again.
  const known = knownTarget(target, request.result);
  const pushes = known
    ? pushesOf(prepareStore(known, request.result, event.slot, alerting))
    : ALERT_PUSHES_PER_CHECK;
  const refused = metered.refusedByForge() && request.result.verdict === 'unreachable';
  const told = { ...request, target: known ?? target };
  return { request: refused ? undefined : told, requests: metered.sent() + pushes };
}

async function probeMetered(
  target: Prepared,
  event: CheckEvent,
  deps: ConsumerDeps,
  fetch: FetchLike,
): Promise<StoreRequest> {
  const id = target.record.id;
  const result = await probeOne(target.record, await target.secret, {
    fetch,
    now: deps.now,
    settings: deps.settings,
    holder: `${deps.invocationId}:${id}`,
    deadlineMs: probeWindow(deps),
    orgInventory: deps.orgInventory,
  });
  const alerting = { setup: deps.alerting, deliveries: deps.deliveries, now: deps.now() };
  return { target, result, slot: event.slot, alerting };
}

/**
 * Checks one event's integrations: bounded overall and per host, inside the invocation's request
 * budget and deadline. Secrets are read ahead and results are stored in groups as they arrive
 * (StoreQueue), without holding a probe slot, so the slots are spent waiting on services.
 */
export async function consumeChecks(
  event: CheckEvent,
  deps: ConsumerDeps,
  read: Prefetch = prefetch(event.ids, event.records, deps.monotonicMs),
): Promise<ConsumerReport> {
  const elapsed = stopwatch(deps.monotonicMs ?? (() => performance.now()), read.startedMs);
  const targets = await read.targets;
  const readMs = elapsed();
  const now = deps.now();
  const wanted = [...targets.values()].filter((t) => stillWanted(t, event, now));
  const phases = { readMs, probeMs: 0, storeMs: 0 };
  const report: ConsumerReport = { checked: [], skipped: [], leftover: [], requests: 0, phases };
  report.skipped = event.ids.filter((id) => !wanted.some((t) => t.record.id === id));
  const prepared: Prepared[] = wanted.map((t) => ({
    ...t,
    secret: read.secrets.get(t.record.id) ?? readSecret(t.record.id),
  }));
  const storing: Promise<void>[] = [];
  let inFlight = 0;
  /** Requests spent, plus the whole reserve of each check still running (see reserveOf). */
  let committed = 0;
  /** Checks that may still start: none once the deadline or the budget stops the pool. */
  let startable = prepared.length;
  const store = new StoreQueue(() => inFlight > 0 || startable > 0);
  const notStarted = await runPool(prepared, {
    concurrency: PROBES_PER_CONSUMER,
    perKeyLimit: PROBES_PER_HOST,
    keyOf: hostOf,
    fits: (target) => committed + reserveOf(target) <= REQUEST_BUDGET,
    mayStart: () => {
      const may = probeWindow(deps) >= MIN_PROBE_WINDOW_MS;
      if (!may) startable = 0;
      return may;
    },
    run: async (target) => {
      const id = target.record.id;
      startable -= 1;
      inFlight += 1;
      committed += reserveOf(target);
      const { request, requests } = await probeTarget(target, event, deps);
      committed += requests - reserveOf(target);
      report.requests += requests;
      inFlight -= 1;
      if (!request) {
        report.leftover.push(id);
        store.kick();
        return;
      }
      storing.push(
        store.store(request).then(
          () => void report.checked.push(id),
          () => void report.leftover.push(id),
        ),
      );
    },
  });
  startable = 0; // what did not fit is handed back below
  phases.probeMs = elapsed();
  store.kick();
  await Promise.all(storing);
  phases.storeMs = elapsed();
  report.leftover.push(...notStarted.map((t) => t.record.id));
  return report;
}

/** Each call answers the whole milliseconds since the previous one (the first: since `start`). */
function stopwatch(monotonicMs: () => number, start: number): () => number {
  let last = start;
  return () => {
    const now = monotonicMs();
    const ms = Math.round(now - last);
    last = now;
    return ms;
  };
}
