import type { Settings } from '../settings';
import { UTC } from '../zoned-time';
import { DEFAULT_REMINDER_HOURS, type AlertPolicy, type MaintenanceWindow } from './types';

/** What the admin sets for alerting; the warning thresholds come from the general settings. */
export interface AlertSettings {
  reminderHours: number;
  /** Escalate to the escalation channels after this many hours; null: never. */
  escalateAfterHours: number | null;
  maintenance: MaintenanceWindow[];
  /** The hour, on the wall clock of `digestTimeZone`, digest channels get a day's digest. */
  digestHour: number;
  /** The IANA zone of the digest hour, kept with it so it holds across daylight saving. */
  digestTimeZone: string;
}

/** Settings saved before zones were kept had a UTC hour under another name. */
export interface LegacyAlertSettings extends Partial<AlertSettings> {
  digestHourUtc?: number;
}

/** Stored settings as they read today: a legacy UTC hour keeps its meaning, now named UTC. */
export function migrateAlertSettings(stored: LegacyAlertSettings | undefined): AlertSettings {
  const { digestHourUtc, ...rest } = stored ?? {};
  const legacy =
    digestHourUtc !== undefined && rest.digestHour === undefined
      ? { digestHour: digestHourUtc, digestTimeZone: UTC }
      : {};
  return { ...DEFAULT_ALERT_SETTINGS, ...rest, ...legacy };
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  reminderHours: DEFAULT_REMINDER_HOURS,
  escalateAfterHours: null,
  maintenance: [],
  digestHour: 8,
  digestTimeZone: UTC,
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
