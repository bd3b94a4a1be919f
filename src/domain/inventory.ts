/**
 * The organisation's token inventory: what the Admin API says about every user API token and
 * API key, never a token value. Pure: the sync, storage and resolvers build on these.
 */

export type OrgTokenKind = 'api-token' | 'api-key';
export type OrgTokenStatus = 'ALLOWED' | 'BLOCKED';

export interface OrgTokenOwner {
  id: string;
  name: string;
  email: string;
}

/** The dates a listing gives each token. */
export type TokenDate = 'createdAt' | 'expiresAt' | 'lastActiveAt';

/** One token as a full listing reports it. */
export interface ListedToken {
  id: string;
  kind: OrgTokenKind;
  label: string;
  owner: OrgTokenOwner;
  /** Null when the listing gave no readable date (see `unreadable`). */
  createdAt: string | null;
  expiresAt: string | null;
  lastActiveAt: string | null;
  status: OrgTokenStatus;
  /**
   * Dates the listing gave but no one can read: each is null above and unknown, which is neither
   * "never expires" nor "never used", so no flag or alert is built on it.
   */
  unreadable?: TokenDate[];
}

/**
 * The most tokens and keys one organisation's listing may hold, above the 50,000 the bench syncs
 * within half a step's time limit: every run and page stays bounded.
 */
export const MAX_ORG_TOKENS = 60_000;

/** The expiry thresholds already alerted for a token's expiry date (UTC day). */
export interface TokenAlertMemory {
  day: string;
  fired: number[];
}

/** One token as stored: revokedNoticedAt is set when a later full listing no longer had it. */
export interface OrgToken extends ListedToken {
  revokedNoticedAt: string | null;
  /** Kept with the token, so 5,000 tokens need no second store; null until an alert fired. */
  alerted: TokenAlertMemory | null;
}

export const TOKEN_FLAGS = [
  'expiring',
  'expired',
  'no-expiry',
  'long-lifetime',
  'unused',
  'blocked',
  'revoked',
] as const;
export type TokenFlag = (typeof TOKEN_FLAGS)[number];

/** The admin's policy; null switches a check off. */
export interface InventoryPolicy {
  /** Days before expiry at which a token counts as expiring (the largest one matters). */
  warnDays: number[];
  maxLifetimeDays: number | null;
  unusedDays: number | null;
}

const DAY_MS = 86_400_000;
/** Revoked tokens stay listed this long after we noticed, then drop out so the inventory stays bounded. */
export const REVOKED_KEPT_DAYS = 90;

const ms = (iso: string | null) => (iso === null ? NaN : Date.parse(iso));

/** Whether the listing gave this date but it could not be read: unknown, not absent. */
export const isUnreadable = (t: ListedToken, date: TokenDate) =>
  t.unreadable?.includes(date) ?? false;

/** Expiry flags; an unknown expiry date is neither expired nor "never expires". */
function expiryFlags(token: OrgToken, policy: InventoryPolicy, t: number): TokenFlag[] {
  if (isUnreadable(token, 'expiresAt')) return [];
  if (token.expiresAt === null) return ['no-expiry'];
  if (ms(token.expiresAt) <= t) return ['expired'];
  return ms(token.expiresAt) - t <= Math.max(0, ...policy.warnDays) * DAY_MS ? ['expiring'] : [];
}

/**
 * A token's flags now; a revoked token is only `revoked`: nothing else about it matters. A flag
 * that needs an unknown date is not raised: NaN compares false.
 */
export function flagsOf(token: OrgToken, policy: InventoryPolicy, now: Date): TokenFlag[] {
  if (token.revokedNoticedAt) return ['revoked'];
  const t = now.getTime();
  const flags = expiryFlags(token, policy, t);
  // A token without expiry lives forever, which is above any maximum.
  const lifetime = flags.includes('no-expiry')
    ? Infinity
    : ms(token.expiresAt) - ms(token.createdAt);
  if (policy.maxLifetimeDays !== null && lifetime > policy.maxLifetimeDays * DAY_MS) {
    flags.push('long-lifetime');
  }
  // Never used: count from its creation, so a token made today is not unused yet.
  const lastUse = isUnreadable(token, 'lastActiveAt')
    ? NaN
    : ms(token.lastActiveAt ?? token.createdAt);
  if (policy.unusedDays !== null && t - lastUse > policy.unusedDays * DAY_MS) flags.push('unused');
  if (token.status === 'BLOCKED') flags.push('blocked');
  return flags;
}

/** Token ids are unique per kind only. */
export const tokenKey = (t: { kind: OrgTokenKind; id: string }) => `${t.kind}:${t.id}`;

/**
 * The inventory after a complete listing: every listed token as listed (one that came back is no
 * longer revoked); a token the listing lacks is revoked, noticed now unless noticed before; one
 * noticed more than REVOKED_KEPT_DAYS ago is dropped. Only a complete listing may be merged: a
 * partial one would revoke every token on the pages it missed.
 */
export function mergeListing(previous: OrgToken[], listing: ListedToken[], now: Date): OrgToken[] {
  const listed = new Set(listing.map(tokenKey));
  const before = new Map(previous.map((t) => [tokenKey(t), t]));
  const cutoff = now.getTime() - REVOKED_KEPT_DAYS * DAY_MS;
  const gone = previous
    .filter((t) => !listed.has(tokenKey(t)))
    .map((t) => ({ ...t, revokedNoticedAt: t.revokedNoticedAt ?? now.toISOString() }))
    .filter((t) => ms(t.revokedNoticedAt) >= cutoff);
  const kept = listing.map((t) => ({
    ...t,
    revokedNoticedAt: null,
    alerted: before.get(tokenKey(t))?.alerted ?? null,
  }));
  return [...kept, ...gone];
}
