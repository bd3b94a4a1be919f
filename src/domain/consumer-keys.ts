/** One day, in milliseconds (kept here: the page imports this file, and nothing else of the backend). */
const DAY_MS = 86_400_000;

/**
 * A consumer key lets one script or service draw access tokens for one integration from the
 * vending web trigger. The key itself is shown once and stored only as a keyed hash.
 */
export interface ConsumerKey {
  /** Public id, for the page and the audit log: never enough to draw with. */
  id: string;
  integrationId: string;
  name: string;
  note: string;
  createdAt: string;
  createdBy: string;
  expiresAt: string;
  revokedAt?: string;
  /** Draws allowed per hour before 429. */
  ratePerHour: number;
  lastDrawAt?: string;
  draws: number;
  /** The key this one replaced by rotation, if any. */
  rotatedFrom?: string;
}

/** What the page sees of a key: everything but its hash. */
export type ConsumerKeyView = ConsumerKey & { state: 'active' | 'expired' | 'revoked' };

export const CONSUMER_KEY_LIMITS = {
  /** "an expiry of at most a year" (issue #26). */
  maxLifetimeDays: 365,
  defaultRatePerHour: 60,
  // One page of claims (KVS lists 100 at a time) tells how many are taken.
  maxRatePerHour: 100,
  maxKeysPerIntegration: 20,
  /** How long a rotated key keeps working at most, so the consumer can switch over. */
  maxOverlapDays: 30,
  /** A key this close to its end is a warning on the page and in alerts. */
  warnDays: 14,
} as const;

export function keyState(key: ConsumerKey, now: Date): ConsumerKeyView['state'] {
  if (key.revokedAt) return 'revoked';
  return Date.parse(key.expiresAt) <= now.getTime() ? 'expired' : 'active';
}

/** An active key within warnDays of its end: the app watches its own credentials too. */
export function expiringSoon(key: ConsumerKey, now: Date): boolean {
  const left = Date.parse(key.expiresAt) - now.getTime();
  return keyState(key, now) === 'active' && left <= CONSUMER_KEY_LIMITS.warnDays * DAY_MS;
}

const MAX_OVERLAP_HOURS = CONSUMER_KEY_LIMITS.maxOverlapDays * 24;

/** What the page and the resolver say about a rotation's overlap, in the same words. */
export const OVERLAP_PROBLEMS = {
  notWhole: `Overlap: enter a whole number of hours, from 0 to ${MAX_OVERLAP_HOURS}`,
  tooLong: `Overlap: the old key keeps working at most ${CONSUMER_KEY_LIMITS.maxOverlapDays} days (${MAX_OVERLAP_HOURS} hours)`,
} as const;

/** How long the old key keeps working after a rotation, as the admin typed it. */
export function parseOverlapHours(
  text: string,
): { ok: true; hours: number } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (!/^\d{1,6}$/.test(trimmed)) return { ok: false, message: OVERLAP_PROBLEMS.notWhole };
  const hours = Number(trimmed);
  if (hours > MAX_OVERLAP_HOURS) return { ok: false, message: OVERLAP_PROBLEMS.tooLong };
  return { ok: true, hours };
}

/** The same rule for a number from the page (or anyone calling the resolver). */
export function overlapProblem(hours: number): string | null {
  if (!Number.isInteger(hours) || hours < 0) return OVERLAP_PROBLEMS.notWhole;
  return hours > MAX_OVERLAP_HOURS ? OVERLAP_PROBLEMS.tooLong : null;
}
