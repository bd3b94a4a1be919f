/** The shared vocabulary: every check ends in exactly one of these (see DESIGN.md). */
export const VERDICTS = [
  'healthy',
  'expiring',
  'expired',
  'wrong-expiry-date',
  'rejected',
  'revocation-ignored',
  'insufficient-scope',
  'anonymous',
  'identity-changed',
  'locked',
  'unexpected-response',
  'unreachable',
  'rate-limited',
  'not-allowed',
] as const;

export type Verdict = (typeof VERDICTS)[number];

export const SEVERITIES = ['ok', 'warning', 'critical', 'unknown'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Verdicts that say nothing about the credential itself: they turn critical only if they persist. */
export const TRANSIENT_VERDICTS: ReadonlySet<Verdict> = new Set<Verdict>([
  'unreachable',
  'rate-limited',
]);

export function isTransient(verdict: Verdict): boolean {
  return TRANSIENT_VERDICTS.has(verdict);
}

/**
 * A check that passed, for the daily roll-ups and the history strip: it authenticated, even if it
 * expires soon or the date on file is wrong. A credential marked revoked that still authenticates
 * is a failure of the revocation, not a success.
 */
export function succeeded(verdict: Verdict): boolean {
  return verdict === 'healthy' || verdict === 'expiring' || verdict === 'wrong-expiry-date';
}

/** The service accepted the credential, whatever that means for the admin. */
export function accepted(verdict: Verdict): boolean {
  return succeeded(verdict) || verdict === 'revocation-ignored';
}
