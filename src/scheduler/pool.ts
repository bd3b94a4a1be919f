export interface PoolOptions<T> {
  concurrency: number;
  perKeyLimit: number;
  keyOf: (item: T) => string;
  /** Asked before each start; false leaves the item (and all after it) unstarted. */
  mayStart: () => boolean;
  /**
   * Whether an item fits now (the request budget): one that does not waits for running items to
   * end, and is returned unstarted when nothing runs any more.
   */
  fits?: (item: T) => boolean;
  run: (item: T) => Promise<void>;
}

/**
 * Runs items with a cap overall and per key (a host), so one slow service cannot take every slot
 * and no service sees a burst from us. Returns the items it did not start.
 */
export async function runPool<T>(items: readonly T[], options: PoolOptions<T>): Promise<T[]> {
  const waiting = [...items];
  const active = new Map<string, number>();
  let running = 0;
  let stopped = false;

  return new Promise<T[]>((resolve) => {
    const pump = (): void => {
      while (!stopped && running < options.concurrency) {
        const index = waiting.findIndex(
          (item) =>
            (active.get(options.keyOf(item)) ?? 0) < options.perKeyLimit &&
            (options.fits?.(item) ?? true),
        );
        if (index < 0) break;
        if (!options.mayStart()) {
          stopped = true;
          break;
        }
        const [item] = waiting.splice(index, 1) as [T];
        const key = options.keyOf(item);
        active.set(key, (active.get(key) ?? 0) + 1);
        running += 1;
        options
          .run(item)
          .catch(() => undefined)
          .finally(() => {
            running -= 1;
            active.set(key, (active.get(key) ?? 1) - 1);
            pump();
          });
      }
      if (running === 0) resolve(waiting);
    };
    pump();
  });
}
