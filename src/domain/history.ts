import { createHash } from 'node:crypto';
import type { CheckResult, Evidence } from './result';

/** Detailed history is kept a week; older checks survive only as daily roll-ups in the status. */
export const HISTORY_DETAIL_DAYS = 7;

export interface HistoryEntry {
  slot: string;
  checkedAt: string;
  verdict: CheckResult['verdict'];
  severity: CheckResult['severity'];
  message: string;
  durationMs: number;
  evidence: CheckResult['evidence'];
}

export function toHistoryEntry(result: CheckResult, slot: string): HistoryEntry {
  return {
    slot,
    checkedAt: result.checkedAt,
    verdict: result.verdict,
    severity: result.severity,
    message: result.message,
    durationMs: result.durationMs,
    evidence: result.evidence,
  };
}

/**
 * The last check's evidence: stored once, with its history entry of the same slot (the status
 * leaves it out), or still on a status written before statuses left it out.
 */
export function lastEvidence(
  status:
    { last: { evidence?: CheckResult['evidence'] } | null; lastSlot: string | null } | undefined,
  recent: HistoryEntry[],
): CheckResult['evidence'] {
  if (status?.last?.evidence) return status.last.evidence;
  const entry = recent.find((e) => e.slot === status?.lastSlot);
  return entry?.evidence ?? [];
}

/** A request of a check without its time: what stays the same from one check to the next. */
export type Exchange = Omit<Evidence, 'durationMs'>;

/**
 * A history entry as KVS keeps it: its slot is in its key, and its requests only when they
 * differ from the check before's (`took` keeps their times). Each check writes one, and KVS
 * bills the bytes written.
 */
export interface StoredHistoryEntry {
  checkedAt: string;
  verdict: CheckResult['verdict'];
  severity: CheckResult['severity'];
  message: string;
  durationMs: number;
  exchanges?: Exchange[];
  took?: number[];
  /** Written whole before entries were compacted. */
  slot?: string;
  evidence?: CheckResult['evidence'];
}

export const exchangesOf = (evidence: CheckResult['evidence']): Exchange[] =>
  evidence.map((e) => {
    const exchange: Partial<Evidence> = { ...e };
    delete exchange.durationMs;
    return exchange as Exchange;
  });

/** A short hash of a check's requests: equal when they are the same as the check before's. */
export const exchangesHash = (evidence: CheckResult['evidence']): string =>
  createHash('sha256')
    .update(JSON.stringify(exchangesOf(evidence)))
    .digest('base64url')
    .slice(0, 12);

export function storedEntry(entry: HistoryEntry, sameRequests: boolean): StoredHistoryEntry {
  const { checkedAt, verdict, severity, message, durationMs, evidence } = entry;
  return {
    checkedAt,
    verdict,
    severity,
    message,
    durationMs,
    ...(sameRequests || evidence.length === 0 ? {} : { exchanges: exchangesOf(evidence) }),
    ...(evidence.length > 0 ? { took: evidence.map((e) => e.durationMs) } : {}),
  };
}

const withTimes = (exchanges: Exchange[], took: number[] | undefined): Evidence[] =>
  exchanges.map((e, i) => ({ ...e, durationMs: took?.[i] ?? 0 }));

/**
 * Entries as stored, newest first, with their slots, back to whole entries. An entry without
 * requests made the same ones as the entry before it; `latest` are the last check's (kept apart,
 * as entries expire). Entries older than the oldest one in the page that has requests cannot be
 * told: they show none.
 */
export function loadedEntries(
  stored: readonly { slot: string; value: StoredHistoryEntry }[],
  latest: Exchange[] | undefined,
): HistoryEntry[] {
  const told = (v: StoredHistoryEntry) => v.exchanges ?? (v.evidence && exchangesOf(v.evidence));
  let carried = stored.some((s) => told(s.value)) ? undefined : latest;
  const entries: HistoryEntry[] = [];
  for (const { slot, value } of [...stored].reverse()) {
    carried = told(value) ?? carried;
    const evidence = value.evidence ?? withTimes(carried ?? [], value.took);
    const { checkedAt, verdict, severity, message, durationMs } = value;
    entries.push({ slot, checkedAt, verdict, severity, message, durationMs, evidence });
  }
  return entries.reverse();
}
