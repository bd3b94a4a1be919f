/**
 * The detail view's history strip: one bar per check, and the share of a window the credential
 * worked. Pure: `now` is passed in.
 *
 * A credential is counted down from its last good check until its next good one, whatever the
 * checks in between said and however far apart they were: a token backed off for a day after a
 * 401 counts a whole day down, not the one instant of its check.
 */
import type { HistoryEntry } from '../domain/history';
import type { DailyRollup } from '../domain/schedule';
import { DAY_MS } from '../domain/expiry';
import { succeeded } from '../domain/verdict';

export const HISTORY_WINDOWS = ['24h', '7d', '30d'] as const;
export type HistoryWindow = (typeof HISTORY_WINDOWS)[number];

export const WINDOW_MS: Record<HistoryWindow, number> = {
  '24h': DAY_MS,
  '7d': 7 * DAY_MS,
  '30d': 30 * DAY_MS,
};

/** One detailed check. */
export interface CheckBar {
  type: 'check';
  entry: HistoryEntry;
  good: boolean;
}

/** A UTC day older than the detailed history: only its counts are kept. */
export interface DayBar {
  type: 'day';
  day: string;
  checks: number;
  good: number;
}

export type HistoryBar = CheckBar | DayBar;

export interface HistorySeries {
  /** Oldest first. */
  bars: HistoryBar[];
  /** Share of the covered time the credential worked, 0 to 1; null when nothing is covered. */
  uptime: number | null;
  /** Where the known time starts: the window's start, or the first check if that is later. */
  coveredFrom: Date | null;
}

interface Span {
  from: number;
  to: number;
}

interface Tally {
  up: number;
  covered: number;
  from: number;
}

function overlap(a: Span, b: Span): number {
  return Math.max(0, Math.min(a.to, b.to) - Math.max(a.from, b.from));
}

function add(tally: Tally, span: Span, window: Span, upShare: number): void {
  const ms = overlap(span, window);
  if (ms === 0) return;
  tally.covered += ms;
  tally.up += ms * upShare;
  tally.from = Math.min(tally.from, Math.max(span.from, window.from));
}

function at(check: CheckBar): number {
  return Date.parse(check.entry.checkedAt);
}

function detailedChecks(history: HistoryEntry[], now: number): CheckBar[] {
  return history
    .filter((e) => Date.parse(e.checkedAt) <= now)
    .sort((a, b) => Date.parse(a.checkedAt) - Date.parse(b.checkedAt))
    .map((entry) => ({ type: 'check', entry, good: succeeded(entry.verdict) }));
}

/** Up from one check to the next only when both were good; the last one's state lasts until now. */
function tallyChecks(checks: CheckBar[], window: Span, tally: Tally): void {
  checks.forEach((check, i) => {
    const next = checks[i + 1];
    const span = { from: at(check), to: next ? at(next) : window.to };
    add(tally, span, window, check.good && (next?.good ?? true) ? 1 : 0);
  });
}

/**
 * The checks of each day's roll-up that the detailed history no longer holds, counted over the
 * part of that day before the first detailed check.
 */
function olderDays(daily: DailyRollup[], checks: CheckBar[], window: Span, tally: Tally): DayBar[] {
  const first = checks[0];
  const detailFrom = first ? at(first) : window.to;
  const bars: DayBar[] = [];
  for (const [day, total, good] of daily) {
    const detailed = checks.filter((c) => c.entry.checkedAt.slice(0, 10) === day);
    const older = total - detailed.length;
    const olderGood = Math.max(0, good - detailed.filter((c) => c.good).length);
    const from = Date.parse(`${day}T00:00:00Z`);
    const span = { from, to: Math.min(from + DAY_MS, detailFrom) };
    if (older <= 0 || overlap(span, window) === 0) continue;
    add(tally, span, window, Math.min(1, olderGood / older));
    bars.push({ type: 'day', day, checks: older, good: Math.min(olderGood, older) });
  }
  return bars;
}

export function historySeries(
  history: HistoryEntry[],
  daily: DailyRollup[],
  window: HistoryWindow,
  now: Date,
): HistorySeries {
  const span = { from: now.getTime() - WINDOW_MS[window], to: now.getTime() };
  const checks = detailedChecks(history, span.to);
  const tally: Tally = { up: 0, covered: 0, from: span.to };
  tallyChecks(checks, span, tally);
  const days = olderDays(daily, checks, span, tally);
  return {
    bars: [...days, ...checks.filter((c) => at(c) >= span.from)],
    uptime: tally.covered === 0 ? null : tally.up / tally.covered,
    coveredFrom: tally.covered === 0 ? null : new Date(tally.from),
  };
}
