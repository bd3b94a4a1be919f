import type { ProbeRequest, ProbeResponse } from '../../http/client';
import { commonFailure, field, readJson, str } from '../interpret';
import type { ProbeOutcome } from '../probe';
import { clipWords } from '../../http/redact';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

/** What a successful refresh hands back. Every string here except `scope` is a secret. */
export interface IssuedTokens {
  accessToken: string;
  /** Absent when the server did not rotate: the old refresh token stays valid. */
  refreshToken?: string;
  expiresAt?: Date;
  scope?: string;
}

export type TokenRead = { ok: true; tokens: IssuedTokens } | { ok: false; outcome: ProbeOutcome };

/**
 * RFC 6749 §6 refresh request. A form body with client_secret_post works with Atlassian (which
 * also takes JSON) and with any standard authorization server.
 */
export function buildRefreshRequest(
  tokenUrl: string,
  client: ClientCredentials,
  refreshToken: string,
): ProbeRequest {
  const body = new URLSearchParams({
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: client.clientId,
    client_secret: client.clientSecret,
  });
  return {
    method: 'POST',
    url: tokenUrl,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
  };
}

/** Reads a token endpoint's answer: new tokens, or the verdict its error code means. */
export function interpretTokenResponse(res: ProbeResponse, service: string, now: Date): TokenRead {
  const transient =
    res.status >= 500 || res.status === 429 || (res.status >= 300 && res.status < 400);
  const common = transient ? commonFailure(res, service, now) : null;
  if (common) return { ok: false, outcome: common };
  const json = readJson(res, service);
  if (!json.ok) return { ok: false, outcome: json.outcome };
  if (res.status !== 200)
    return { ok: false, outcome: tokenError(res.status, json.value, service) };
  return issuedTokens(json.value, service, now);
}

/** A 200's tokens; `exchange` names the request in messages ("the refresh", "the token request"). */
export function issuedTokens(
  body: unknown,
  service: string,
  now: Date,
  exchange = 'the refresh',
): TokenRead {
  const accessToken = str(field(body, 'access_token'));
  const tokenType = str(field(body, 'token_type'));
  if (!accessToken || (tokenType && tokenType.toLowerCase() !== 'bearer')) {
    return {
      ok: false,
      outcome: {
        verdict: 'unexpected-response',
        message: `${service} answered ${exchange} with 200 but no usable bearer access token — check the token URL`,
      },
    };
  }
  const expiresIn = field(body, 'expires_in');
  const seconds = typeof expiresIn === 'number' ? expiresIn : Number(str(expiresIn));
  return {
    ok: true,
    tokens: {
      accessToken,
      refreshToken: str(field(body, 'refresh_token')),
      expiresAt: Number.isFinite(seconds) ? new Date(now.getTime() + seconds * 1000) : undefined,
      scope: str(field(body, 'scope')),
    },
  };
}

/** RFC 6749 §5.2 error codes, in the words an admin needs. */
export function tokenError(status: number, body: unknown, service: string): ProbeOutcome {
  const code = str(field(body, 'error')) ?? 'no error code';
  const said = describe(code, str(field(body, 'error_description')));
  if (code === 'invalid_grant') {
    return {
      verdict: 'rejected',
      message: `${service} refused the refresh token (${said}): the grant was revoked, expired, or its refresh token was already used; a person must re-consent (run the authorization flow again) and save the new refresh token`,
    };
  }
  if (code === 'invalid_client' || code === 'unauthorized_client' || status === 401) {
    return {
      verdict: 'rejected',
      message: `${service} refused the app's client credentials (${said}): the client secret was rotated or the app was deleted; update clientId and clientSecret`,
    };
  }
  return {
    verdict: 'unexpected-response',
    message: `${service} answered the refresh with ${status} (${said}) — check the token URL and the app's settings`,
  };
}

function describe(code: string, description: string | undefined): string {
  return description ? `${code}: ${clipWords(description, 120)}` : code;
}
