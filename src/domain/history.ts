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
