import type { Settings } from '../settings';
import { DEFAULT_REMINDER_HOURS, type AlertPolicy, type MaintenanceWindow } from './types';

/** What the admin sets for alerting; the warning thresholds come from the general settings. */
export interface AlertSettings {
  reminderHours: number;
  /** Escalate to the escalation channels after this many hours; null: never. */
  escalateAfterHours: number | null;
  maintenance: MaintenanceWindow[];
  /** The UTC hour digest channels get the previous day's digest. */
  digestHourUtc: number;
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  reminderHours: DEFAULT_REMINDER_HOURS,
  escalateAfterHours: null,
  maintenance: [],
  digestHourUtc: 8,
};

/** The policy the sweep decides with: nothing escalates while no channel would hear it. */
export function policyOf(
  settings: Settings,
  alerts: AlertSettings,
  hasEscalationChannel: boolean,
): AlertPolicy {
  return {
    warnDays: settings.warnDays,
    reminderHours: alerts.reminderHours,
    escalateAfterHours: hasEscalationChannel ? alerts.escalateAfterHours : null,
    maintenance: alerts.maintenance,
  };
}
