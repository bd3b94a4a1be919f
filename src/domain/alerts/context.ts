import type { IntegrationStatus, LastCheck } from '../schedule';
import { isTransient, type Verdict } from '../verdict';
import type { Alert, AlertPolicy, SuppressReason } from './types';

/** What the latest check means for alerting. */
export type Condition = 'working' | 'failing' | 'unconfirmed';

/** The facts every step of one decision shares. */
export interface DecisionContext {
  integrationId: string;
  last: LastCheck;
  /** When a check last found it working (the stored status's): names the incident after it. */
  lastSuccessAt: string | null;
  condition: Condition;
  policy: AlertPolicy;
  warnDays: readonly number[];
  now: Date;
  suppressed: SuppressReason | undefined;
}

const WORKING: ReadonlySet<Verdict> = new Set<Verdict>([
  'healthy',
  'expiring',
  'wrong-expiry-date',
]);

/**
 * Credential verdicts fail at once; a transient one only when the status has confirmed it
 * (critical on its second consecutive result), because one timeout says nothing of the token.
 */
export function conditionOf(status: IntegrationStatus, last: LastCheck): Condition {
  if (WORKING.has(last.verdict)) return 'working';
  if (!isTransient(last.verdict)) return 'failing';
  return status.severity === 'critical' ? 'failing' : 'unconfirmed';
}

type AlertFields = Omit<Alert, 'integrationId' | 'at' | 'verdict' | 'suppressed'>;

/** An alert of this decision, marked not to send while sends are suppressed. */
export function alertOf(ctx: DecisionContext, fields: AlertFields): Alert {
  const alert: Alert = {
    ...fields,
    integrationId: ctx.integrationId,
    at: ctx.now.toISOString(),
    verdict: ctx.last.verdict,
  };
  return ctx.suppressed ? { ...alert, suppressed: ctx.suppressed } : alert;
}

export function hoursSince(iso: string, now: Date): number {
  return (now.getTime() - Date.parse(iso)) / 3_600_000;
}
