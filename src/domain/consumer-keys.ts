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
