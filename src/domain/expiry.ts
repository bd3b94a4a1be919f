export const DEFAULT_WARN_DAYS: readonly number[] = [30, 14, 7, 1];
export const DAY_MS = 86_400_000;

export type ExpiryState = 'none' | 'ok' | 'expiring' | 'critical' | 'expired';

export interface ExpiryStatus {
  state: ExpiryState;
  /** Whole days left, rounded down; null when no expiry is known. Negative once past. */
  daysLeft: number | null;
  /** The smallest warning threshold already crossed, if any. */
  threshold: number | null;
}

/**
 * Expiry policy: inside the widest threshold is `expiring` (a warning); one day or less left is
 * critical; past the date is `expired`.
 */
export function expiryStatus(
  expiresAt: Date | null,
  now: Date,
  warnDays: readonly number[] = DEFAULT_WARN_DAYS,
): ExpiryStatus {
  if (!expiresAt) return { state: 'none', daysLeft: null, threshold: null };
  const msLeft = expiresAt.getTime() - now.getTime();
  const daysLeft = Math.floor(msLeft / DAY_MS);
  const crossed = warnDays.filter((d) => msLeft <= d * DAY_MS);
  const threshold = crossed.length > 0 ? Math.min(...crossed) : null;
  if (msLeft <= 0) return { state: 'expired', daysLeft, threshold };
  if (msLeft <= DAY_MS) return { state: 'critical', daysLeft, threshold };
  if (threshold !== null) return { state: 'expiring', daysLeft, threshold };
  return { state: 'ok', daysLeft, threshold: null };
}

/** The earliest of several optional expiry dates (a grant can die for more than one reason). */
export function earliest(...dates: (Date | null | undefined)[]): Date | null {
  const known = dates.filter((d): d is Date => d instanceof Date && !Number.isNaN(d.getTime()));
  if (known.length === 0) return null;
  return new Date(Math.min(...known.map((d) => d.getTime())));
}
