import { DAY_MS } from './expiry';
import type { Severity, Verdict } from './verdict';

const SEVERITY_BY_VERDICT: Record<Verdict, Severity> = {
  healthy: 'ok',
  expiring: 'warning',
  expired: 'critical',
  // It works: only the date on file is wrong, which the admin should correct.
  'wrong-expiry-date': 'warning',
  rejected: 'critical',
  'revocation-ignored': 'critical',
  'insufficient-scope': 'critical',
  anonymous: 'critical',
  'identity-changed': 'critical',
  locked: 'critical',
  'unexpected-response': 'critical',
  // The check could not run and never will until the manifest changes: an admin must act.
  'not-allowed': 'critical',
  // One transient result says nothing about the credential; the scheduler escalates persistence.
  unreachable: 'unknown',
  'rate-limited': 'unknown',
};

/** Severity of one result. `expiring` with a day or less left is critical. */
export function severityOf(verdict: Verdict, expiresAt: Date | null, now: Date): Severity {
  if (verdict === 'expiring' && expiresAt && expiresAt.getTime() - now.getTime() <= DAY_MS) {
    return 'critical';
  }
  return SEVERITY_BY_VERDICT[verdict];
}
