import type { CheckResult } from './result';
import { applyResult, type IntegrationRecord, type IntegrationStatus } from './schedule';
import {
  mergedStatus,
  stableHash,
  stableOf,
  type StableStatus,
  type StatusTick,
} from './status-tick';
import { isTransient } from './verdict';

const dayOf = (at: string) => at.slice(0, 10);

/**
 * The older roll-ups of a status read from its tick alone: one day inside the week stands for
 * them all, since only their sums count (in the overview's success rate). They are never written
 * from here: on the tick's day a check leaves the stored ones as they are.
 */
function olderDays(tick: StatusTick): StableStatus['daily'] {
  if (!tick.week || !tick.at) return [];
  const dayBefore = dayOf(new Date(Date.parse(tick.at) - 86_400_000).toISOString());
  return [[dayBefore, tick.week[0], tick.week[1]]];
}

/**
 * A sweep's check reads its integration's tick, not the stable part of its status (the last
 * result, the identity seen, older roll-ups): most checks find what the check before found, and
 * then their result tells that part as well as a read would. This is the status the check
 * started from, when the stable part the result would store has the tick's hash and the check
 * falls on the tick's day (the older roll-ups unchanged); else undefined, and the part must be
 * read. A transient result keeps what the check before learned, which only a read knows.
 */
export function statusFromTick(
  record: IntegrationRecord,
  tick: StatusTick | undefined,
  result: CheckResult,
): IntegrationStatus | undefined {
  if (!tick?.stable || !tick.at || dayOf(tick.at) !== dayOf(result.checkedAt)) return undefined;
  if (isTransient(result.verdict)) return undefined;
  const bare = mergedStatus(record.id, undefined, tick);
  if (!bare) return undefined;
  const told = applyResult(record, bare, result, tick.slot ?? result.checkedAt);
  if (stableHash(told) !== tick.stable) return undefined;
  return mergedStatus(record.id, { ...stableOf(told), daily: olderDays(tick) }, tick);
}
