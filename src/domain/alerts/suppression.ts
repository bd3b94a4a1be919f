import type { IntegrationRecord } from '../schedule';
import type { MaintenanceWindow, SuppressReason, WeeklyWindow } from './types';

const DAY_MINUTES = 24 * 60;
const WEEK_MINUTES = 7 * DAY_MINUTES;

function minutesOf(hhmm: string): number {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** Minutes since Sunday 00:00 UTC. */
function minuteOfWeek(now: Date): number {
  return now.getUTCDay() * DAY_MINUTES + now.getUTCHours() * 60 + now.getUTCMinutes();
}

function inWeekly(window: WeeklyWindow, now: Date): boolean {
  const from = minutesOf(window.from);
  const to = minutesOf(window.to);
  const length = to > from ? to - from : to - from + DAY_MINUTES;
  const current = minuteOfWeek(now);
  return window.days.some((day) => {
    // Modulo a week, so Saturday 22:00–02:00 still covers Sunday 01:00.
    const sinceStart = (current - (day * DAY_MINUTES + from) + WEEK_MINUTES) % WEEK_MINUTES;
    return sinceStart < length;
  });
}

export function inMaintenance(windows: readonly MaintenanceWindow[], now: Date): boolean {
  const t = now.getTime();
  return windows.some((w) =>
    w.kind === 'once' ? Date.parse(w.start) <= t && t < Date.parse(w.end) : inWeekly(w, now),
  );
}

/** Why sends are held back right now, if they are: the admin's snooze names it first. */
export function suppressionAt(
  record: IntegrationRecord,
  windows: readonly MaintenanceWindow[],
  now: Date,
): SuppressReason | undefined {
  if (record.snoozedUntil && Date.parse(record.snoozedUntil) > now.getTime()) return 'snoozed';
  if (inMaintenance(windows, now)) return 'maintenance';
  return undefined;
}
