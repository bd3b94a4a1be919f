import { DAY_MS } from '../expiry';
import type { IntegrationSummary } from '../summary';
import { SEVERITIES, type Severity, type Verdict } from '../verdict';
import { expiryText, plural } from './plain-text';
import type { Alert } from './types';
import { wallClockOf, zonedInstant } from '../zoned-time';
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
  /** When the scheduled sweep last planned its checks; null before the first. */
  lastSweepAt?: string | null;
}

export interface Digest {
  /** One digest per channel and day, however often the sender is retried. */
  idempotencyKey: string;
  /** The UTC day it covers. */
  day: string;
  title: string;
  /** The checked integrations by severity: critical and warning ones are those in `attention`. */
  counts: Record<Severity, number>;
  /** One line per checked integration that is not healthy, most urgent first. */
  attention: string[];
  /** One line per integration alert of the day, in order. */
  events: string[];
  /** One line per org token alert of the day, in order: counted apart in the title. */
  tokenEvents: string[];
  allClear: boolean;
  adminUrl: string;
  /** When the last scheduled sweep ran: a reader sees the checks are still running. */
  lastSweepAt: string | null;
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

function attentionLine(s: IntegrationSummary & { verdict: Verdict }, now: Date): string {
  const snoozed = s.snoozedUntil && Date.parse(s.snoozedUntil) > now.getTime() ? ' (snoozed)' : '';
  const paused = s.paused ? ' (paused)' : '';
  return `${s.name} (${s.severity}): ${HEADLINE[s.verdict]}${expiryPart(s, now)}${snoozed}${paused}`;
}

/** What happened, with its time: "recovered at 15:00 UTC", "failed at 12:00 UTC: …". */
function happened(alert: Alert): string {
  const time = `${alert.at.slice(11, 16)} UTC`;
  const why = HEADLINE[alert.incident?.verdict ?? alert.verdict];
  switch (alert.kind) {
    case 'expiring':
      return alert.threshold === 0
        ? `expired (noticed at ${time})`
        : `crossed the ${alert.threshold ?? '?'}-day expiry warning at ${time}`;
    case 'failure':
      return `failed at ${time}: ${why}`;
    case 'reminder':
      return `still failing at ${time}: ${why}`;
    case 'escalation':
      return `escalated at ${time}: ${why}`;
    case 'recovery':
      // An org token's "recovery" is its revocation: nothing more will be said of it.
      return alert.subject ? `revoked (noticed at ${time})` : `recovered at ${time}`;
    case 'renewed':
      return `renewed at ${time}`;
  }
}

function eventLine(alert: Alert, names: ReadonlyMap<string, string>): string {
  const name = names.get(alert.integrationId) ?? alert.subject ?? alert.integrationId;
  const held = alert.suppressed ? ` (not sent: ${alert.suppressed})` : '';
  return `${name}: ${happened(alert)}${held}`;
}

function countBySeverity(summaries: readonly IntegrationSummary[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const s of summaries) counts[s.severity] += 1;
  return counts;
}

const checked = (s: IntegrationSummary): s is IntegrationSummary & { verdict: Verdict } =>
  s.verdict !== null;

function titleOf(day: string, counts: Record<Severity, number>, d: Omit<Digest, 'title'>): string {
  if (d.allClear) return `Token Health ${day}: all ${plural(counts.ok, 'credential')} healthy`;
  const tokens =
    d.tokenEvents.length > 0 ? `, ${plural(d.tokenEvents.length, 'org token alert')}` : '';
  return `Token Health ${day}: ${counts.critical} critical, ${counts.warning} warning, ${plural(d.events.length, 'alert')}${tokens}`;
}

/**
 * A channel's daily digest: where things stand now, and what happened that day. An integration
 * not checked yet has nothing to say: it is neither listed nor counted.
 */
export function buildDigest(input: DigestInput): Digest {
  const { alerts, now } = input;
  const summaries = input.summaries.filter(checked);
  const counts = countBySeverity(summaries);
  const names = new Map(input.summaries.map((s) => [s.id, s.name]));
  const attention = summaries.filter((s) => s.severity !== 'ok').sort(urgency);
  const lines = (list: readonly Alert[]) => list.map((a) => eventLine(a, names));
  const digest = {
    idempotencyKey: `digest:${input.channelId}:${input.day}`,
    day: input.day,
    counts,
    attention: attention.map((s) => attentionLine(s, now)),
    events: lines(alerts.filter((a) => !a.subject)),
    tokenEvents: lines(alerts.filter((a) => a.subject)),
    allClear: attention.length === 0 && alerts.length === 0,
    adminUrl: input.adminUrl,
    lastSweepAt: input.lastSweepAt ?? null,
  };
  return { ...digest, title: titleOf(input.day, counts, digest) };
}

/**
 * The day whose digest is due now, if any: a digest covers one whole UTC day and goes out the
 * next day when the clock of `timeZone` shows `hour` (today's offset: the hour holds across
 * daylight saving), so every alert is in exactly one digest; null once it was sent.
 */
export function dueDigestDay(
  now: Date,
  hour: number,
  timeZone: string,
  lastSentDay: string | null,
): string | null {
  const local = zonedInstant(wallClockOf(now, timeZone).day, `${hour}:00`, timeZone);
  const sendAt = new Date(now.getTime());
  sendAt.setUTCHours(local.getUTCHours(), local.getUTCMinutes(), 0, 0);
  const daysBack = now.getTime() >= sendAt.getTime() ? 1 : 2;
  const day = new Date(now.getTime() - daysBack * DAY_MS).toISOString().slice(0, 10);
  return lastSentDay !== null && lastSentDay >= day ? null : day;
}
