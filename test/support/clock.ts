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
