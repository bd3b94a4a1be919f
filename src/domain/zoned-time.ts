/**
 * Wall clocks in IANA time zones, through Intl only (no tz library): what a zone's clock shows at
 * a moment, and the moment a zone's clock shows a given day and time. Daylight saving is the
 * zone's business: a 09:00 window stays 09:00 on the wall across the change.
 */
const DAY_MS = 86_400_000;

export const UTC = 'UTC';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True for a zone name this runtime knows ("Europe/Berlin", "UTC"). */
export function isTimeZone(name: string): boolean {
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

export interface WallClock {
  /** "2027-03-01" */
  day: string;
  /** 0 = Sunday */
  weekday: number;
  /** Minutes since the wall clock's midnight. */
  minutes: number;
}

/** The zone's wall time at `at`, as milliseconds of a UTC clock showing the same figures. */
function wallMs(at: Date, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(at);
  const n = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
}

export function wallClockOf(at: Date, timeZone: string): WallClock {
  const wall = new Date(wallMs(at, timeZone));
  return {
    day: wall.toISOString().slice(0, 10),
    weekday: wall.getUTCDay(),
    minutes: wall.getUTCHours() * 60 + wall.getUTCMinutes(),
  };
}

/**
 * The moment the zone's clock shows `day` at `time` ("HH:MM"). A time the clock skips (spring
 * forward) lands just after the gap; a time it shows twice (fall back) is its first showing.
 */
export function zonedInstant(day: string, time: string, timeZone: string): Date {
  const [h = 0, m = 0] = time.split(':').map(Number);
  const wall = Date.parse(`${day}T00:00:00Z`) + (h * 60 + m) * 60_000;
  const offsetAt = (t: number) => wallMs(new Date(t), timeZone) - t;
  // The offset is taken a day early first, so a doubled hour resolves to its first showing.
  const early = wall - offsetAt(wall - DAY_MS);
  const guess = wall - offsetAt(early) === early ? early : wall - offsetAt(wall - offsetAt(early));
  return new Date(guess);
}

/** The day after `day`, by the calendar: no zone, so no daylight-saving hour in between. */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/** The last moment of `day` in the zone: "until 2026-12-20" holds through that whole day. */
export function endOfDay(day: string, timeZone: string): Date {
  return new Date(zonedInstant(nextDay(day), '00:00', timeZone).getTime() - 1);
}
