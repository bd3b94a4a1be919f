import { createHash } from 'node:crypto';
import { TransportError, type HttpClient, type ProbeResponse } from '../../http/client';
import type { ProbeOutcome } from '../probe';
import { GrantGoneError, type GrantState, type GrantStore } from './grant-store';
import {
  buildRefreshRequest,
  interpretTokenResponse,
  type ClientCredentials,
  type IssuedTokens,
} from './token-endpoint';

/** Clocks differ and requests take time: a re-presentation stays this far inside the interval. */
const REUSE_MARGIN_MS = 60_000;
/** While a lost refresh may still be retried, check again this soon (the sweep runs every 5 min). */
export const LOST_ANSWER_RECHECK_SECONDS = 60;
/** A gateway's timeout: the token server behind it may have rotated the token all the same. */
const GATEWAY_STATUSES = new Set([502, 504]);
/** One more attempt inside the same check when an answer is lost and the interval allows it. */
const ATTEMPTS = 2;

export interface RotationOptions {
  http: HttpClient;
  store: GrantStore;
  tokenUrl: string;
  grant: ClientCredentials;
  now: Date;
  service: string;
  /** How long the server accepts a rotated-out refresh token again (Atlassian: 10 min); 0 = never. */
  reuseIntervalMs: number;
}

export type RotationResult =
  | { ok: true; accessToken: string; state: GrantState }
  | { ok: false; outcome: ProbeOutcome; state: GrantState };

type Exchange =
  | { kind: 'answer'; res: ProbeResponse }
  | { kind: 'lost'; detail: string }
  | { kind: 'unsent'; error: TransportError };

/**
 * One refresh, safe against every way its answer can go missing. The attempt is recorded before
 * the request leaves; a lost answer is retried with the same token only inside the server's reuse
 * interval; the rotated token is saved before the new access token is used; a token that may be
 * spent is never presented after the interval (that would revoke the whole grant).
 */
export async function rotate(opts: RotationOptions, state: GrantState): Promise<RotationResult> {
  if (state.inFlight && !mayPresentAgain(opts, state, opts.now))
    return { ok: false, outcome: atRisk(opts, state), state };
  const marked = markInFlight(state, opts.now);
  try {
    await opts.store.save(marked);
  } catch (err) {
    return { ok: false, outcome: gone(err) ?? notRecorded(opts.service), state };
  }
  const exchange = await send(opts, marked);
  if (exchange.kind === 'lost') return { ok: false, outcome: lost(opts, marked, exchange), state };
  const settled = withoutInFlight(marked);
  if (exchange.kind === 'unsent') {
    await saveQuietly(opts.store, settled);
    throw exchange.error;
  }
  const read = interpretTokenResponse(exchange.res, opts.service, opts.now);
  if (!read.ok) {
    await saveQuietly(opts.store, settled);
    return { ok: false, outcome: read.outcome, state: settled };
  }
  return keep(opts, afterRefresh(settled, read.tokens, opts.now), read.tokens.accessToken);
}

async function keep(
  opts: RotationOptions,
  next: GrantState,
  accessToken: string,
): Promise<RotationResult> {
  learn(opts.http, next);
  try {
    await opts.store.save(next);
  } catch (err) {
    return { ok: false, outcome: gone(err) ?? unsaved(opts), state: next };
  }
  return { ok: true, accessToken, state: next };
}

async function send(opts: RotationOptions, state: GrantState): Promise<Exchange> {
  const request = buildRefreshRequest(opts.tokenUrl, opts.grant, state.refreshToken);
  let detail = 'no answer';
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (attempt > 0 && !mayPresentAgain(opts, state, opts.now)) break;
    try {
      const res = await opts.http.send(request);
      if (!GATEWAY_STATUSES.has(res.status)) return { kind: 'answer', res };
      detail = `a gateway answered ${res.status}`;
    } catch (err) {
      if (!(err instanceof TransportError)) throw err;
      if (!err.mayHaveArrived && attempt === 0) return { kind: 'unsent', error: err };
      if (err.mayHaveArrived) detail = err.message;
    }
  }
  return { kind: 'lost', detail };
}

/** Whether the in-flight token may still be re-presented at `at`: inside the reuse interval. */
function mayPresentAgain(opts: RotationOptions, state: GrantState, at: Date): boolean {
  if (!state.inFlight || state.inFlight.token !== fingerprint(state.refreshToken)) return true;
  const since = Date.parse(state.inFlight.since);
  return opts.reuseIntervalMs > 0 && at.getTime() - since < opts.reuseIntervalMs - REUSE_MARGIN_MS;
}

