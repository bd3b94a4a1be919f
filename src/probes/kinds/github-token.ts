import type { IntegrationConfig } from '../../domain/integration';
import type { Identity } from '../../domain/result';
import type { ProbeRequest, ProbeResponse } from '../http';
import {
  bearer,
  commonFailure,
  field,
  joinUrl,
  plainSecret,
  readJson,
  retryAfterSeconds,
  str,
} from '../interpret';
import type { Probe, ProbeOutcome } from '../probe';
import { clipWords } from '../redact';
import { parseRateLimitReset } from '../../domain/retry-after';

const SERVICE = 'GitHub';
export const GITHUB_API = 'https://api.github.com';
/** GitHub's docs: with no Retry-After and quota left, wait at least a minute after a secondary limit. */
const SECONDARY_LIMIT_WAIT_S = 60;

/** `GET /user`; for GitHub Enterprise Server the base URL carries `/api/v3`. */
export function buildRequest(config: IntegrationConfig, token: string): ProbeRequest {
  return {
    method: 'GET',
    url: joinUrl(config.baseUrl ?? GITHUB_API, '/user'),
    headers: { ...bearer(token), 'X-GitHub-Api-Version': '2022-11-28' },
  };
}

const EXPIRATION = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) (UTC|[+-]\d{4})$/;

/**
 * Parses `GitHub-Authentication-Token-Expiration`: `2026-12-01 12:00:00 UTC` or
 * `2021-08-17 12:00:00 -0700`. Anything else (or an impossible date) gives null, never a guess.
 */
export function parseTokenExpiration(value: string | undefined): Date | null {
  const m = EXPIRATION.exec(value?.trim() ?? '');
  if (!m) return null;
  const wallClock = `${m[1]}T${m[2]}`;
  const asUtc = Date.parse(`${wallClock}Z`);
  // Date.parse rolls 2026-02-30 over into March; a round trip refuses such dates.
  if (Number.isNaN(asUtc) || !new Date(asUtc).toISOString().startsWith(wallClock)) return null;
  return new Date(asUtc - offsetMinutes(m[3] ?? 'UTC') * 60_000);
}

function offsetMinutes(zone: string): number {
  if (zone === 'UTC') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)));
}

const TOKEN_PREFIXES = new Map([
  ['ghp_', 'classic personal access token'],
  ['gho_', 'OAuth app token'],
  ['ghu_', 'GitHub App user token'],
  ['ghs_', 'GitHub App installation token'],
]);

/** Token family from its documented prefix: says why scopes or /user access may be missing. */
export function tokenType(token: string): string | undefined {
  if (token.startsWith('github_pat_')) return 'fine-grained personal access token';
  return TOKEN_PREFIXES.get(token.slice(0, 4));
}

function bodyMessage(res: ProbeResponse): string | undefined {
  const json = readJson(res, SERVICE);
  return json.ok ? clipWords(str(field(json.value, 'message')) ?? '', 200) || undefined : undefined;
}

/** Seconds until GitHub lets us in again: Retry-After first, else the quota reset time. */
function waitSeconds(res: ProbeResponse, now: Date): number | null {
  const after = retryAfterSeconds(res.headers, now);
  if (after !== null) return after;
  return parseRateLimitReset(res.headers['x-ratelimit-reset'], now);
}

function rateLimit(
  res: ProbeResponse,
  message: string | undefined,
  now: Date,
): ProbeOutcome | null {
  if (res.status !== 403 && res.status !== 429) return null;
  const exhausted = res.headers['x-ratelimit-remaining'] === '0';
  const secondary = /secondary rate limit/i.test(message ?? '');
  if (!exhausted && !secondary && res.status !== 429) return null;
  const wait = waitSeconds(res, now) ?? (secondary ? SECONDARY_LIMIT_WAIT_S : null);
  const which = secondary ? 'secondary rate limit' : 'API rate limit';
  return {
    verdict: 'rate-limited',
    message: `${SERVICE} answered ${res.status}: the token hit the ${which}${wait !== null ? `; retry after ${wait} s` : ''}`,
    retryAfterSeconds: wait,
  };
}

function identityFrom(body: unknown): Identity | null {
  const id = str(field(body, 'id'));
  const login = str(field(body, 'login'));
  if (!id || !login) return null;
  return { id, username: login, displayName: str(field(body, 'name')) };
}

function judge(res: ProbeResponse, now: Date): ProbeOutcome {
  const message = res.status === 403 || res.status === 429 ? bodyMessage(res) : undefined;
  const limited = rateLimit(res, message, now);
  if (limited) return limited;
  const common = commonFailure(res, SERVICE, now);
  if (common?.verdict === 'rejected') {
    return {
      verdict: 'rejected',
      message: `${SERVICE} answered 401 (${bodyMessage(res) ?? 'no reason given'}): the token is revoked, expired or mistyped; create a new one and update the integration`,
    };
  }
  if (common) return common;
  if (res.status === 403) {
    return {
      verdict: 'insufficient-scope',
      message: `${SERVICE} answered 403 (${message ?? 'forbidden'}): the token is accepted but may not read the signed-in user; grant it access or use a user token`,
    };
  }
  const json = readJson(res, SERVICE);
  if (!json.ok) return json.outcome;
  const identity = res.status === 200 ? identityFrom(json.value) : null;
  if (!identity) {
    return {
      verdict: 'unexpected-response',
      message: `${SERVICE} answered ${res.status} without a user where GET /user was expected to name one — check the base URL (GitHub Enterprise Server needs /api/v3)`,
    };
  }
  const accountType = str(field(json.value, 'type'));
  return {
    verdict: 'healthy',
    message: `${SERVICE} accepted the token as ${identity.username}`,
    identity,
    ...(accountType ? { facts: { accountType } } : {}),
  };
}

/** Expiry and scopes come from headers GitHub sends on success and on refusal alike. */
export function interpret(res: ProbeResponse, now: Date): ProbeOutcome {
  const outcome = judge(res, now);
  const expiresAt = parseTokenExpiration(res.headers['github-authentication-token-expiration']);
  const scopes = res.headers['x-oauth-scopes'];
  const facts = {
    ...outcome.facts,
    ...(scopes !== undefined ? { scopes: scopes.trim() || '(none)' } : {}),
  };
  return {
    ...outcome,
    ...(expiresAt ? { expiresAt, expirySource: 'service' as const } : {}),
    ...(Object.keys(facts).length > 0 ? { facts } : {}),
  };
}

export const githubTokenProbe: Probe<string> = {
  label: 'GitHub token',
  defaultBaseUrl: GITHUB_API,
  parseSecret: plainSecret,
  async check({ config, secret, http, now }) {
    const outcome = interpret(await http.send(buildRequest(config, secret)), now);
    const type = tokenType(secret);
    return type ? { ...outcome, facts: { ...outcome.facts, tokenType: type } } : outcome;
  },
};
