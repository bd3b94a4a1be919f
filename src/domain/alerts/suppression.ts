import type { IntegrationRecord } from '../schedule';
import { UTC, wallClockOf } from '../zoned-time';
import type { MaintenanceWindow, SuppressReason, WeeklyWindow } from './types';

const DAY_MINUTES = 24 * 60;
const WEEK_MINUTES = 7 * DAY_MINUTES;

function minutesOf(hhmm: string): number {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** Minutes since Sunday 00:00 on the zone's wall clock. */
function minuteOfWeek(now: Date, timeZone: string): number {
  const wall = wallClockOf(now, timeZone);
  return wall.weekday * DAY_MINUTES + wall.minutes;
}

function inWeekly(window: WeeklyWindow, now: Date): boolean {
  const from = minutesOf(window.from);
  const to = minutesOf(window.to);
  const length = to > from ? to - from : to - from + DAY_MINUTES;
  const current = minuteOfWeek(now, window.timeZone ?? UTC);
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