/** A retry keeps the first attempt's time: the reuse interval runs from the server's rotation. */
function markInFlight(state: GrantState, now: Date): GrantState {
  const token = fingerprint(state.refreshToken);
  if (state.inFlight?.token === token) return state;
  return { ...state, inFlight: { since: now.toISOString(), token } };
}

function withoutInFlight(state: GrantState): GrantState {
  const rest = { ...state };
  delete rest.inFlight;
  return rest;
}

/** Clearing the mark is best effort: a mark left behind only makes the next refresh careful. */
async function saveQuietly(store: GrantStore, state: GrantState): Promise<void> {
  await store.save(state).catch(() => undefined);
}

function afterRefresh(state: GrantState, tokens: IssuedTokens, now: Date): GrantState {
  return {
    ...state,
    refreshToken: tokens.refreshToken ?? state.refreshToken,
    accessToken: tokens.accessToken,
    accessTokenExpiresAt: tokens.expiresAt?.toISOString(),
    lastRefreshedAt: now.toISOString(),
  };
}

function lost(
  opts: RotationOptions,
  marked: GrantState,
  exchange: { detail: string },
): ProbeOutcome {
  const later = new Date(opts.now.getTime() + LOST_ANSWER_RECHECK_SECONDS * 1000);
  if (!mayPresentAgain(opts, marked, later)) return atRisk(opts, marked, exchange.detail);
  const minutes = Math.round(opts.reuseIntervalMs / 60_000);
  return {
    verdict: 'unreachable',
    message: `${opts.service} did not answer the refresh (${exchange.detail}); it may have rotated the refresh token already, so the same token will be presented again within its ${minutes}-minute reuse interval, at the next check in about a minute`,
    recheckAfterSeconds: LOST_ANSWER_RECHECK_SECONDS,
    facts: { grant: 'refresh answer lost: retrying inside the reuse interval' },
  };
}

function atRisk(opts: RotationOptions, state: GrantState, detail?: string): ProbeOutcome {
  const since = state.inFlight?.since.slice(0, 16).replace('T', ' ') ?? 'an earlier check';
  const why = detail ? ` (${detail})` : '';
  const interval =
    opts.reuseIntervalMs > 0
      ? 'its reuse interval has passed'
      : 'this token server accepts a refresh token only once';
  return {
    verdict: 'unexpected-response',
    message: `grant at risk: the refresh sent at ${since} UTC got no answer that could be kept${why}, so ${opts.service} may have rotated the refresh token this app holds; ${interval}, and presenting a spent refresh token revokes the whole grant, so it was not sent again; a person must re-consent (run the authorization flow again) and save the new refresh token`,
    facts: { grant: 'at risk: the refresh token may be spent' },
  };
}

/** A save refused because the integration was deleted: nothing about the credential is known. */
function gone(err: unknown): ProbeOutcome | undefined {
  if (!(err instanceof GrantGoneError)) return undefined;
  return { verdict: 'unreachable', message: err.message };
}

function notRecorded(service: string): ProbeOutcome {
  return {
    verdict: 'unreachable',
    message: `Forge storage failed before the refresh could be recorded, so nothing was sent to ${service}; the grant is unchanged and the refresh is tried again at the next check`,
    recheckAfterSeconds: LOST_ANSWER_RECHECK_SECONDS,
  };
}

function unsaved(opts: RotationOptions): ProbeOutcome {
  return {
    verdict: 'unexpected-response',
    message: `grant at risk: ${opts.service} rotated the refresh token but Forge storage failed to save the new one, so the new access token was not used; the old refresh token will not be presented after its reuse interval; the next check, in about a minute, saves the new token first or presents the old one again while the server still accepts it`,
    recheckAfterSeconds: LOST_ANSWER_RECHECK_SECONDS,
    facts: { grant: 'at risk: rotated refresh token not saved yet' },
  };
}

/** Every token we hold is redacted from evidence and messages, whatever the service echoes. */
export function learn(http: HttpClient, state: GrantState): void {
  http.redactor.add(state.refreshToken);
  http.redactor.add(state.accessToken);
}

export function fingerprint(refreshToken: string): string {
  return createHash('sha256').update(refreshToken).digest('hex').slice(0, 32);
}
