import { durationText } from './alerts/plain-text';
import type { CheckResult } from './result';
import type { IntegrationRecord, Revocation } from './schedule';
import { succeeded } from './verdict';

/**
 * A credential marked revoked that the service still accepts. Within the kind's revocation lag
 * that is expected; past it, or at any time after the service had already refused it once, the
 * revocation did not take (or was undone), and whoever holds the credential can still use it.
 */
export function judgeRevocation(
  record: IntegrationRecord,
  prev: Revocation | null,
  result: CheckResult,
  lagMs: number,
): CheckResult {
  const revokedAt = record.revokedAt;
  if (!revokedAt || !succeeded(result.verdict)) return result;
  const refusedAt = prev?.revokedAt === revokedAt ? prev.refusedAt : null;
  const after = Date.parse(result.checkedAt) - Date.parse(revokedAt);
  if (!refusedAt && after <= lagMs) return result;
  const refused = refusedAt ? `, refused at ${refusedAt},` : ',';
  return {
    ...result,
    verdict: 'revocation-ignored',
    severity: 'critical',
    message: `revoked at ${revokedAt}${refused} still accepted at ${result.checkedAt} (${durationText(after)} later): the revocation did not take`,
  };
}
