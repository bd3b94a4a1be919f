import { emptyCounts, MAX_PING_NAMES } from '../domain/heartbeat';
import {
  initialStatus,
  isDue,
  type IntegrationRecord,
  type IntegrationStatus,
} from '../domain/schedule';
import type { Severity } from '../domain/verdict';
import { integrations } from '../storage/integrations';
import { keys } from '../storage/keys';
import { acquireLease, releaseLease } from '../storage/lease';
import { statuses } from '../storage/status';
import { sweepState, type SweepState } from '../storage/sweep-state';
import type { CheckEvent } from './events';
import {
  CHECKS_PER_EVENT,
  CONSUMER_CONCURRENCY,
  EVENTS_PER_PUSH,
  PROBES_PER_CONSUMER,
  SLOT_MS,
  SWEEP_LEASE_SECONDS,
} from './limits';

export interface QueuePort {
  push(events: CheckEvent[], delaySeconds?: number): Promise<void>;
}

export interface PlannerDeps {
  now: () => Date;
  queue: QueuePort;
  invocationId: string;
}

/** The 5-minute slot a run belongs to: two runs of one trigger firing share it. */
export function slotOf(now: Date): string {
  return new Date(Math.floor(now.getTime() / SLOT_MS) * SLOT_MS).toISOString();
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

const ATTENTION_ORDER: readonly Severity[] = ['critical', 'warning', 'unknown'];

/** What the heartbeat may tell: counts by severity, and the names of those needing attention. */
export function standing(
  records: readonly IntegrationRecord[],
  byId: ReadonlyMap<string, IntegrationStatus>,
): { counts: Record<Severity, number>; attention: string[] } {
  const counts = emptyCounts();
  const ranked: { name: string; rank: number }[] = [];
  for (const r of records.filter((r) => !r.paused)) {
    const severity = byId.get(r.id)?.severity ?? 'unknown';
    counts[severity] += 1;
    const rank = ATTENTION_ORDER.indexOf(severity);
    if (rank >= 0) ranked.push({ name: r.config.name ?? r.id, rank });
  }
  ranked.sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name));
  return { counts, attention: ranked.slice(0, MAX_PING_NAMES).map((r) => r.name) };
}

/**
 * Picks the due integrations and queues them in batches. A lease keeps an overlapping run from
 * planning the same checks twice, and a slot already planned is not planned again (the platform
 * may fire a trigger twice); either way the run does nothing.
 */
export async function planSweep(deps: PlannerDeps): Promise<SweepState | null> {
  const started = deps.now();
  if (!(await acquireLease(keys.sweepLease, deps.invocationId, SWEEP_LEASE_SECONDS))) return null;
  try {
    const slot = slotOf(started);
    if ((await sweepState.get())?.slot === slot) return null;
    const [records, known] = await Promise.all([integrations.list(), statuses.schedules()]);
    const byId = new Map<string, IntegrationStatus>(known.map((s) => [s.id, s]));
    const untold = records.filter((r) => !byId.has(r.id)).map((r) => r.id);
    for (const s of await statuses.withoutTicks(untold)) byId.set(s.id, s);
    const due = records
      .filter((r) => isDue(r, byId.get(r.id) ?? initialStatus(r.id, started), started))
      .map((r) => r.id);
    const events = chunk(due, eventSize(due.length)).map((ids): CheckEvent => ({
      slot,
      ids,
      reason: 'sweep',
    }));
    for (const push of chunk(events, EVENTS_PER_PUSH)) await deps.queue.push(push);
    const state: SweepState = {
      startedAt: started.toISOString(),
      finishedAt: deps.now().toISOString(),
      slot,
      integrations: records.length,
      due: due.length,
      queuedEvents: events.length,
      ...standing(records, byId),
    };
    await sweepState.save(state);
    return state;
  } finally {
    await releaseLease(keys.sweepLease, deps.invocationId);
  }
}
