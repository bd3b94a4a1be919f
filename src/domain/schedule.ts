import { expiryStatus } from './expiry';
import { fingerprint, integrationScope } from './fingerprint';
import type { IntegrationConfig } from './integration';
import type { CheckResult } from './result';
import { accepted, isTransient, succeeded, type Severity, type Verdict } from './verdict';
import { MAX_RETRY_AFTER_SECONDS } from './retry-after';

export const MINUTE_MS = 60_000;
export const INTERVALS = {
  '5m': 5 * MINUTE_MS,
  '15m': 15 * MINUTE_MS,
  '1h': 60 * MINUTE_MS,
  '6h': 6 * 60 * MINUTE_MS,
  '24h': 24 * 60 * MINUTE_MS,
} as const;
export type IntervalKey = keyof typeof INTERVALS;
export const DEFAULT_INTERVAL: IntervalKey = '1h';

/** After `rejected` or `locked`: at most one automatic check a day, so no account is driven into a CAPTCHA. */
export const BACKOFF_MS = INTERVALS['24h'];
/** How often a credential marked revoked is probed until the service refuses it. */
export const REVOCATION_INTERVAL_MS = INTERVALS['5m'];
/** A transient result is confirmed (or cleared) sooner than the usual interval. */
export const TRANSIENT_RECHECK_MS = INTERVALS['5m'];
const BACKOFF_VERDICTS: ReadonlySet<Verdict> = new Set<Verdict>(['rejected', 'locked']);
const ROLLUP_DAYS = 90;

/** An integration as the admin registered it. The secret lives apart, under its own secret key. */
export interface IntegrationRecord {
  id: string;
  config: IntegrationConfig;
  interval: IntervalKey;
  ownerAccountId: string | null;
  paused: boolean;
  snoozedUntil: string | null;
  /** Set by "mark revoked": the sweep then probes every 5 minutes until the service refuses it. */
  revokedAt: string | null;
  secretFingerprint: string;
  createdAt: string;
  /** Any edit (config or secret) lifts a back-off: the admin has acted. */
  editedAt: string;
}

/** What a kind without a secret (takesSecret) shows where others show the secret's fingerprint. */
export const NO_SECRET = 'none';

export interface NewIntegration {
  id: string;
  config: IntegrationConfig;
  /** Undefined for a kind that takes none. */
  secret: string | undefined;
  /** The installation's fingerprint key (src/storage/fingerprint-key.ts). */
  fingerprintKey: Buffer;
  interval?: IntervalKey;
  ownerAccountId?: string | null;
  now: Date;
}

export function newIntegration(input: NewIntegration): IntegrationRecord {
  const at = input.now.toISOString();
  return {
    id: input.id,
    config: input.config,
    interval: input.interval ?? DEFAULT_INTERVAL,
    ownerAccountId: input.ownerAccountId ?? null,
    paused: false,
    snoozedUntil: null,
    revokedAt: null,
    secretFingerprint:
      input.secret === undefined
        ? NO_SECRET
        : fingerprint(input.secret, {
            key: input.fingerprintKey,
            scope: integrationScope(input.id),
          }),
    createdAt: at,
    editedAt: at,
  };
}

export interface Revocation {
  revokedAt: string;
  lastAcceptedAt: string | null;
  refusedAt: string | null;
  /** How long the credential kept working after it was revoked, once it has been refused. */
  keptWorkingMs: number | null;
}

/** [day (YYYY-MM-DD), checks, successful checks] */
export type DailyRollup = [string, number, number];

export interface LastCheck {
  verdict: Verdict;
  /** The result's own severity, before transient escalation. */
  severity: Severity;
  message: string;
  checkedAt: string;
  expiresAt: string | null;
  daysLeft: number | null;
  identity: CheckResult['identity'];
  /**
   * Absent once stored: the check's history entry (same slot) holds it, so each check writes
   * its evidence once, not twice (stored-status.ts).
   */
  evidence?: CheckResult['evidence'];
  facts: CheckResult['facts'];
  /** The secret this check was about (its fingerprint): facts carry over only for the same one. */
  secretFingerprint?: string;
}

