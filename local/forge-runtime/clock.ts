/** Milliseconds since the epoch. KVS TTLs, queue delays and push rate windows read this clock. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * A clock that only moves when told to, so a test can expire a TTL or make a delayed event due
 * without waiting. Invocation time limits deliberately do NOT use it: a handler's running time is
 * real time.
 */
export class ManualClock implements Clock {
  constructor(private current = Date.UTC(2026, 0, 1)) {}

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }

  set(ms: number): void {
    this.current = ms;
  }
}
