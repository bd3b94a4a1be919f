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

/** A calendar day `days` from the (possibly faked) clock: fixtures that never turn stale. */
export function dayFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
