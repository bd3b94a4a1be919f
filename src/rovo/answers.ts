/**
 * What the actions answer, field by field from what the app stored: never a secret, a consumer
 * key, a configuration or a fingerprint (not even of a long secret), so no copy of a stored row
 * can carry one out by accident.
 */
import { CREDENTIAL_KIND_LABEL, ORG_TOKEN_KIND_LABEL } from '../domain/kind-labels';
import type { OrgTokenRow } from '../domain/inventory-view';
import type { IntegrationSummary } from '../domain/summary';
import type { Verdict } from '../domain/verdict';
import type { DeliveryLogEntry } from '../storage/deliveries';

/** A chat answer stays readable; the admin page holds the rest. */
export const MAX_ITEMS = 25;

export interface CredentialItem {
  id: string;
  name: string;
  kind: string;
  verdict: Verdict | 'not checked yet';
  severity: string;
  /** The last check's own sentence. */
  status: string | null;
  since: string;
  nextStep: string;
  expiresAt: string | null;
  daysLeft: number | null;
  snoozedUntil: string | null;
}

const RENEW = 'Renew it: ask me to explain this credential for the steps.';
const LOOK = 'Open the admin page to read the evidence, then check again.';
const NEXT_STEP: Record<Verdict, string> = {
  healthy: 'Nothing to do.',
  expiring: RENEW,
  expired: RENEW,
  'wrong-expiry-date': 'Correct the expiry date on the admin page.',
  rejected: RENEW,
  'revocation-ignored': 'It still works although marked revoked: revoke it at the service.',
  'insufficient-scope': 'Give it the missing permissions, or renew it with them.',
  anonymous: 'The service did not recognise a user: check the credential was entered right.',
  'identity-changed': 'Confirm on the admin page which account it belongs to now.',
  locked: 'Unlock the account at the service, then check again.',
  'unexpected-response': LOOK,
  unreachable: LOOK,
  'rate-limited': 'Wait for the service to accept requests again; the next check will tell.',
  'not-allowed': LOOK,
};

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : null);

function since(row: IntegrationSummary): string {
  if (!row.verdict) return 'not checked yet';
  if (row.verdict === 'expiring' || row.verdict === 'healthy') {
    return row.expiresAt ? `works; expires ${day(row.expiresAt)}` : 'works';
  }
  const worked = day(row.lastSuccessAt);
  return worked ? `last worked ${worked}` : 'has not worked since it was added';
}

export function credentialItem(row: IntegrationSummary): CredentialItem {
  return {
    id: row.id,
    name: row.name,
    kind: CREDENTIAL_KIND_LABEL[row.kind] ?? row.kind,
    verdict: row.verdict ?? 'not checked yet',
    severity: row.severity,
    status: row.message,
    since: since(row),
    nextStep: row.verdict ? NEXT_STEP[row.verdict] : 'Wait for the first check, or check now.',
    expiresAt: row.expiresAt,
    daysLeft: row.daysLeft,
    snoozedUntil: row.snoozedUntil,
  };
}

export interface OrgTokenItem {
  label: string;
  kind: string;
  owner: string;
  flags: string[];
  expiresAt: string | null;
  daysLeft: number | null;
  lastActiveAt: string | null;
  revokeAt: string;
}

export function orgTokenItem(row: OrgTokenRow): OrgTokenItem {
  return {
    label: row.label,
    kind: ORG_TOKEN_KIND_LABEL[row.kind],
    owner: row.owner.name || row.owner.email,
    flags: row.flags,
    expiresAt: row.expiresAt,
    daysLeft: row.daysLeft,
    lastActiveAt: row.lastActiveAt,
    revokeAt: row.revokeUrl,
  };
}

export interface AlertItem {
  at: string;
  to: string;
  about: string | null;
  kind: string;
  outcome: string;
  detail: string;
}

export function alertItem(entry: DeliveryLogEntry): AlertItem {
  return {
    at: entry.at,
    to: entry.channelName ?? 'no channel',
    about: entry.integrationName,
    kind: entry.kind,
    outcome: entry.outcome,
    detail: entry.detail,
  };
}

/** At most MAX_ITEMS, and a word on how many more the admin page shows. */
export function bounded<T>(items: T[]): { items: T[]; more: number } {
  return { items: items.slice(0, MAX_ITEMS), more: Math.max(0, items.length - MAX_ITEMS) };
}
