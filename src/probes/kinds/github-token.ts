import { CREDENTIAL_KIND_LABEL } from '../../domain/kind-labels';
import type { IntegrationConfig } from '../../domain/integration';
import type { Identity } from '../../domain/result';
import type { ProbeRequest, ProbeResponse } from '../../http/client';
import { commonFailure, field, plainSecret, readJson, str } from '../interpret';
import type { Probe, ProbeOutcome, SecretParse } from '../probe';
import { PROMPT_REVOCATION_MS } from '../probe';
import { GITHUB_API, SERVICE, bodyMessage, githubGet, rateLimit } from './github-answers';
import { checkOrganization } from './github-organization';

export { GITHUB_API } from './github-answers';

/** `GET /user`; for GitHub Enterprise Server the base URL carries `/api/v3`. */
export function buildRequest(config: IntegrationConfig, token: string): ProbeRequest {
  return githubGet(config, token, '/user');
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
]);

/**
 * An installation token (also each Actions run's GITHUB_TOKEN) expires one hour after it is made
 * (docs.github.com, "Generating an installation access token for a GitHub App"): watching it for
 * days says nothing. What lasts is the app's private key, which mints new ones.
 */
const INSTALLATION_TOKEN =
  'this is a GitHub App installation token (ghs_…): it lives one hour, so there is nothing to watch for days. Watch the GitHub App that mints it instead, with the GitHub App kind (github-app)';

/** A plain token, refusing the kind that expires before a second check could run. */
export function parseGithubSecret(raw: string): SecretParse<string> {
  const parsed = plainSecret(raw);
  if (parsed.ok && parsed.secret.startsWith('ghs_')) {
    return { ok: false, error: INSTALLATION_TOKEN };
  }
  return parsed;
}

/** Token family from its documented prefix: says why scopes or /user access may be missing. */
export function tokenType(token: string): string | undefined {
  if (token.startsWith('github_pat_')) return 'fine-grained personal access token';
  return TOKEN_PREFIXES.get(token.slice(0, 4));
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

/** The organisation's verdict rules, but what /user told (expiry, scopes, who) is kept. */
function withOrganization(user: ProbeOutcome, org: ProbeOutcome): ProbeOutcome {
  return {
    ...user,
    ...org,
    message: org.verdict === 'healthy' ? `${user.message}; ${org.message}` : org.message,
    identity: user.identity,
    expiresAt: user.expiresAt,
    expirySource: user.expirySource,
    facts: { ...user.facts, ...org.facts },
  };
}

export const githubTokenProbe: Probe<string> = {
  label: CREDENTIAL_KIND_LABEL['github-token'],
  service: () => 'GitHub',
  // GitHub documents no delay: a deleted or revoked token answers 401 at once.
  revocationLagMs: PROMPT_REVOCATION_MS,
  defaultBaseUrl: GITHUB_API,
  // The user, and the organisation when one is named.
  maxRequests: 2,
  parseSecret: parseGithubSecret,
  async check({ config, secret, http, now }) {
    const user = interpret(await http.send(buildRequest(config, secret)), now);
    const outcome =
      config.organization && user.verdict === 'healthy'
        ? withOrganization(user, await checkOrganization(http, config, secret, now))
        : user;
    const type = tokenType(secret);
    return type ? { ...outcome, facts: { ...outcome.facts, tokenType: type } } : outcome;
  },
};
