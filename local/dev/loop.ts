export interface LoopOptions {
  name: string;
  /** Real ms from the end of one run to the start of the next. */
  everyMs: number;
  run: () => Promise<unknown>;
  /** A run still going after this long is logged (once): runs never overlap, so the next waits. */
  warnAfterMs: number;
  log: (line: string) => void;
}

export interface Loop {
  /** Runs once more now, after any run under way; resolves when that run is over. */
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A periodic job that never overlaps itself: every run, scheduled or asked for, is chained after
 * the previous one. A failed run is one log line; the loop goes on. The first run starts at once.
 */
export function startLoop(options: LoopOptions): Loop {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let tail: Promise<void> = Promise.resolve();

  const once = async () => {
    if (stopped) return;
    const slow = setTimeout(
      () => options.log(`[${options.name}] still running after ${options.warnAfterMs / 1000} s`),
      options.warnAfterMs,
    );
    try {
      await options.run();
    } catch (err) {
      options.log(`[${options.name}] failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      clearTimeout(slow);
    }
  };

  const enqueue = (): Promise<void> => {
    tail = tail.then(once);
    return tail;
  };

  const tick = () => {
    void enqueue().then(() => {
      if (!stopped) timer = setTimeout(tick, options.everyMs);
    });
  };
  tick();

  return {
    runNow: enqueue,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await tail;
    },
  };
}
