import { createHmac } from 'node:crypto';
import type { AuditAction } from '../../domain/audit';
import { expiryStatus } from '../../domain/expiry';
import type { FingerprintKey } from '../../domain/fingerprint';
import { quoteName } from '../../domain/names';
import type { IntegrationConfig } from '../../domain/integration';
import type { IntegrationRecord, IntegrationStatus } from '../../domain/schedule';
import { integrationTarget, RETARGETED, sameTarget } from '../../domain/target';
import { toSummary, type IntegrationSummary } from '../../domain/summary';
import { CREDENTIAL_KIND_LABEL } from '../../domain/kind-labels';
import { audit } from '../../storage/audit';
import { fingerprintKey } from '../../storage/fingerprint-key';
import { loadTargets, type CheckTarget } from '../../storage/check-store';
import { integrations } from '../../storage/integrations';
import { summaries } from '../../storage/summaries';
import { ResolverFailure } from '../envelope';
import { badInput, secretProblem } from '../validate';
import type { CallContext } from '../types';

/** A probe started by a resolver must end, and its result be stored, inside the 25 s limit. */
export const PROBE_DEADLINE_MS = 20_000;
export const GONE = 'There is no such integration. It may have been deleted.';

/** Seconds are plenty for a table; at 1,000 rows the milliseconds alone cost 12 kB. */
function toSeconds(iso: string | null): string | null {
  return iso && iso.replace(/\.\d{3}Z$/, 'Z');
}

/**
 * A row as the table needs it: days left counted from now (rows are written at check time),
 * times to the second and the success rate to 0.1 %, which keeps 1,000 rows under 500 kB.
 */
export function present(row: IntegrationSummary, now: Date): IntegrationSummary {
  const rate = row.successRate7d;
  return {
    ...row,
    expiresAt: toSeconds(row.expiresAt),
    daysLeft: row.expiresAt ? expiryStatus(new Date(row.expiresAt), now).daysLeft : row.daysLeft,
    lastCheckedAt: toSeconds(row.lastCheckedAt),
    lastSuccessAt: toSeconds(row.lastSuccessAt),
    successRate7d: rate === null ? null : Math.round(rate * 1000) / 1000,
  };
}

/** The integration and its status in one read, or NOT_FOUND. */
export async function loadTarget(id: string): Promise<CheckTarget> {
  const target = (await loadTargets([id])).get(id);
  if (!target) throw new ResolverFailure('NOT_FOUND', GONE);
  return target;
}

/**
 * The stored secret, for a test or an update that keeps it: it must suit the (new) config, and
 * go only where it was entered for. Another target needs the secret typed again.
 */
export async function storedSecret(
  record: IntegrationRecord,
  config: IntegrationConfig,
): Promise<string> {
  if (!sameTarget(integrationTarget(record.config), integrationTarget(config))) {
    throw badInput({ secret: RETARGETED });
  }
  const stored = await integrations.getSecret(record.id);
  if (!stored) throw badInput({ secret: 'no secret is stored for it: enter one' });
  const problem = secretProblem(config, stored);
  if (problem) {
    throw badInput({
      secret: `the stored secret does not suit this configuration (${problem}): enter a new one`,
    });
  }
  return stored;
}

/** Saves the record and its overview row, so the overview shows it before any check. */
export async function saveRecord(
  record: IntegrationRecord,
  status: IntegrationStatus | undefined,
  now: Date,
): Promise<IntegrationSummary> {
  const summary = toSummary(record, status, now);
  await integrations.save(record);
  await summaries.save(summary);
  return present(summary, now);
}

const NO_FINGERPRINT_KEY =
  'Storage is not answering, so nothing was saved and no secret was kept. Try again in a minute.';

/**
 * The key to fingerprint a secret of `scope` with, read before anything is written: without it no
 * fingerprint can be shown, and one made with another key would be wrong, so nothing is saved.
 */
export async function fingerprintKeyFor(scope: string): Promise<FingerprintKey> {
  try {
    return { key: await fingerprintKey(), scope };
  } catch {
    throw new ResolverFailure('UNAVAILABLE', NO_FINGERPRINT_KEY);
  }
}

/** How an audit entry names an integration: never the secret, only its fingerprint. */
export function auditName(record: IntegrationRecord): string {
  const kind = CREDENTIAL_KIND_LABEL[record.config.kind];
  return `${quoteName(record.config.name ?? record.id)} (${kind}, secret ${record.secretFingerprint})`;
}

export function recordAudit(
  ctx: CallContext,
  action: AuditAction,
  integrationId: string | null,
  detail: string,
  now: Date,
): Promise<void> {
  return audit.append({
    at: now.toISOString(),
    actorAccountId: ctx.accountId,
    action,
    integrationId,
    detail,
  });
}

/** Storage refuses a cursor it never gave with a 400; any other failure is ours. */
function refusedCursor(err: unknown): boolean {
  const details = (err as { responseDetails?: { status?: unknown } } | null)?.responseDetails;
  return details?.status === 400;
}

/** A page of a log from `cursor`; a cursor storage does not know is the caller's to fix. */
export async function logPage<T>(
  read: (cursor?: string) => Promise<T>,
  cursor: string | undefined,
): Promise<T> {
  try {
    return await read(cursor);
  } catch (err) {
    if (cursor !== undefined && refusedCursor(err)) {
      throw badInput({ cursor: 'Page cursor: not one this log gave; start from the first page' });
    }
    throw err;
  }
}

/** Key order must not make an unchanged config look edited. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Names one admin's Test of one config with one secret, so a save of the same right after can
 * show its result. Used only as a storage key, and keyed with the installation's fingerprint key:
 * a plain hash would let anyone who reads storage confirm a guessed secret offline.
 */
export async function testDigest(
  accountId: string,
  config: IntegrationConfig,
  secret: string,
): Promise<string> {
  return createHmac('sha256', await fingerprintKey())
    .update(`tested\n${accountId}\n${canonical(config)}\n${secret}`)
    .digest('hex')
    .slice(0, 40);
}
