import type { CheckResult } from './result';

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
