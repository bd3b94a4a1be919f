import { runPool } from '../../src/scheduler/pool';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('runPool()', () => {
  it('never runs more than the overall and per-key limits at once', async () => {
    const items = Array.from({ length: 30 }, (_, i) => ({ i, host: i % 3 === 0 ? 'a' : `h${i}` }));
    let running = 0;
    let peak = 0;
    const perHost = new Map<string, number>();
    let peakA = 0;
    await runPool(items, {
      concurrency: 5,
      perKeyLimit: 2,
      keyOf: (item) => item.host,
      mayStart: () => true,
      run: async (item) => {
        running += 1;
        perHost.set(item.host, (perHost.get(item.host) ?? 0) + 1);
        peak = Math.max(peak, running);
        peakA = Math.max(peakA, perHost.get('a') ?? 0);
        await new Promise((r) => setTimeout(r, 2));
        perHost.set(item.host, (perHost.get(item.host) ?? 1) - 1);
        running -= 1;
      },
    });
    expect(peak).toBe(5);
    expect(peakA).toBe(2);
  });

  it('returns the items it did not start once mayStart says no', async () => {
    let started = 0;
    const left = await runPool([1, 2, 3, 4, 5], {
      concurrency: 1,
      perKeyLimit: 1,
      keyOf: () => 'k',
      mayStart: () => started < 2,
      run: async () => {
        started += 1;
      },
    });
    expect(left).toEqual([3, 4, 5]);
  });

  it('waits for running items before returning', async () => {
    const gate = deferred();
    let finished = false;
    const pool = runPool([1], {
      concurrency: 2,
      perKeyLimit: 2,
      keyOf: () => 'k',
      mayStart: () => true,
      run: async () => {
        await gate.promise;
        finished = true;
      },
    });
    gate.resolve();
    await pool;
    expect(finished).toBe(true);
  });

  it('starts an item that does not fit once running items free room, and returns it when none run', async () => {
    let spent = 0;
    const started: number[] = [];
    // Items are their cost; 10 fit at once, and an item gives its cost back when it ends.
    const left = await runPool([6, 4, 6, 12], {
      concurrency: 4,
      perKeyLimit: 4,
      keyOf: () => 'k',
      mayStart: () => true,
      fits: (cost) => spent + cost <= 10,
      run: async (cost) => {
        started.push(cost);
        spent += cost;
        await new Promise((r) => setTimeout(r, 2));
        spent -= cost;
      },
    });
    expect(started).toEqual([6, 4, 6]);
    expect(left).toEqual([12]);
  });
});
