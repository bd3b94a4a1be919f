/**
 * Dates as a Rovo agent passes them on from chat: an ISO day or a few plain phrases, read on the
 * wall clock of the app's time zone at `now`. Anything else is refused with the forms it knows:
 * guessing a date would answer a question nobody asked. docs/ROVO.md lists the same forms.
 */
import { wallClockOf } from '../domain/zoned-time';

const DAY_MS = 86_400_000;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twelve: 12,
};
/** Further out than any credential's expiry worth asking about; keeps every date computable. */
const MAX_DAYS_AWAY = 3660;

export const DATE_FORMS =
  'a date like 2026-12-31, or today, tomorrow, Friday, next Friday, end of week, end of month, end of next month, end of year, in 10 days, in 2 weeks, in 3 months';

type Day = string;

function addDays(day: Day, days: number): Day {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function lastDayOfMonth(year: number, month0: number): Day {
  return new Date(Date.UTC(year, month0 + 1, 0)).toISOString().slice(0, 10);
}

/** Calendar months ahead; the 31st lands on the month's last day when it has no 31st. */
function addMonths(day: Day, months: number): Day {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const last = lastDayOfMonth(y, m - 1 + months);
  return Number(last.slice(8)) < d ? last : `${last.slice(0, 8)}${String(d).padStart(2, '0')}`;
}

function isoDay(text: string): Day | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(text) ? text : null;
}

function relative(text: string, today: Day): Day | null {
  const m = /^in (\d{1,4}|[a-z]+) (day|week|month|year)s?$/.exec(text);
  if (!m) return null;
  const [, count = '', unit] = m;
  const n = /^\d+$/.test(count) ? Number(count) : NUMBER_WORDS[count];
  if (n === undefined) return null;
  if (unit === 'day') return addDays(today, n);
  if (unit === 'week') return addDays(today, 7 * n);
  return addMonths(today, unit === 'month' ? n : 12 * n);
}

/** "friday" / "this friday": the coming one, today included; "next friday": the first after today. */
function weekday(text: string, today: Day, todayWeekday: number): Day | null {
  const m = /^(?:(this|next|on) )?([a-z]+)$/.exec(text);
  const target = m ? WEEKDAYS.indexOf(m[2] ?? '') : -1;
  if (!m || target < 0) return null;
  const ahead = (target - todayWeekday + 7) % 7;
  return addDays(today, m[1] === 'next' && ahead === 0 ? 7 : ahead);
}

/** Weeks end on Sunday (ISO 8601). */
function endOf(text: string, today: Day, todayWeekday: number): Day | null {
  const m = /^end of (?:the )?(this |next )?(week|month|year)$/.exec(text);
  if (!m) return null;
  const next = m[1] === 'next ' ? 1 : 0;
  const [y, mo] = today.split('-').map(Number) as [number, number];
  if (m[2] === 'week') return addDays(today, ((7 - todayWeekday) % 7) + 7 * next);
  if (m[2] === 'month') return lastDayOfMonth(y, mo - 1 + next);
  return `${y + next}-12-31`;
}

function named(text: string, today: Day): Day | null {
  const offsets: Record<string, number> = { today: 0, now: 0, tomorrow: 1, yesterday: -1 };
  const offset = offsets[text];
  return offset === undefined ? null : addDays(today, offset);
}

/**
 * The calendar day `input` means, on the app's wall clock at `now`; null when it is none of the
 * forms above (the caller names them, see DATE_FORMS) or lies more than ten years away.
 */
export function readDay(input: string, now: Date, timeZone: string): Day | null {
  const text = input.trim().toLowerCase().replace(/\s+/g, ' ').replace(/[.!]$/, '');
  const wall = wallClockOf(now, timeZone);
  const day =
    isoDay(text) ??
    named(text, wall.day) ??
    relative(text, wall.day) ??
    endOf(text, wall.day, wall.weekday) ??
    weekday(text, wall.day, wall.weekday);
  if (day === null) return null;
  const away = Math.abs(Date.parse(day) - Date.parse(wall.day)) / DAY_MS;
  return away <= MAX_DAYS_AWAY ? day : null;
}