/** What the sweep knows of one integration; written only by checks. */
export interface IntegrationStatus {
  id: string;
  /** The planned slot of the last stored check: a redelivered event for it is a duplicate. */
  lastSlot: string | null;
  nextDueAt: string;
  last: LastCheck | null;
  /** Severity shown to people: a transient verdict turns critical only on its second result. */
  severity: Severity;
  lastSuccessAt: string | null;
  consecutiveTransient: number;
  /** Set after `rejected`/`locked`: checks back off until the credential is edited or checked on demand. */
  backoffSince: string | null;
  retryAfterUntil: string | null;
  revocation: Revocation | null;
  daily: DailyRollup[];
  /** Who the service last said this secret is, and when: kept when a later check is refused. */
  seenIdentity?: SeenIdentity;
}

export interface SeenIdentity {
  identity: NonNullable<CheckResult['identity']>;
  at: string;
  secretFingerprint: string;
}

export function initialStatus(id: string, now: Date): IntegrationStatus {
  return {
    id,
    lastSlot: null,
    nextDueAt: now.toISOString(),
    last: null,
    severity: 'unknown',
    lastSuccessAt: null,
    consecutiveTransient: 0,
    backoffSince: null,
    retryAfterUntil: null,
    revocation: null,
    daily: [],
  };
}

/** Whether the sweep should check it now. On-demand checks bypass this. */
export function isDue(record: IntegrationRecord, status: IntegrationStatus, now: Date): boolean {
  if (record.paused) return false;
  // The admin acted since the back-off began (new secret, new config): try again at once.
  if (status.backoffSince && Date.parse(record.editedAt) > Date.parse(status.backoffSince))
    return true;
  // Just marked revoked: start the 5-minute watch now rather than at the next interval.
  if (record.revokedAt && status.revocation?.revokedAt !== record.revokedAt) return true;
  return Date.parse(status.nextDueAt) <= now.getTime();
}

/**
 * The interval runs from the check's planned slot, not from the moment it finished: a check that
 * ran a few seconds into its sweep would otherwise miss the sweep one interval later, and a 5-minute
 * interval would become 10. A wait the service asked for still runs from the answer.
 */
function nextDue(
  record: IntegrationRecord,
  result: CheckResult,
  revoking: boolean,
  now: number,
  slot: string,
): number {
  let wait: number = INTERVALS[record.interval];
  if (revoking) wait = REVOCATION_INTERVAL_MS;
  else if (BACKOFF_VERDICTS.has(result.verdict)) wait = BACKOFF_MS;
  else if (isTransient(result.verdict)) wait = Math.min(wait, TRANSIENT_RECHECK_MS);
  if (result.recheckAfterSeconds) wait = Math.min(wait, result.recheckAfterSeconds * 1000);
  const planned = Date.parse(slot);
  const from = Number.isFinite(planned) ? Math.min(planned, now) : now;
  return Math.max(from + wait, now + retryAfterMs(result));
}

/** Capped again here: a result may come from a probe that forgot to validate its header. */
function retryAfterMs(result: CheckResult): number {
  const seconds = result.retryAfterSeconds;
  return Number.isFinite(seconds)
    ? Math.min(Math.max(0, seconds ?? 0), MAX_RETRY_AFTER_SECONDS) * 1000
    : 0;
}

function trackRevocation(
  record: IntegrationRecord,
  prev: Revocation | null,
  result: CheckResult,
): Revocation | null {
  if (!record.revokedAt) return null;
  const base: Revocation =
    prev && prev.revokedAt === record.revokedAt
      ? prev
      : { revokedAt: record.revokedAt, lastAcceptedAt: null, refusedAt: null, keptWorkingMs: null };
  if (base.refusedAt) return base;
  if (accepted(result.verdict)) return { ...base, lastAcceptedAt: result.checkedAt };
  if (result.verdict !== 'rejected' && result.verdict !== 'expired') return base;
  const acceptedUntil = base.lastAcceptedAt
    ? Date.parse(base.lastAcceptedAt)
    : Date.parse(base.revokedAt);
  return {
    ...base,
    refusedAt: result.checkedAt,
    keptWorkingMs: Math.max(0, acceptedUntil - Date.parse(base.revokedAt)),
  };
}

