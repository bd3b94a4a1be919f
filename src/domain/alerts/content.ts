import { DAY_MS } from '../expiry';
import { renewalGuide, type RenewalGuide } from '../renewal';
import type { IntegrationRecord, IntegrationStatus } from '../schedule';
import type { Severity } from '../verdict';
import { durationText, evidenceSentence, expiryText, plainText, timeText } from './plain-text';
import { CLOSING_KINDS, type Alert } from './types';
import { ACTION, HEADLINE, RENEWABLE } from './wording';

export interface ContentInput {
  alert: Alert;
  record: IntegrationRecord;
  /** The status the alert was decided from. */
  status: IntegrationStatus;
  /** The admin page, where the integration can be checked, edited or snoozed. */
  adminUrl: string;
}

/** What every channel renders, each in its own format. Holds no secret and no header value. */
export interface AlertContent {
  title: string;
  /**
   * The name (of the integration, token or channel) as the title carries it: where a service
   * limits a title's length, the name is shortened first, so the date and verdict stay whole.
   */
  name: string | null;
  severity: Severity;
  /** What broke, or what is coming, in plain words. */
  summary: string;
  /** Since when it fails (and when it last worked), or how long it failed for a recovery. */
  since: string | null;
  /** Each request of the latest check as one sentence. */
  evidence: string[];
  expiresAt: string | null;
  daysLeft: number | null;
  /** When the credential last worked, if it ever did. */
  lastSuccessAt: string | null;
  action: string;
  renewal: Pick<RenewalGuide, 'title' | 'steps' | 'links'> | null;
  adminUrl: string;
}

interface Facts {
  name: string;
  headline: string;
  /** How long the incident has lasted at the alert's time. */
  lasted: string;
  expiry: string | null;
}

function titleOf(alert: Alert, f: Facts): string {
  switch (alert.kind) {
    case 'expiring':
      return `${f.name}: its credential ${f.expiry ?? 'expires soon'}`;
    case 'failure':
      return `${f.name}: ${f.headline}`;
    case 'reminder':
      return `Still failing for ${f.lasted}: ${f.name}: ${f.headline}`;
    case 'escalation':
      return `Escalated after ${f.lasted}: ${f.name}: ${f.headline}`;
    case 'recovery':
      return `Recovered: ${f.name} works again after ${f.lasted}`;
    case 'renewed':
      return `Renewed: ${f.name}: its credential now ${f.expiry ?? 'expires later'}`;
  }
}

function sinceOf(alert: Alert, status: IntegrationStatus, f: Facts): string | null {
  const opened = alert.incident?.openedAt;
  if (!opened) return null;
  if (alert.kind === 'recovery') {
    return `It failed from ${timeText(opened)} to ${timeText(alert.at)} (${f.lasted}).`;
  }
  const worked = status.lastSuccessAt
    ? `; it last worked at ${timeText(status.lastSuccessAt)}`
    : '';
  return `Failing since ${timeText(opened)}${worked}.`;
}

function summaryOf(alert: Alert, status: IntegrationStatus): string {
  const last = status.last;
  const checked = last
    ? `The latest check (${timeText(last.checkedAt)}) said: ${plainText(last.message).replace(/[.\s]+$/, '')}.`
    : 'It has not been checked yet.';
  if (alert.kind !== 'recovery') return checked;
  return `It had failed because ${HEADLINE[alert.incident?.verdict ?? alert.verdict]}. ${checked}`;
}

function renewalOf(
  alert: Alert,
  record: IntegrationRecord,
  status: IntegrationStatus,
  name: string,
): AlertContent['renewal'] {
  if (CLOSING_KINDS.has(alert.kind) || !RENEWABLE.has(alert.verdict)) return null;
  const { title, steps, links } = renewalGuide(record.config, name, status.last?.facts);
  return { title, steps, links };
}

/** The message for one alert: what broke, since when, the evidence, days left, what to do. */
export function buildContent(input: ContentInput): AlertContent {
  const { alert, record, status, adminUrl } = input;
  const name = record.config.name ?? record.id;
  const expiresAt = alert.expiresAt ?? status.last?.expiresAt ?? null;
  const at = Date.parse(alert.at);
  const daysLeft = expiresAt ? Math.floor((Date.parse(expiresAt) - at) / DAY_MS) : null;
  const opened = alert.incident ? Date.parse(alert.incident.openedAt) : at;
  const facts: Facts = {
    name,
    headline: HEADLINE[alert.verdict],
    lasted: durationText(at - opened),
    expiry: expiresAt && daysLeft !== null ? expiryText(daysLeft, expiresAt) : null,
  };
  return {
    title: titleOf(alert, facts),
    name,
    severity: alert.severity,
    summary: summaryOf(alert, status),
    since: sinceOf(alert, status, facts),
    evidence: (status.last?.evidence ?? []).map(evidenceSentence),
    expiresAt,
    daysLeft,
    lastSuccessAt: status.lastSuccessAt ?? null,
    action: ACTION[CLOSING_KINDS.has(alert.kind) ? 'healthy' : alert.verdict],
    renewal: renewalOf(alert, record, status, name),
    adminUrl,
  };
}

/** One plain-text body (a Jira comment, a mail): the same content, one paragraph per part. */
export function contentText(c: AlertContent): string {
  const parts = [
    c.title,
    c.summary,
    c.since,
    c.evidence.length > 0 ? `Evidence:\n${c.evidence.map((e) => `- ${e}`).join('\n')}` : null,
    c.action,
    c.renewal
      ? `${c.renewal.title}:\n${c.renewal.steps.map((s, i) => `${i + 1}. ${s}`).join('\n')}`
      : null,
    `Open Token Health: ${c.adminUrl}`,
  ];
  return parts.filter((p): p is string => p !== null).join('\n\n');
}
