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
import { SLOT_MS, SWEEP_LEASE_SECONDS } from './limits';
import { planPushes } from './sweep-plan';

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
 * Picks the due integrations and queues them in batches, within Forge's queue rate (planPushes).
 * A lease keeps an overlapping run from
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
    const due = records.filter((r) =>
      isDue(r, byId.get(r.id) ?? initialStatus(r.id, started), started),
    );
    const plan = planPushes(
      slot,
      due.map((r) => r.id),
      new Map(due.map((r) => [r.id, r])),
    );
    for (const push of plan.pushes) await deps.queue.push(push.events, push.delaySeconds);
    const state: SweepState = {
      startedAt: started.toISOString(),
      finishedAt: deps.now().toISOString(),
      slot,
      integrations: records.length,
      due: due.length,
      queuedEvents: plan.pushes.reduce((n, p) => n + p.events.length, 0),
      ...(plan.later > 0 ? { later: plan.later } : {}),
      ...(plan.unplanned > 0 ? { unplanned: plan.unplanned } : {}),
      ...standing(records, byId),
    };
    await sweepState.save(state);
    return state;
  } finally {
    await releaseLease(keys.sweepLease, deps.invocationId);
  }
}
