import { DAY_MS } from '../expiry';
import type { IntegrationSummary } from '../summary';
import { SEVERITIES, type Severity } from '../verdict';
import { expiryText, plural } from './plain-text';
import type { Alert } from './types';
import { HEADLINE } from './wording';

export interface DigestInput {
  channelId: string;
  /** The UTC day (YYYY-MM-DD) the digest covers. */
  day: string;
  summaries: readonly IntegrationSummary[];
  /** The alerts routed to this channel's digest during that day. */
  alerts: readonly Alert[];
  adminUrl: string;
  now: Date;
}

export interface Digest {
  /** One digest per channel and day, however often the sender is retried. */
  idempotencyKey: string;
  /** The UTC day it covers. */
  day: string;
  title: string;
  counts: Record<Severity, number>;
  /** One line per integration that is not healthy, most urgent first. */
  attention: string[];
  /** One line per alert of the day, in order. */
  events: string[];
  allClear: boolean;
  adminUrl: string;
}

const URGENCY: readonly Severity[] = ['critical', 'warning', 'unknown', 'ok'];

const expiryMs = (s: IntegrationSummary) => (s.expiresAt ? Date.parse(s.expiresAt) : Infinity);

/** By severity, then the one that expires first. */
function urgency(a: IntegrationSummary, b: IntegrationSummary): number {
  const bySeverity = URGENCY.indexOf(a.severity) - URGENCY.indexOf(b.severity);
  return bySeverity !== 0 ? bySeverity : expiryMs(a) - expiryMs(b);
}

function expiryPart(s: IntegrationSummary, now: Date): string {
  if (!s.expiresAt || (s.verdict !== 'expiring' && s.verdict !== 'expired')) return '';
  const days = Math.floor((Date.parse(s.expiresAt) - now.getTime()) / DAY_MS);
  return `; ${expiryText(days, s.expiresAt)}`;
}

function attentionLine(s: IntegrationSummary, now: Date): string {
  const what = s.verdict ? HEADLINE[s.verdict] : 'not checked yet';
  const snoozed = s.snoozedUntil && Date.parse(s.snoozedUntil) > now.getTime() ? ' (snoozed)' : '';
  const paused = s.paused ? ' (paused)' : '';
  return `${s.name} (${s.severity}): ${what}${expiryPart(s, now)}${snoozed}${paused}`;
}

function eventLine(alert: Alert, names: ReadonlyMap<string, string>): string {
  const name = names.get(alert.integrationId) ?? alert.subject ?? alert.integrationId;
  const time = alert.at.slice(11, 16);
  const what =
    alert.kind === 'expiring'
      ? `crossed the ${alert.threshold ?? '?'}-day expiry warning`
      : `${alert.kind}: ${HEADLINE[alert.incident?.verdict ?? alert.verdict]}`;
  const held = alert.suppressed ? ` (not sent: ${alert.suppressed})` : '';
  return `${time} UTC ${name}: ${what}${held}`;
}

function countBySeverity(summaries: readonly IntegrationSummary[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const s of summaries) counts[s.severity] += 1;
  return counts;
}

/** A channel's daily digest: where things stand now, and what happened that day. */
export function buildDigest(input: DigestInput): Digest {
  const { summaries, alerts, now } = input;
  const counts = countBySeverity(summaries);
  const names = new Map(summaries.map((s) => [s.id, s.name]));
  const attention = summaries.filter((s) => s.severity !== 'ok').sort(urgency);
  const allClear = attention.length === 0 && alerts.length === 0;
  const title = allClear
    ? `Token Health ${input.day}: all ${plural(summaries.length, 'credential')} healthy`
    : `Token Health ${input.day}: ${counts.critical} critical, ${counts.warning} warning, ${plural(alerts.length, 'alert')}`;
  return {
    idempotencyKey: `digest:${input.channelId}:${input.day}`,
    day: input.day,
    title,
    counts,
    attention: attention.map((s) => attentionLine(s, now)),
    events: alerts.map((a) => eventLine(a, names)),
    allClear,
    adminUrl: input.adminUrl,
  };
}

/**
 * The day whose digest is due now, if any: a digest covers one whole UTC day and goes out at
 * `hourUtc` the next day, so every alert is in exactly one digest; null once it was sent.
 */
export function dueDigestDay(
  now: Date,
  hourUtc: number,
  lastSentDay: string | null,
): string | null {
  const sendAt = new Date(now.getTime());
  sendAt.setUTCHours(hourUtc, 0, 0, 0);
  const daysBack = now.getTime() >= sendAt.getTime() ? 1 : 2;
  const day = new Date(now.getTime() - daysBack * DAY_MS).toISOString().slice(0, 10);
  return lastSentDay !== null && lastSentDay >= day ? null : day;
}