function rollup(daily: DailyRollup[], result: CheckResult): DailyRollup[] {
  const day = result.checkedAt.slice(0, 10);
  const ok = succeeded(result.verdict) ? 1 : 0;
  const last = daily[daily.length - 1];
  const next: DailyRollup[] =
    last && last[0] === day
      ? [...daily.slice(0, -1), [day, last[1] + 1, last[2] + ok]]
      : [...daily, [day, 1, ok]];
  return next.slice(-ROLLUP_DAYS);
}

/** Whether what the previous check learned is about the credential stored now. */
function sameSecret(record: IntegrationRecord, last: LastCheck): boolean {
  if (last.secretFingerprint !== undefined)
    return last.secretFingerprint === record.secretFingerprint;
  // Stored before checks named their secret: trust it only if nothing was edited since.
  return Date.parse(last.checkedAt) >= Date.parse(record.editedAt);
}

/**
 * What a check knows. A transient result (time-out, 5xx, 429) says nothing about the credential,
 * so the expiry date, identity and facts learned before stay known rather than being erased.
 */
function lastCheck(
  record: IntegrationRecord,
  prev: LastCheck | null,
  result: CheckResult,
): LastCheck {
  const fresh: LastCheck = {
    verdict: result.verdict,
    severity: result.severity,
    message: result.message,
    checkedAt: result.checkedAt,
    expiresAt: result.expiresAt,
    daysLeft: result.daysLeft,
    identity: result.identity,
    evidence: result.evidence,
    facts: result.facts,
    secretFingerprint: record.secretFingerprint,
  };
  if (!isTransient(result.verdict) || !prev || !sameSecret(record, prev)) return fresh;
  const expiresAt = result.expiresAt ?? prev.expiresAt;
  return {
    ...fresh,
    expiresAt,
    daysLeft: expiresAt
      ? expiryStatus(new Date(expiresAt), new Date(result.checkedAt)).daysLeft
      : null,
    identity: result.identity ?? prev.identity,
    facts: Object.keys(result.facts).length > 0 ? result.facts : prev.facts,
  };
}

/** The identity a check saw, else the one seen before with the same secret. */
function seenIdentity(
  record: IntegrationRecord,
  prev: SeenIdentity | undefined,
  result: CheckResult,
): { seenIdentity?: SeenIdentity } {
  const { secretFingerprint } = record;
  if (result.identity) {
    return { seenIdentity: { identity: result.identity, at: result.checkedAt, secretFingerprint } };
  }
  return prev?.secretFingerprint === secretFingerprint ? { seenIdentity: prev } : {};
}

/** Folds one check's result into the integration's status: scheduling, escalation, rollups. */
export function applyResult(
  record: IntegrationRecord,
  prev: IntegrationStatus,
  result: CheckResult,
  slot: string,
): IntegrationStatus {
  const now = Date.parse(result.checkedAt);
  const transient = isTransient(result.verdict);
  const consecutiveTransient = transient ? prev.consecutiveTransient + 1 : 0;
  const revocation = trackRevocation(record, prev.revocation, result);
  const revoking = revocation !== null && revocation.refusedAt === null;
  return {
    id: prev.id,
    lastSlot: slot,
    nextDueAt: new Date(nextDue(record, result, revoking, now, slot)).toISOString(),
    last: lastCheck(record, prev.last, result),
    severity: transient && consecutiveTransient >= 2 ? 'critical' : result.severity,
    lastSuccessAt: succeeded(result.verdict) ? result.checkedAt : prev.lastSuccessAt,
    consecutiveTransient,
    backoffSince: BACKOFF_VERDICTS.has(result.verdict) ? result.checkedAt : null,
    retryAfterUntil: result.retryAfterSeconds
      ? new Date(now + retryAfterMs(result)).toISOString()
      : null,
    revocation,
    daily: rollup(prev.daily, result),
    ...seenIdentity(record, prev.seenIdentity, result),
  };
}
