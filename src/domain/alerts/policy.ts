import type { IntegrationRecord, IntegrationStatus } from '../schedule';
import { conditionOf, type DecisionContext } from './context';
import { incidentStep } from './incident';
import { suppressionAt } from './suppression';
import { thresholdStep } from './thresholds';
import { INITIAL_ALERT_STATE, type Alert, type AlertPolicy, type AlertState } from './types';

export interface DecideInput {
  record: IntegrationRecord;
  /** The status after the latest check. */
  status: IntegrationStatus;
  previous: AlertState | undefined;
  policy: AlertPolicy;
  now: Date;
}

export interface Decision {
  state: AlertState;
  /** Alerts to send (and, marked `suppressed`, alerts decided but held back). */
  alerts: Alert[];
}

/**
 * Decides what to tell people about one integration now, from its latest check and what was
 * already told. Idempotent: deciding again on the returned state adds nothing until time passes
 * or a new check arrives. Paused or never-checked integrations have nothing new to say.
 */
export function decide(input: DecideInput): Decision {
  const { record, status, policy, now } = input;
  const previous = input.previous ?? INITIAL_ALERT_STATE;
  const last = status.last;
  if (record.paused || !last) return { state: previous, alerts: [] };
  const ctx: DecisionContext = {
    integrationId: record.id,
    last,
    lastSuccessAt: status.lastSuccessAt,
    condition: conditionOf(status, last),
    policy,
    warnDays: record.config.warnDays ?? policy.warnDays,
    now,
    suppressed: suppressionAt(record, policy.maintenance, now),
  };
  const incident = incidentStep(previous.incident, ctx);
  // While an incident is open it says more than any expiry warning could.
  const expiry = incident.incident
    ? { expiry: previous.expiry, alerts: [] }
    : thresholdStep(previous.expiry, ctx, previous.incident !== null);
  return {
    state: { expiry: expiry.expiry, incident: incident.incident },
    alerts: [...incident.alerts, ...expiry.alerts],
  };
}
