/**
 * The Token Health agent's actions (manifest.yml, `action`): read-only answers from what the app
 * stored. Each goes through `guarded`, so a caller who does not administer Jira reads nothing.
 */
import { lastEvidence } from '../domain/history';
import { renewalGuide } from '../domain/renewal';
import { toSummary, type IntegrationSummary } from '../domain/summary';
import { endOfDay, wallClockOf, zonedInstant } from '../domain/zoned-time';
import { evidenceSentence } from '../frontend/evidence';
import { adminPath, clock } from '../platform/forge';
import { loadTarget, present } from '../resolvers/handlers/common';
import { loadRows } from '../resolvers/handlers/inventory';
import { alertSettings, site } from '../storage/alerts';
import { deliveryLog, type DeliveryLogEntry } from '../storage/deliveries';
import { history } from '../storage/history';
import { summaries } from '../storage/summaries';
import { alertItem, bounded, credentialItem, orgTokenItem } from './answers';
import { DATE_FORMS, readDay } from './dates';
import { guarded, type ActionAnswer } from './guarded';
import { ActionInputError, findCredential, requiredText, textInput } from './input';

const DAY_MS = 86_400_000;
/** The delivery log keeps 30 days (src/storage/deliveries.ts). */
const MAX_ALERT_DAYS = 30;
const DEFAULT_ALERT_DAYS = 7;
/** Log pages read at most: 50 entries each, newest first. */
const MAX_LOG_PAGES = 10;
const MAX_EVIDENCE = 5;

/** Where every change is made; the stored site makes it a full link. A failed read costs only that. */
async function adminPage(): Promise<string> {
  const base = await site.get().catch(() => undefined);
  return `${base ?? ''}${adminPath()}`;
}

async function answer(text: string, items: unknown[]): Promise<ActionAnswer> {
  const { items: shown, more } = bounded(items);
  return { answer: text, items: shown, more, adminPage: await adminPage() };
}

async function rows(): Promise<IntegrationSummary[]> {
  const now = clock();
  return (await summaries.list()).map((row) => present(row, now));
}

const SEVERITY_ORDER = ['critical', 'warning', 'unknown', 'ok'];
const urgency = (a: IntegrationSummary, b: IntegrationSummary) =>
  SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
  (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity) ||
  a.name.localeCompare(b.name);

export const needsAttentionAction = guarded(async () => {
  const found = (await rows())
    .filter((r) => !r.paused && (r.severity === 'critical' || r.severity === 'warning'))
    .sort(urgency);
  const text =
    found.length === 0
      ? 'No credential needs attention now.'
      : `${found.length} credential${found.length === 1 ? ' needs' : 's need'} attention now.`;
  return answer(text, found.map(credentialItem));
});

function dayInput(
  payload: Record<string, unknown>,
  name: string,
  label: string,
  now: Date,
  zone: string,
) {
  const text = textInput(payload, name, label);
  if (text === undefined) return undefined;
  const day = readDay(text, now, zone);
  if (!day) throw new ActionInputError(`${label}: not a date I can read. Use ${DATE_FORMS}.`);
  return day;
}

export const expiringBetweenAction = guarded(async (payload) => {
  const now = clock();
  const zone = (await alertSettings.get()).digestTimeZone;
  const to = dayInput(payload, 'to', 'Until', now, zone);
  if (!to) throw new ActionInputError(`Until: required. Use ${DATE_FORMS}.`);
  const from = dayInput(payload, 'from', 'From', now, zone) ?? wallClockOf(now, zone).day;
  if (from > to) throw new ActionInputError('From: must not be after Until.');
  const start = zonedInstant(from, '00:00', zone).getTime();
  const end = endOfDay(to, zone).getTime();
  const within = (iso: string | null) =>
    iso !== null && Date.parse(iso) >= start && Date.parse(iso) <= end;
  const found = (await rows())
    .filter((r) => !r.revokedAt && within(r.expiresAt))
    .sort((a, b) => (a.expiresAt ?? '').localeCompare(b.expiresAt ?? ''));
  const text = `${found.length} credential${found.length === 1 ? '' : 's'} expire between ${from} and ${to} (${zone}).`;
  return answer(text, found.map(credentialItem));
});

/** Facts the last check learnt, without any fingerprint: not even of a long secret. */
function plainFacts(facts: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(facts).filter(([key]) => !/fingerprint/i.test(key)));
}

export const explainCredentialAction = guarded(async (payload) => {
  const ref = requiredText(payload, 'credential', 'Credential');
  const row = findCredential(await rows(), ref);
  const [{ record, status }, recent] = await Promise.all([
    loadTarget(row.id),
    history.recent(row.id, 1),
  ]);
  const last = status?.last ?? null;
  const item = credentialItem(present(toSummary(record, status, clock()), clock()));
  const guide = renewalGuide(record.config, item.name, last?.facts);
  return {
    answer: `${item.name}: ${item.status ?? 'not checked yet'}`,
    credential: item,
    lastCheckedAt: last?.checkedAt ?? null,
    identity: last?.identity ? (last.identity.displayName ?? last.identity.username ?? null) : null,
    facts: plainFacts(last?.facts ?? {}),
    evidence: lastEvidence(status, recent).slice(0, MAX_EVIDENCE).map(evidenceSentence),
    renewal: {
      title: guide.title,
      steps: guide.steps,
      links: guide.links,
      maxLifetime: guide.maxLifetime,
    },
    adminPage: await adminPage(),
  };
});

const TOKEN_SHOWS: Record<string, string[]> = {
  expiring: ['expiring', 'expired'],
  unused: ['unused'],
  all: ['expiring', 'expired', 'unused'],
};

export const orgTokensAction = guarded(async (payload) => {
  const show = (textInput(payload, 'show', 'Show') ?? 'all').toLowerCase();
  const flags = TOKEN_SHOWS[show];
  if (!flags) throw new ActionInputError('Show: one of expiring, unused or all.');
  const found = (await loadRows(clock())).filter(
    (r) => !r.revokedNoticedAt && r.flags.some((f) => flags.includes(f)),
  );
  const text = `${found.length} organisation token${found.length === 1 ? '' : 's'} ${show === 'all' ? 'expiring or unused' : show}.`;
  return answer(text, found.map(orgTokenItem));
});

function daysBack(payload: Record<string, unknown>): number {
  const text = textInput(payload, 'days', 'Days') ?? String(DEFAULT_ALERT_DAYS);
  const days = /^\d{1,2}$/.test(text) ? Number(text) : NaN;
  if (!(days >= 1 && days <= MAX_ALERT_DAYS)) {
    throw new ActionInputError(`Days: a whole number from 1 to ${MAX_ALERT_DAYS}.`);
  }
  return days;
}

/** Newest first, until the first entry older than `since`; bounded in pages. */
async function deliveriesSince(since: number): Promise<DeliveryLogEntry[]> {
  const found: DeliveryLogEntry[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_LOG_PAGES; page += 1) {
    const next = await deliveryLog.page(cursor);
    const recent = next.entries.filter((e) => Date.parse(e.at) >= since);
    found.push(...recent);
    cursor = next.cursor;
    if (!cursor || recent.length < next.entries.length) break;
  }
  return found;
}

export const recentAlertsAction = guarded(async (payload) => {
  const days = daysBack(payload);
  const found = await deliveriesSince(clock().getTime() - days * DAY_MS);
  const text = `${found.length} alert deliver${found.length === 1 ? 'y' : 'ies'} in the last ${days} day${days === 1 ? '' : 's'}.`;
  return answer(text, found.map(alertItem));
});
