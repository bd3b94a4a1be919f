import { createHash } from 'node:crypto';
import { canonical, sameValue } from './defaults';
import type { DailyRollup, IntegrationStatus, LastCheck } from './schedule';
import { loadedStatus, storedStatus, type StoredStatus } from './stored-status';

/**
 * What every check changes, kept apart from the rest of the status: a check that learns nothing
 * new writes only this (KVS bills the bytes written), and the planner reads only this to find
 * what is due. Fields at their defaults are left out.
 */
export interface StatusTick {
  slot: string | null;
  due: string;
  severity: IntegrationStatus['severity'];
  /** The last check's time. */
  at?: string;
  /** The last success: `true` when it is the last check. */
  success?: string | true;
  /** Today's roll-up (the day of `at`): checks, successful checks. */
  today?: [number, number];
  consecutiveTransient?: number;
  backoffSince?: string;
  retryAfterUntil?: string;
  revocation?: NonNullable<IntegrationStatus['revocation']>;
  /** An alert state is stored for it: without this a check need not read one. */
  alerted?: true;
  /** A short hash of the last check's evidence (its requests), to write it only when it changed. */
  evidence?: string;
  /** The integration's evidence key holds those requests (a first check leaves them to history). */
  evidenceKept?: true;
  /**
   * A short hash of the stable part without its older roll-ups (stableHash): a sweep's check
   * whose result would store the same part need not read it (domain/unread-stable.ts).
   */
  stable?: string;
  /** Checks and successful checks of the days before `at`'s inside the week of the row's rate. */
  week?: [number, number];
}

/** The part of a status that a check rewrites only when it changed. */
export type StableStatus = StoredStatus;

const dayOf = (at: string) => at.slice(0, 10);

function todayOf(status: IntegrationStatus): [number, number] | undefined {
  const at = status.last?.checkedAt;
  const last = status.daily.at(-1);
  return at && last && last[0] === dayOf(at) ? [last[1], last[2]] : undefined;
}

/**
 * The roll-ups of the days before the last check's that count in the overview's success rate
 * (summary.ts successRate7d: the days after the one a week before), summed.
 */
function weekOf(status: IntegrationStatus): [number, number] | undefined {
  const at = status.last?.checkedAt;
  if (!at) return undefined;
  const since = new Date(Date.parse(at) - WEEK_MS).toISOString().slice(0, 10);
  const days = status.daily.filter(([day]) => day > since && day < dayOf(at));
  if (days.length === 0) return undefined;
  return [days.reduce((n, [, c]) => n + c, 0), days.reduce((n, [, , ok]) => n + ok, 0)];
}

const WEEK_MS = 7 * 86_400_000;

const optional = <K extends string, V>(key: K, value: V | null | undefined, skip?: V) =>
  value === null || value === undefined || value === skip ? {} : ({ [key]: value } as Record<K, V>);

/** The tick of a status; `extra` carries what the store knows besides (alert state, evidence). */
export function tickOf(
  status: IntegrationStatus,
  extra: Pick<StatusTick, 'alerted' | 'evidence' | 'evidenceKept'> = {},
): StatusTick {
  const at = status.last?.checkedAt;
  const success = at !== undefined && status.lastSuccessAt === at ? true : status.lastSuccessAt;
  return {
    slot: status.lastSlot,
    due: status.nextDueAt,
    severity: status.severity,
    ...optional('at', at),
    ...optional('success', success),
    ...optional('today', todayOf(status)),
    ...optional('consecutiveTransient', status.consecutiveTransient, 0),
    ...optional('backoffSince', status.backoffSince),
    ...optional('retryAfterUntil', status.retryAfterUntil),
    ...optional('revocation', status.revocation),
    ...optional('alerted', extra.alerted),
    ...optional('evidence', extra.evidence),
    ...optional('evidenceKept', extra.evidenceKept),
    ...optional('stable', status.last ? stableHash(status) : undefined),
    ...optional('week', weekOf(status)),
  };
}

/** The stable part: the status without what its tick holds (times, today's roll-up, scheduling). */
export function stableOf(status: IntegrationStatus): StableStatus {
  const stored = storedStatus({
    ...status,
    lastSlot: null,
    nextDueAt: '',
    severity: 'unknown',
    lastSuccessAt: null,
    consecutiveTransient: 0,
    backoffSince: null,
    retryAfterUntil: null,
    revocation: null,
    daily: todayOf(status) ? status.daily.slice(0, -1) : status.daily,
  }) as Partial<StableStatus>;
  delete stored.lastSlot;
  delete stored.nextDueAt;
  delete stored.severity;
  delete stored.lastSuccessAt;
  if (stored.last) delete (stored.last as { checkedAt?: string }).checkedAt;
  return stored as StableStatus;
}

/** A short hash of a status's stable part, its roll-ups left out: they change once a day. */
export function stableHash(status: IntegrationStatus): string {
  const stable: Partial<StableStatus> = stableOf(status);
  delete stable.daily;
  return createHash('sha256')
    .update(JSON.stringify(canonical(stable)))
    .digest('base64url')
    .slice(0, 8);
}

export const sameStable = (a: IntegrationStatus, b: IntegrationStatus) =>
  sameValue(stableOf(a), stableOf(b));

function withToday(daily: DailyRollup[], at: string | undefined, today?: [number, number]) {
  if (!at || !today) return daily;
  const day = dayOf(at);
  const before = daily.at(-1)?.[0] === day ? daily.slice(0, -1) : daily;
  return [...before, [day, ...today] as DailyRollup];
}

/** A stable part stored without its tick (the tick's write failed): due now, its time unknown. */
const LOST_TICK: StatusTick = { slot: null, due: new Date(0).toISOString(), severity: 'unknown' };

/**
 * The status a stable part and a tick stand for. Either may be missing: a status stored whole
 * before ticks existed has none, and a first check whose stable part failed to store leaves a
 * tick alone; what the tick says wins, being written by every check.
 */
export function mergedStatus(
  id: string,
  stable: StableStatus | undefined,
  tick: StatusTick | undefined,
): IntegrationStatus | undefined {
  if (!tick && (!stable || stable.nextDueAt !== undefined)) {
    return stable ? loadedStatus(stable) : undefined;
  }
  const { seenIsLast, ...rest } = stable ?? { last: null };
  const base = loadedStatus({ id, daily: [], ...rest } as StoredStatus);
  const known = tick ?? LOST_TICK;
  const at = known.at ?? base.last?.checkedAt;
  // A status stored whole before ticks kept its evidence; the history holds the newer one.
  const last: LastCheck | null = base.last && at ? { ...base.last, checkedAt: at } : null;
  if (last) delete last.evidence;
  const seen =
    seenIsLast && last?.identity && last.secretFingerprint !== undefined
      ? { identity: last.identity, at: last.checkedAt, secretFingerprint: last.secretFingerprint }
      : base.seenIdentity;
  return {
    ...base,
    ...(seen ? { seenIdentity: seen } : {}),
    lastSlot: known.slot,
    nextDueAt: known.due,
    severity: known.severity,
    last,
    lastSuccessAt: known.success === true ? (at ?? null) : (known.success ?? null),
    consecutiveTransient: known.consecutiveTransient ?? 0,
    backoffSince: known.backoffSince ?? null,
    retryAfterUntil: known.retryAfterUntil ?? null,
    revocation: known.revocation ?? null,
    daily: withToday(base.daily, known.at, known.today),
  };
}
