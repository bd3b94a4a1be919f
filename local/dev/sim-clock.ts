/**
 * A compressed clock: replaces only the global `Date`, so the app (which reads the time from
 * `new Date()`, src/platform/forge.ts) and the local runtime's TTLs live `speed`× faster, while
 * timers, sockets and `performance.now()` (the probes' time-outs) stay real.
 *
 * Unlike fake timers that jump on a tick, this clock moves continuously, so no two reads in a row
 * are equal and nothing has to drive it.
 */
export interface SimClock {
  now(): number;
  readonly speed: number;
  /** Moves simulated time to `ms`; it runs on from there at the same speed. */
  jumpTo(ms: number): void;
  /** Puts the real `Date` back. */
  uninstall(): void;
}

export function installSimClock(speed: number, startMs: number): SimClock {
  const RealDate = Date;
  let simStart = startMs;
  let realStart = RealDate.now();
  const now = () => Math.floor(simStart + (RealDate.now() - realStart) * speed);
  // A function, not a class: `Date()` without `new` must still answer a string.
  function SimDate(this: unknown, ...args: unknown[]): unknown {
    if (!new.target) return new RealDate(now()).toString();
    return Reflect.construct(RealDate, args.length > 0 ? args : [now()], new.target);
  }
  // Same prototype, so `instanceof Date` and every method keep working; statics come from Date.
  SimDate.prototype = RealDate.prototype;
  Object.setPrototypeOf(SimDate, RealDate);
  Object.defineProperty(SimDate, 'now', { value: now, writable: true, configurable: true });
  globalThis.Date = SimDate as unknown as DateConstructor;
  return {
    now,
    speed,
    jumpTo(ms) {
      simStart = ms;
      realStart = RealDate.now();
    },
    uninstall() {
      if (globalThis.Date === (SimDate as unknown)) globalThis.Date = RealDate;
    },
  };
}
