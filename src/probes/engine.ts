import { boundResult } from '../domain/bounds';
import { expiryStatus, DEFAULT_WARN_DAYS } from '../domain/expiry';
import type { IntegrationConfig } from '../domain/integration';
import type { CheckResult, Evidence, ExpirySource, Identity } from '../domain/result';
import { severityOf } from '../domain/severity';
import { HttpClient, TransportError, type FetchLike } from '../http/client';
import type { GrantStore } from './oauth/grant-store';
import type { Probe, ProbeOutcome } from './probe';
import { Redactor } from '../http/redact';
import { PROBES } from './registry';

export interface ProbeDeps {
  fetch: FetchLike;
  now: () => Date;
  grants?: GrantStore;
  /** See ProbeContext.orgInventory. */
  orgInventory?: boolean;
  isAllowed?: (url: string) => boolean;
  requestTimeoutMs?: number;
  deadlineMs?: number;
  monotonicMs?: () => number;
}

/** Input the caller must fix (a malformed secret); nothing was sent. */
export class BadInputError extends Error {
  override name = 'BadInputError';
}

/** Checks one credential: runs its kind's probe, then applies identity pinning and expiry policy. */
export async function runProbe(
  config: IntegrationConfig,
  rawSecret: string,
  deps: ProbeDeps,
): Promise<CheckResult> {
  // Each probe parses its own secret shape; widening keeps parse and check paired per kind.
  const probe: Probe<unknown> = PROBES[config.kind];
  const parsed = probe.parseSecret(rawSecret, config);
  if (!parsed.ok) throw new BadInputError(parsed.error);
  const redactor = new Redactor(parsed.sensitive);
  const http = new HttpClient({ ...deps, redactor, maxRequests: probe.maxRequests });
  const startedAt = deps.now();
  const outcome = await probe
    .check({
      config,
      secret: parsed.secret,
      http,
      now: startedAt,
      grants: deps.grants,
      orgInventory: deps.orgInventory,
    })
    .catch((err: unknown) => failureOutcome(err, redactor));
  const finished = deps.now();
  return finalize(config, scrubbed(outcome, redactor), finished, {
    // Redacted again at the end: a token learned mid-probe (a rotated one) is masked everywhere.
    evidence: http.evidence.map((e) => scrubEvidence(e, redactor)),
    durationMs: finished.getTime() - startedAt.getTime(),
    message: (m) => redactor.text(m),
  });
}

/** Identity and facts come from the service's answer, which may echo the secret. */
function scrubbed(outcome: ProbeOutcome, redactor: Redactor): ProbeOutcome {
  const clean = <T extends object>(record: T): T =>
    Object.fromEntries(
      Object.entries(record).map(([k, v]) => [k, typeof v === 'string' ? redactor.text(v) : v]),
    ) as T;
  return {
    ...outcome,
    ...(outcome.identity ? { identity: clean(outcome.identity) } : {}),
    ...(outcome.facts ? { facts: clean(outcome.facts) } : {}),
  };
}

function scrubEvidence(e: Evidence, redactor: Redactor): Evidence {
  const headers = Object.fromEntries(
    Object.entries(e.headers).map(([k, v]) => [k, redactor.text(v)]),
  );
  return {
    ...e,
    url: redactor.url(e.url),
    headers,
    excerpt: redactor.text(e.excerpt),
    ...(e.error ? { error: redactor.text(e.error) } : {}),
  };
}

