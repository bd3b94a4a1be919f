import { CREDENTIAL_KIND_LABEL } from '../../domain/kind-labels';
import type { IntegrationConfig } from '../../domain/integration';
import type { Identity } from '../../domain/result';
import type { HttpClient, ProbeRequest, ProbeResponse } from '../../http/client';
import { commonFailure, field, joinUrl, plainSecret, readJson, str } from '../interpret';
import type { Probe, ProbeOutcome } from '../probe';
import { PROMPT_REVOCATION_MS } from '../probe';
import { clipWords } from '../../http/redact';

const SERVICE = 'GitLab';
export const GITLAB_COM = 'https://gitlab.com';

function gitlabGet(config: IntegrationConfig, token: string, path: string): ProbeRequest {
  return {
    method: 'GET',
    url: joinUrl(config.baseUrl ?? GITLAB_COM, `/api/v4${path}`),
    headers: { 'PRIVATE-TOKEN': token },
  };
}

/** Describes the token itself; works for personal, group and project access tokens. */
export function buildTokenRequest(config: IntegrationConfig, token: string): ProbeRequest {
  return gitlabGet(config, token, '/personal_access_tokens/self');
}

export function buildUserRequest(config: IntegrationConfig, token: string): ProbeRequest {
  return gitlabGet(config, token, '/user');
}

/** `expires_at` is a date only; GitLab tokens stop working at 00:00 UTC on that date. */
export function parseExpiresAt(value: unknown): Date | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const at = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().startsWith(value) ? at : null;
}

/** GitLab's reason, from `error_description` (OAuth style) or `message`; these are not secret. */
function reason(res: ProbeResponse): { error?: string; text?: string } {
  const json = readJson(res, SERVICE);
  if (!json.ok) return {};
  const text = str(field(json.value, 'error_description')) ?? str(field(json.value, 'message'));
  return {
    error: str(field(json.value, 'error')),
    text: text === undefined ? undefined : clipWords(text.replace(/\.$/, ''), 200),
  };
}

/**
 * GitLab's own words for a token past its `expires_at` (lib/api/api_guard.rb, ExpiredError):
 * 401 invalid_token "Token is expired. You can either do re-authorization or token refresh."
 */
const EXPIRED_TOKEN = /^Token is expired\b/;

function unauthorized(res: ProbeResponse): ProbeOutcome {
  const { error, text } = reason(res);
  const said = text && !/^401\b/.test(text) ? ` (${text})` : '';
  if (error === 'invalid_token' && text && EXPIRED_TOKEN.test(text)) {
    return {
      verdict: 'expired',
      message: `${SERVICE} answered 401${said}: the token is past its expiry date and has expired: create a new token (an expired one cannot rotate itself) and update the integration`,
    };
  }
  return {
    verdict: 'rejected',
    message: `${SERVICE} answered 401${said}: the token is no longer accepted; create a new one and update the integration`,
  };
}

function refused(res: ProbeResponse, now: Date): ProbeOutcome | null {
  const common = commonFailure(res, SERVICE, now);
  if (common?.verdict === 'rejected') return unauthorized(res);
  if (common) return common;
  if (res.status !== 403) return null;
  const { error, text } = reason(res);
  return {
    verdict: 'insufficient-scope',
    message: `${SERVICE} answered 403 (${text ?? error ?? 'forbidden'}): the token is accepted but lacks a scope or role this check needs`,
  };
}

function tokenFacts(body: unknown): Record<string, string> {
  const scopes = field(body, 'scopes');
  const facts: Record<string, string | undefined> = {
    tokenName: str(field(body, 'name')),
    scopes: Array.isArray(scopes) ? scopes.filter((s) => typeof s === 'string').join(', ') : '',
    lastUsedAt: str(field(body, 'last_used_at')) ?? 'never',
    createdAt: str(field(body, 'created_at')),
  };
  return Object.fromEntries(Object.entries(facts).filter(([, v]) => v)) as Record<string, string>;
}

/** Judges `personal_access_tokens/self`; the identity here is only the token owner's user id. */
export function interpretToken(res: ProbeResponse, now: Date): ProbeOutcome {
  const failure = refused(res, now);
  if (failure) return failure;
  const json = readJson(res, SERVICE);
  if (!json.ok) return json.outcome;
  const body = json.value;
  const userId = str(field(body, 'user_id'));
  if (res.status !== 200 || !userId) {
    return {
      verdict: 'unexpected-response',
      message: `${SERVICE} answered ${res.status} without token details — check the base URL (personal_access_tokens/self needs GitLab 15.5 or later)`,
    };
  }
  const revoked = field(body, 'revoked') === true;
  const inactive = field(body, 'active') === false;
  const expiresAt = parseExpiresAt(field(body, 'expires_at'));
  const base = {
    identity: { id: userId },
    facts: tokenFacts(body),
    ...(expiresAt ? { expiresAt, expirySource: 'service' as const } : {}),
  };
  if (revoked || inactive) {
    const why = revoked ? 'revoked' : 'inactive (expired or revoked)';
    return {
      ...base,
      verdict: 'rejected',
      message: `${SERVICE} reports this token as ${why}; create a new one and update the integration`,
    };
  }
  const name = base.facts.tokenName ? ` "${base.facts.tokenName}"` : '';
  return { ...base, verdict: 'healthy', message: `${SERVICE} accepted the token${name}` };
}

/** The owner's profile from `/user`, or null when the token may not read it (no read_user/api). */
export function interpretUser(res: ProbeResponse): Identity | null {
  if (res.status !== 200) return null;
  const json = readJson(res, SERVICE);
  const id = json.ok ? str(field(json.value, 'id')) : undefined;
  if (!json.ok || !id) return null;
  return {
    id,
    username: str(field(json.value, 'username')),
    displayName: str(field(json.value, 'name')),
    email: str(field(json.value, 'email')),
  };
}

/** A richer identity is a bonus: its failure (even a timeout) never changes the verdict. */
async function ownerProfile(
  http: HttpClient,
  config: IntegrationConfig,
  token: string,
): Promise<Identity | null> {
  try {
    return interpretUser(await http.send(buildUserRequest(config, token)));
  } catch {
    return null;
  }
}

export const gitlabTokenProbe: Probe<string> = {
  label: CREDENTIAL_KIND_LABEL['gitlab-token'],
  service: () => SERVICE,
  // GitLab documents no delay: a revoked token answers 401 at once.
  revocationLagMs: PROMPT_REVOCATION_MS,
  defaultBaseUrl: GITLAB_COM,
  // The token itself, then its owner's profile.
  maxRequests: 2,
  parseSecret: plainSecret,
  async check({ config, secret, http, now }) {
    const outcome = interpretToken(await http.send(buildTokenRequest(config, secret)), now);
    if (outcome.verdict !== 'healthy') return outcome;
    const profile = await ownerProfile(http, config, secret);
    // /user must describe the token's owner; anything else keeps the id GitLab gave for the token.
    return profile && profile.id === outcome.identity?.id
      ? { ...outcome, identity: profile }
      : outcome;
  },
};
