/**
 * The OAuth 2.0 client-credentials grant (RFC 6749 §4.4): a client id and secret buy an access
 * token directly, with no user and no refresh token. Atlassian and Data Center service accounts
 * use it. A token is requested for each check and never stored: it lives about an hour, and one
 * request is all a new one costs.
 */
import type { ProbeRequest, ProbeResponse } from '../../http/client';
import { commonFailure, field, readJson, str } from '../interpret';
import type { ProbeOutcome } from '../probe';
import { clipWords } from '../../http/redact';
import {
  issuedTokens,
  type ClientCredentials,
  type IssuedTokens,
  type TokenRead,
} from './token-endpoint';

/** RFC 6749 §4.4.2 with client_secret_post (§2.3.1), as both Atlassian products document it. */
export function buildClientCredentialsRequest(
  tokenUrl: string,
  client: ClientCredentials,
  extra: Record<string, string> = {},
): ProbeRequest {
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: client.clientId,
    client_secret: client.clientSecret,
    ...extra,
  });
  return {
    method: 'POST',
    url: tokenUrl,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
  };
}

/** What to tell the admin when the credential itself is refused, in the service's own terms. */
export interface RefusalWords {
  service: string;
  /** Why the client may be refused and what to do, e.g. "revoked or expired; create new ones". */
  refused: string;
}

/** Reads the token endpoint's answer: the token, or the verdict its status and error code mean. */
export function interpretClientCredentials(
  res: ProbeResponse,
  words: RefusalWords,
  now: Date,
): TokenRead {
  const { service } = words;
  const common = commonFailure(res, service, now);
  // A plain 401 is judged by its error code; everything else common means the same everywhere.
  if (common && common.verdict !== 'rejected') return { ok: false, outcome: common };
  const json = readJson(res, service);
  if (!json.ok) return { ok: false, outcome: common ?? json.outcome };
  if (res.status !== 200) {
    return { ok: false, outcome: clientError(res.status, json.value, words) };
  }
  return issuedTokens(json.value, service, now, 'the token request');
}

/** RFC 6749 §5.2 error codes of a client-credentials request, in the words an admin needs. */
function clientError(status: number, body: unknown, words: RefusalWords): ProbeOutcome {
  const code = str(field(body, 'error')) ?? 'no error code';
  const description = str(field(body, 'error_description'));
  const said = description ? `${code}: ${clipWords(description, 120)}` : code;
  const answered = `${words.service} answered ${status} to the client credentials (${said})`;
  if (code === 'invalid_scope') {
    return {
      verdict: 'insufficient-scope',
      message: `${answered}: the credential does not hold the scopes asked for`,
    };
  }
  if (REFUSED_CLIENT.has(code) || status === 401 || status === 403) {
    return { verdict: 'rejected', message: `${answered}: ${words.refused}` };
  }
  return {
    verdict: 'unexpected-response',
    message: `${answered} — check the token URL`,
  };
}

/** invalid_client (RFC 6749 §5.2), and access_denied, which Auth0-style servers send instead. */
const REFUSED_CLIENT = new Set(['invalid_client', 'unauthorized_client', 'access_denied']);

/** RFC 6749 §3.3: a scope value is a space-delimited list. */
export function scopeList(scope: string | undefined): string[] {
  return (scope ?? '').split(/\s+/).filter(Boolean);
}

/**
 * The needed scopes the granted ones do not cover. `implied` lists what a scope also grants
 * (Data Center's WRITE includes READ).
 */
export function missingScopes(
  needed: string[],
  granted: string[],
  implied: Readonly<Record<string, readonly string[]>> = {},
): string[] {
  const covered = new Set(granted.flatMap((s) => [s, ...(implied[s] ?? [])]));
  return needed.filter((s) => !covered.has(s));
}

/**
 * A working token that lacks scopes the integration needs is insufficient-scope; the granted
 * scopes become a fact either way. A token endpoint that lists none leaves nothing to compare.
 */
export function judgeScopes(
  outcome: ProbeOutcome,
  tokens: IssuedTokens,
  needed: string[],
  implied: Readonly<Record<string, readonly string[]>> = {},
): ProbeOutcome {
  const facts: Record<string, string> = {
    ...outcome.facts,
    scopes: tokens.scope ?? 'not listed by the token endpoint',
  };
  const missing = tokens.scope ? missingScopes(needed, scopeList(tokens.scope), implied) : [];
  if (outcome.verdict !== 'healthy' || missing.length === 0) return { ...outcome, facts };
  return {
    ...outcome,
    verdict: 'insufficient-scope',
    message: `${outcome.message}, but the credentials lack ${missing.join(', ')}, which this integration needs; give ${missing.length === 1 ? 'it' : 'them'} to the service account's credentials`,
    facts,
  };
}
