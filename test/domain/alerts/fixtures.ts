import { decide } from '../../../src/domain/alerts/policy';
import {
  DEFAULT_ALERT_POLICY,
  type Alert,
  type AlertPolicy,
  type AlertState,
} from '../../../src/domain/alerts/types';
import type { CheckResult } from '../../../src/domain/result';
import {
  applyResult,
  initialStatus,
  type IntegrationRecord,
  type IntegrationStatus,
} from '../../../src/domain/schedule';
import { severityOf } from '../../../src/domain/severity';
import type { Verdict } from '../../../src/domain/verdict';

export const T0 = Date.parse('2026-11-23T12:00:00Z');
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const at = (hours: number) => new Date(T0 + hours * HOUR);

export const record = (extra: Partial<IntegrationRecord> = {}): IntegrationRecord => ({
  id: 'int-1',
  config: { kind: 'github-token', name: 'CI bot' },
  interval: '1h',
  ownerAccountId: null,
  paused: false,
  snoozedUntil: null,
  revokedAt: null,
  secretFingerprint: '…abcd',
  createdAt: at(-1000).toISOString(),
  editedAt: at(-1000).toISOString(),
  ...extra,
});

export function result(
  verdict: Verdict,
  when: Date,
  extra: Partial<CheckResult> = {},
): CheckResult {
  const expiresAt = extra.expiresAt ?? null;
  return {
    verdict,
    severity: severityOf(verdict, expiresAt ? new Date(expiresAt) : null, when),
    message: `the check said ${verdict}`,
    identity: null,
    expiresAt,
    expirySource: expiresAt ? 'service' : null,
    daysLeft: expiresAt ? Math.floor((Date.parse(expiresAt) - when.getTime()) / DAY) : null,
    retryAfterSeconds: null,
    checkedAt: when.toISOString(),
    durationMs: 5,
    evidence: [],
    facts: {},
    ...extra,
  };
}

/** One integration through repeated sweeps: each check folds into the status, then the policy decides. */
export class Sweep {
  status: IntegrationStatus;
  state: AlertState | undefined;
  /** Every alert decided so far, suppressed ones included. */
  log: Alert[] = [];

  constructor(
    public rec: IntegrationRecord = record(),
    public policy: AlertPolicy = DEFAULT_ALERT_POLICY,
  ) {
    this.status = initialStatus(rec.id, at(-1000));
  }

  check(verdict: Verdict, when: Date, extra: Partial<CheckResult> = {}): Alert[] {
    const checked = result(verdict, when, extra);
    this.status = applyResult(this.rec, this.status, checked, checked.checkedAt);
    return this.decide(when);
  }

  /** A decision without a new check: only time has passed. */
  decide(now: Date): Alert[] {
    const decision = decide({
      record: this.rec,
      status: this.status,
      previous: this.state,
      policy: this.policy,
      now,
    });
    this.state = decision.state;
    this.log.push(...decision.alerts);
    return decision.alerts;
  }

  /** Alerts that would actually go out. */
  sent(): Alert[] {
    return this.log.filter((a) => !a.suppressed);
  }
}

export const kinds = (alerts: Alert[]) => alerts.map((a) => a.kind);
