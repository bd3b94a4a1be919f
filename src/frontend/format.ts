/** Plain-words formatting for the page. Pure: every "now" is passed in. */
import type { Identity } from '../domain/result';
import type { IntervalKey } from '../domain/schedule';
import type { Severity, Verdict } from '../domain/verdict';

const DAY_MS = 86_400_000;

export type LozengeAppearance = 'success' | 'moved' | 'removed' | 'default';

/** Most urgent first: the order of the counts, the banner and the default sort. */
export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'warning', 'unknown', 'ok'];

export const SEVERITY_LABEL: Record<Severity, string> = {
  critical: 'Critical',
  warning: 'Warning',
  unknown: 'Unknown',
  ok: 'Healthy',
};

export const SEVERITY_APPEARANCE: Record<Severity, LozengeAppearance> = {
  critical: 'removed',
  warning: 'moved',
  unknown: 'default',
  ok: 'success',
};

export const INTERVAL_LABEL: Record<IntervalKey, string> = {
  '5m': 'Every 5 minutes',
  '15m': 'Every 15 minutes',
  '1h': 'Every hour',
  '6h': 'Every 6 hours',
  '24h': 'Once a day',
};

export const INTERVAL_KEYS = Object.keys(INTERVAL_LABEL) as IntervalKey[];

export function severityRank(severity: Severity): number {
  return SEVERITY_ORDER.indexOf(severity);
}

export function verdictLabel(verdict: Verdict | null): string {
  return verdict ? verdict.replace(/-/g, ' ') : 'not checked yet';
}

/** Whole days from now to the date, rounded down; negative once past. */
export function daysUntil(iso: string, now: Date): number {
  return Math.floor((Date.parse(iso) - now.getTime()) / DAY_MS);
}

export function daysLeftText(days: number): string {
  if (days < -1) return `expired ${-days} days ago`;
  if (days < 0) return 'expired yesterday';
  if (days === 0) return 'expires today';
  return days === 1 ? '1 day left' : `${days} days left`;
}

export function formatDate(iso: string | null): string {
  return iso ? iso.slice(0, 10) : '—';
}

/** Minutes are enough for an admin; UTC so every admin reads the same time. */
export function formatTime(iso: string | null): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : '—';
}

export function ago(iso: string | null, now: Date): string {
  if (!iso) return 'never';
  const minutes = Math.round((now.getTime() - Date.parse(iso)) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

export function percent(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)}%`;
}

export function isSnoozed(snoozedUntil: string | null, now: Date): boolean {
  return snoozedUntil !== null && Date.parse(snoozedUntil) > now.getTime();
}

/** "30, 14, 7" → [30, 14, 7]; null when any part is not a whole number of days. */
export function parseDays(text: string): number[] | null {
  const parts = text
    .split(/[,\s]+/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  if (parts.length === 0 || parts.some((p) => !/^\d+$/.test(p))) return null;
  return parts.map(Number);
}

export const DAYS_HINT = 'list whole days separated by commas, e.g. 30, 14, 7, 1';

/** "CI Bot (ci-bot, ci@example.com), account 5840921". */
export function identityText(identity: Identity): string {
  const names = [identity.username, identity.email].filter((n): n is string => Boolean(n));
  const who = identity.displayName ?? identity.username ?? identity.email ?? identity.id;
  const extra = names.filter((n) => n !== who);
  return `${who}${extra.length > 0 ? ` (${extra.join(', ')})` : ''}, account ${identity.id}`;
}
