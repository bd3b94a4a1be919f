/**
 * Fakes only Date, starting at `now`: the app's clock and the local runtime's TTL clock move
 * together under jest.setSystemTime, while sockets, timeouts and timers run for real.
 */
export function fakeDateOnly(now: number): void {
  jest.useFakeTimers({
    doNotFake: [
      'nextTick',
      'setImmediate',
      'clearImmediate',
      'setTimeout',
      'clearTimeout',
      'setInterval',
      'clearInterval',
      'queueMicrotask',
      'hrtime',
      'performance',
    ],
    now,
  });
}

/**
 * The UTC calendar day `days` from the clock, and how many calendar days from today that is: what
 * the page, in UTC, writes as "2026-12-08 · in 6 days".
 */
export function calendarDayFromToday(days: number): { day: string; away: number } {
  const day = dayFromToday(days);
  const away = Math.round((Date.parse(day) - Date.parse(dayFromToday(0))) / 86_400_000);
  return { day, away };
}

/** A calendar day `days` from the (possibly faked) clock: fixtures that never turn stale. */
export function dayFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
