/**
 * Whether the app's own schedules have stopped: the page's banner. A check missed now and then is
 * normal (a trigger delayed by the platform); two intervals without a completed sweep is not.
 */
export interface StoppedChecks {
  /** The last completed sweep, when sweeps are overdue; null when they are not. */
  sweepsSince: string | null;
  /** The last inventory sync, when syncs are overdue; null when they are not or none is set up. */
  inventorySince: string | null;
}

export const MISSED_INTERVALS = 2;
export const INVENTORY_STALE_MS = 2 * 86_400_000;

export interface ScheduleFacts {
  now: Date;
  /** When the last sweep finished planning, or null before the first one. */
  lastSweepAt: string | null;
  sweepEveryMs: number;
  /** Whether an inventory source is configured, and when its last sync ran. */
  inventoryConfigured: boolean;
  lastSyncAt: string | null;
}

const olderThan = (at: string, ms: number, now: Date) => now.getTime() - Date.parse(at) > ms;

/**
 * Null when all is well. Before the first sweep there is nothing to say "since" about: the
 * trigger runs within five minutes of installing, and the banner would only alarm a new admin.
 */
export function stoppedChecks(f: ScheduleFacts): StoppedChecks | null {
  const sweepLate =
    f.lastSweepAt !== null && olderThan(f.lastSweepAt, MISSED_INTERVALS * f.sweepEveryMs, f.now);
  const syncAt = f.lastSyncAt;
  const syncLate =
    f.inventoryConfigured && syncAt !== null && olderThan(syncAt, INVENTORY_STALE_MS, f.now);
  if (!sweepLate && !syncLate) return null;
  return {
    sweepsSince: sweepLate ? f.lastSweepAt : null,
    inventorySince: syncLate ? syncAt : null,
  };
}