function failureOutcome(err: unknown, redactor: Redactor): ProbeOutcome {
  if (err instanceof TransportError) {
    if (err.failure === 'not-allowed') return { verdict: 'not-allowed', message: err.message };
    return {
      verdict: 'unreachable',
      message: `${err.message}; this says nothing about the credential`,
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  return {
    verdict: 'unexpected-response',
    message: `the check failed unexpectedly: ${redactor.text(message)}`,
  };
}

interface Extras {
  evidence: CheckResult['evidence'];
  durationMs: number;
  message: (m: string) => string;
}

/** The result of a probe, cut to size (see bounds.ts): whatever the service said, it can be stored. */
export function finalize(
  config: IntegrationConfig,
  outcome: ProbeOutcome,
  now: Date,
  extras: Extras,
): CheckResult {
  const { expiresAt, source } = pickExpiry(config, outcome);
  const judged = applyPolicy(config, outcome, { expiresAt, source }, now);
  return boundResult({
    verdict: judged.verdict,
    severity: severityOf(judged.verdict, expiresAt, now),
    message: extras.message(judged.message),
    identity: outcome.identity ?? null,
    expiresAt: expiresAt?.toISOString() ?? null,
    expirySource: expiresAt ? source : null,
    daysLeft: expiryStatus(expiresAt, now).daysLeft,
    retryAfterSeconds: outcome.retryAfterSeconds ?? null,
    ...(outcome.recheckAfterSeconds ? { recheckAfterSeconds: outcome.recheckAfterSeconds } : {}),
    checkedAt: now.toISOString(),
    durationMs: extras.durationMs,
    evidence: extras.evidence,
    facts: outcome.facts ?? {},
  });
}

/** The service's own expiry beats the date an admin typed; the admin's date is the fallback. */
function pickExpiry(
  config: IntegrationConfig,
  outcome: ProbeOutcome,
): { expiresAt: Date | null; source: ExpirySource } {
  if (outcome.expiresAt)
    return { expiresAt: outcome.expiresAt, source: outcome.expirySource ?? 'service' };
  if (config.expiresAt) return { expiresAt: new Date(config.expiresAt), source: 'admin' };
  return { expiresAt: null, source: 'admin' };
}

export function identityMatches(expected: string, identity: Identity): boolean {
  const wanted = expected.trim().toLowerCase();
  return [identity.id, identity.username, identity.email].some((v) => v?.toLowerCase() === wanted);
}

/**
 * The service has just accepted it, so a passed date is wrong, not the credential: never
 * `expired` against the evidence. A date the admin typed is theirs to correct.
 */
function datePassed(
  config: IntegrationConfig,
  source: ExpirySource,
  date: string | undefined,
  note: string,
) {
  const probe = PROBES[config.kind];
  // A certificate's notAfter is its end whoever still serves it: there is no acceptance to weigh.
  if (probe.endsOnItsDate) {
    return {
      verdict: 'expired' as const,
      message: `its expiry date ${date} has passed; renew it now${note}`,
    };
  }
  const service = probe.service(config);
  const message =
    source === 'admin'
      ? `the date on file (${date}) has passed but ${service} still accepts it: correct the date`
      : `the expiry date ${service} gives (${date}) has passed but ${service} still accepts it`;
  return { verdict: 'wrong-expiry-date' as const, message };
}

function applyPolicy(
  config: IntegrationConfig,
  outcome: ProbeOutcome,
  { expiresAt, source }: { expiresAt: Date | null; source: ExpirySource },
  now: Date,
): Pick<ProbeOutcome, 'verdict' | 'message'> {
  const status = expiryStatus(expiresAt, now, config.warnDays ?? DEFAULT_WARN_DAYS);
  const date = expiresAt?.toISOString().slice(0, 10);
  if (outcome.verdict === 'rejected' && status.state === 'expired') {
    return {
      verdict: 'expired',
      message: `it expired on ${date} and is now refused: ${outcome.message}`,
    };
  }
  if (outcome.verdict !== 'healthy') return outcome;
  const pinned = config.expectedAccountId;
  if (pinned && outcome.identity && !identityMatches(pinned, outcome.identity)) {
    const who = outcome.identity.username ?? outcome.identity.id;
    return {
      verdict: 'identity-changed',
      message: `authenticated as ${who}, not the pinned identity ${pinned}: the credential was swapped for someone else's`,
    };
  }
  const note = outcome.note ? `; ${outcome.note}` : '';
  switch (status.state) {
    case 'expired':
      return datePassed(config, source, date, note);
    case 'critical':
    case 'expiring':
      return {
        verdict: 'expiring',
        message: `works, but expires on ${date} (${plural(status.daysLeft ?? 0, 'day')} left); renew it before then${note}`,
      };
    default:
      return outcome;
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
