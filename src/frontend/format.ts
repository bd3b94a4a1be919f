/** Plain-words formatting for the page. Pure: every "now" is passed in. */
import type { Identity } from '../domain/result';
import type { IntervalKey } from '../domain/schedule';
import type { Severity, Verdict } from '../domain/verdict';
import { wallClockOf } from '../domain/zoned-time';

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

/** The zone dates show in, and whether it is the user's own or the fallback the page names. */
export interface Zone {
  timeZone: string;
  /** False when the product context gave no usable zone and UTC stands in. */
  isUsers: boolean;
}

/** How the page tells time: a zone and the moment it calls now. */
export interface Dates extends Zone {
  now: Date;
}

export const FALLBACK_ZONE: Zone = { timeZone: 'UTC', isUsers: false };

/** The user's IANA zone from the product context, or UTC when it is missing or unknown here. */
export function resolveZone(timeZone: string | null | undefined): Zone {
  if (!timeZone) return FALLBACK_ZONE;
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone });
    return { timeZone, isUsers: true };
  } catch {
    return FALLBACK_ZONE;
  }
}

export function zoneSentence(zone: Zone): string {
  return zone.isUsers
    ? `Dates and times are in your Jira time zone, ${zone.timeZone}.`
    : 'Dates and times are in UTC: Jira did not say your time zone.';
}

/** A plain calendar day ("2027-03-01") names no moment: it is shown as it is, in every zone. */
const PLAIN_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** "2027-03-01" and "14:05" of a moment, as a wall clock in `timeZone` shows it. */
function wallClock(at: string | Date, timeZone: string): { day: string; time: string } {
  if (typeof at === 'string' && PLAIN_DAY.test(at)) return { day: at, time: '00:00' };
  const { day, minutes } = wallClockOf(typeof at === 'string' ? new Date(at) : at, timeZone);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  return { day, time: `${hh}:${String(minutes % 60).padStart(2, '0')}` };
}

function dayNumber(day: string): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
}

/** The calendar day ("2027-03-01") the zone's clocks show at a moment. */
export function calendarDay(at: string | Date, timeZone: string): string {
  return wallClock(at, timeZone).day;
}

/** The day `days` calendar days after `day`: no zone, so no daylight-saving hour in between. */
export function shiftDay(day: string, days: number): string {
  return new Date(dayNumber(day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar days from today to the day of `at`, both in the zone: midnight-correct. */
export function daysUntil(at: string, dates: Dates): number {
  const target = calendarDay(at, dates.timeZone);
  const today = calendarDay(dates.now, dates.timeZone);
  return Math.round((dayNumber(target) - dayNumber(today)) / DAY_MS);
}

export function relativeDays(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

/** Within a day, minutes or hours say more than "today"; beyond it, calendar days. */
export function relativeMoment(iso: string, dates: Dates): string {
  const minutes = Math.round((Date.parse(iso) - dates.now.getTime()) / 60_000);
  const size = Math.abs(minutes);
  if (size < 1) return 'just now';
  const amount = size < 60 ? `${size} min` : `${Math.round(size / 60)} h`;
  if (size < 24 * 60) return minutes < 0 ? `${amount} ago` : `in ${amount}`;
  return relativeDays(daysUntil(iso, dates));
}

/** "2027-03-01 · in 89 days"; a dash when there is no date. */
export function formatDate(iso: string | null, dates: Dates): string {
  if (!iso) return '—';
  return `${wallClock(iso, dates.timeZone).day} · ${relativeDays(daysUntil(iso, dates))}`;
}

/** "2027-03-01 14:05 · 3 h ago"; minutes are enough for an admin. */
export function formatTime(iso: string | null, dates: Dates, never = '—'): string {
  if (!iso) return never;
  if (PLAIN_DAY.test(iso)) return formatDate(iso, dates);
  const { day, time } = wallClock(iso, dates.timeZone);
  return `${day} ${time} · ${relativeMoment(iso, dates)}`;
}

/** "2027-03-01 14:05" without a hint, where a hint would repeat itself (a tooltip beside bars). */
export function wallTime(iso: string, timeZone: string): string {
  const { day, time } = wallClock(iso, timeZone);
  return `${day} ${time}`;
}

/** Moments written in ISO 8601 inside a sentence: "revoked at 2026-11-29T10:00:00.000Z". */
const ISO_MOMENT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})\b/g;

/** The sentence with each ISO moment in it written as the page writes times. */
export function withLocalTimes(sentence: string, dates: Dates): string {
  return sentence.replace(ISO_MOMENT, (iso) =>
    Number.isNaN(Date.parse(iso)) ? iso : formatTime(iso, dates),
  );
}

/** What the page says when no expiry date is known; "never expires" only when a service said so. */
export const NO_EXPIRY_KNOWN = 'no expiry known';
export const NEVER_EXPIRES = 'never expires';

/**
 * "Expires 2027-03-01 · in 89 days." or "Expired …"; without a date, "Never expires." when the
 * check learned so (its `expiry` fact starts with "never"), else "No expiry known.".
 */
export function expirySentence(
  expiresAt: string | null,
  expiryFact: string | undefined,
  dates: Dates,
): string {
  if (!expiresAt) {
    const words = expiryFact?.startsWith('never') ? NEVER_EXPIRES : NO_EXPIRY_KNOWN;
    return `${words.charAt(0).toUpperCase()}${words.slice(1)}.`;
  }
  const verb = Date.parse(expiresAt) <= dates.now.getTime() ? 'Expired' : 'Expires';
  return `${verb} ${formatDate(expiresAt, dates)}.`;
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
