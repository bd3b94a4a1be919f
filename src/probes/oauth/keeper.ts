import { DAY_MS } from '../../domain/expiry';
import type { HttpClient } from '../../http/client';
import { parseDate } from '../interpret';
import type { ProbeOutcome } from '../probe';
import type { GrantState, GrantStore } from './grant-store';
import { fingerprint, learn, rotate } from './rotation';
import type { ClientCredentials } from './token-endpoint';

/** Refresh this long before the access token's end, so it never dies in the middle of a check. */
export const REFRESH_MARGIN_MS = 5 * 60_000;
/** Atlassian: a rotating refresh token dies 90 days after its last use… */
export const INACTIVITY_LIMIT_DAYS = 90;
/** …and the grant dies 365 days after consent, however often it is refreshed. */
export const CONSENT_LIMIT_DAYS = 365;

export interface KeptGrant extends ClientCredentials {
  /** The refresh token in the admin's secret: where the grant starts. */
  refreshToken: string;
  consentedAt?: string;
}

export interface KeeperOptions {
  http: HttpClient;
  store: GrantStore;
  tokenUrl: string;
  grant: KeptGrant;
  now: Date;
  /** Names the token endpoint in messages. */
  service: string;
  /** An access token the API just refused: never hand it out again, refresh instead. */
  refused?: string;
  /** How long the token server accepts a rotated-out refresh token again; 0 when it never does. */
  reuseIntervalMs?: number;
}

export type KeeperResult =
  | { ok: true; accessToken: string; state: GrantState; refreshed: boolean }
  | { ok: false; outcome: ProbeOutcome; state: GrantState };

/**
 * Hands out a usable access token for a grant the app owns. The app is the grant's single
 * refresher: refreshing happens only under the store's lock, after re-reading the state (a
 * waiter finds the token its predecessor just got); `rotate` makes the refresh itself safe.
 */
export async function keepAccessToken(opts: KeeperOptions): Promise<KeeperResult> {
  const current = await opts.store.load();
  const usable = current && usableToken(current, opts);
  if (current && usable) return { ok: true, accessToken: usable, state: current, refreshed: false };
  return opts.store.withLock(async () => {
    const state = await startingState(opts);
    const token = usableToken(state, opts);
    if (token) return { ok: true, accessToken: token, state, refreshed: false };
    const rotated = await rotate({ ...opts, reuseIntervalMs: opts.reuseIntervalMs ?? 0 }, state);
    return rotated.ok ? { ...rotated, refreshed: true } : rotated;
  });
}

/** The stored access token if it is ours to use and lives beyond the refresh margin. */
function usableToken(state: GrantState, opts: KeeperOptions): string | null {
  learn(opts.http, state);
  // While a refresh is in flight the server may have revoked the old access token with it.
  if (!sameSeed(state, opts.grant) || !state.accessToken || state.inFlight) return null;
  if (state.accessToken === opts.refused) return null;
  const end = parseDate(state.accessTokenExpiresAt);
  if (!end || end.getTime() - opts.now.getTime() <= REFRESH_MARGIN_MS) return null;
  return state.accessToken;
}

/** The stored state, or a fresh one from the secret when there is none or the secret changed. */
async function startingState(opts: KeeperOptions): Promise<GrantState> {
  const stored = await opts.store.load();
  if (stored && sameSeed(stored, opts.grant)) return stored;
  return {
    refreshToken: opts.grant.refreshToken,
    consentedAt: opts.grant.consentedAt,
    seed: fingerprint(opts.grant.refreshToken),
  };
}

/** A state written before seeds were recorded is trusted: reseeding from a spent token kills the grant. */
function sameSeed(state: GrantState, grant: KeptGrant): boolean {
  return state.seed === undefined || state.seed === fingerprint(grant.refreshToken);
}

export interface GrantExpiry {
  expiresAt: Date | null;
  facts: Record<string, string>;
}

/** The grant's own death dates: 365 days after consent, 90 days after the last refresh. */
export function grantExpiry(state: GrantState | null, consentedAt?: string): GrantExpiry {
  const consent = parseDate(state?.consentedAt ?? consentedAt);
  const refreshed = parseDate(state?.lastRefreshedAt);
  const limits = [
    consent && {
      at: addDays(consent, CONSENT_LIMIT_DAYS),
      fact: 'consentExpiresAt',
      why: `${CONSENT_LIMIT_DAYS} days after consent on ${day(consent)}`,
    },
    refreshed && {
      at: addDays(refreshed, INACTIVITY_LIMIT_DAYS),
      fact: 'inactivityExpiresAt',
      why: `${INACTIVITY_LIMIT_DAYS} days without a refresh (last refreshed ${day(refreshed)})`,
    },
  ].filter((limit) => !!limit);
  const facts: Record<string, string> = {};
  for (const limit of limits) facts[limit.fact] = limit.at.toISOString();
  if (!consent)
    facts.consentedAt = 'unknown: set consentedAt to be warned before the 365-day limit';
  const first = [...limits].sort((a, b) => a.at.getTime() - b.at.getTime())[0];
  if (first) facts.grantLimit = first.why;
  return { expiresAt: first?.at ?? null, facts };
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}
