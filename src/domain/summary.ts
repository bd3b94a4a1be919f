import { sameValue, withoutDefaults } from './defaults';
import type { CredentialKind } from './integration';
import type { IntegrationRecord, IntegrationStatus, IntervalKey } from './schedule';
import type { StatusTick } from './status-tick';
import type { Severity, Verdict } from './verdict';

/** One row of the overview: everything the table shows, stored denormalised per integration. */
export interface IntegrationSummary {
  id: string;
  name: string;
  kind: CredentialKind;
  ownerAccountId: string | null;
  /** What Jira calls the owner: added to the page's answers when known, never stored. */
  ownerName?: string | null;
  interval: IntervalKey;
  verdict: Verdict | null;
  /** Effective severity: transient verdicts count as critical only once confirmed. */
  severity: Severity;
  message: string | null;
  expiresAt: string | null;
  daysLeft: number | null;
  lastCheckedAt: string | null;
  lastSuccessAt: string | null;
  /** Share of successful checks over the last 7 days (0..1), null before the first check. */
  successRate7d: number | null;
  paused: boolean;
  snoozedUntil: string | null;
  revokedAt: string | null;
  secretFingerprint: string;
}

const WEEK_DAYS = 7;

/** Successful share of checks over the last 7 daily roll-ups that fall inside the week before `now`. */
export function successRate7d(status: IntegrationStatus | undefined, now: Date): number | null {
  if (!status) return null;
  const since = new Date(now.getTime() - WEEK_DAYS * 86_400_000).toISOString().slice(0, 10);
  const week = status.daily.filter(([day]) => day > since);
  const checks = week.reduce((n, [, c]) => n + c, 0);
  if (checks === 0) return null;
  return week.reduce((n, [, , ok]) => n + ok, 0) / checks;
}

/** The overview row of one integration, from what the admin set and what the sweep found. */
export function toSummary(
  record: IntegrationRecord,
  status: IntegrationStatus | undefined,
  now: Date,
): IntegrationSummary {
  const last = status?.last ?? null;
  return {
    id: record.id,
    name: record.config.name ?? record.id,
    kind: record.config.kind,
    ownerAccountId: record.ownerAccountId,
    interval: record.interval,
    verdict: last?.verdict ?? null,
    severity: status && last ? status.severity : 'unknown',
    message: last?.message ?? null,
    expiresAt: last?.expiresAt ?? record.config.expiresAt ?? null,
    daysLeft: last?.daysLeft ?? null,
    lastCheckedAt: last?.checkedAt ?? null,
    lastSuccessAt: status?.lastSuccessAt ?? null,
    successRate7d: successRate7d(status, now),
    paused: record.paused,
    snoozedUntil: record.snoozedUntil,
    revokedAt: record.revokedAt,
    secretFingerprint: record.secretFingerprint,
  };
}

/** The values most rows share: a stored row leaves them out (defaults.ts). */
const SUMMARY_DEFAULTS = {
  ownerAccountId: null,
  verdict: null,
  message: null,
  expiresAt: null,
  daysLeft: null,
  lastCheckedAt: null,
  lastSuccessAt: null,
  successRate7d: null,
  paused: false,
  snoozedUntil: null,
  revokedAt: null,
} as const;

export type StoredSummary = Partial<IntegrationSummary> &
  Omit<IntegrationSummary, keyof typeof SUMMARY_DEFAULTS>;

/**
 * A row as stored: without the values most rows share, nor the times of the last check and
 * success, which its status's tick holds (domain/status-tick.ts): a check that changes nothing
 * else leaves the row as it is.
 */
export function storedSummary(row: IntegrationSummary): StoredSummary {
  const stored = withoutDefaults(row, SUMMARY_DEFAULTS);
  delete stored.lastCheckedAt;
  delete stored.lastSuccessAt;
  return stored as StoredSummary;
}

/**
 * A row saved from the page, with its times: they count only while its status has no tick (one
 * stored before ticks existed), until the next check writes one (loadedSummary).
 */
export function savedSummary(row: IntegrationSummary): StoredSummary {
  const times = { lastCheckedAt: row.lastCheckedAt, lastSuccessAt: row.lastSuccessAt };
  return { ...storedSummary(row), ...withoutDefaults(times, SUMMARY_DEFAULTS) };
}

/** Whether two rows store the same (their times aside). */
export const sameRow = (a: IntegrationSummary, b: IntegrationSummary) =>
  sameValue(storedSummary(a), storedSummary(b));

/** The row a stored one stands for, with its times from the tick (a row stored before keeps its own). */
export function loadedSummary(stored: StoredSummary, tick?: StatusTick): IntegrationSummary {
  const row = { ...SUMMARY_DEFAULTS, ...stored };
  if (!tick?.at) return row;
  const lastSuccessAt = tick.success === true ? tick.at : (tick.success ?? null);
  return { ...row, lastCheckedAt: tick.at, lastSuccessAt };
}
