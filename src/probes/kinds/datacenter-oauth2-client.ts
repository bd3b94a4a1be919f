/**
 * A Jira or Confluence Data Center 10.x service account: OAuth 2.0 client credentials that buy
 * an access token at `{baseUrl}/rest/oauth2/latest/token`, used as a Bearer token
 * (confluence.atlassian.com/enterprise, "Service accounts overview").
 */
import { CREDENTIAL_KIND_LABEL } from '../../domain/kind-labels';
import type { IntegrationConfig } from '../../domain/integration';
import type { ProbeRequest, ProbeResponse } from '../../http/client';
import { commonFailure, joinUrl, readJson } from '../interpret';
import {
  buildClientCredentialsRequest,
  interpretClientCredentials,
  judgeScopes,
  scopeList,
  type RefusalWords,
} from '../oauth/client-credentials';
import type { Probe, ProbeOutcome } from '../probe';
import { ACCESS_TOKEN_LIFETIME_MS } from '../probe';
import { parseClientSecret, type ClientSecret } from './client-secret';
import { buildRequest as buildMyselfRequest, identityFrom } from './datacenter-pat';
import { serviceName } from './datacenter-pat-expiry';

export const TOKEN_PATH = '/rest/oauth2/latest/token';
/** Get current user is a READ endpoint; WRITE "also inherits READ access". */
export const DEFAULT_SCOPE = 'READ';
export const IMPLIED_SCOPES = { WRITE: ['READ'] } as const;

/** Asks for the scopes the integration needs (READ, which the check needs, when none are set). */
export function buildTokenRequest(config: IntegrationConfig, secret: ClientSecret): ProbeRequest {
  const url = joinUrl(config.baseUrl ?? '', TOKEN_PATH);
  return buildClientCredentialsRequest(url, secret, { scope: config.scopes ?? DEFAULT_SCOPE });
}

function failure(res: ProbeResponse, service: string, now: Date): ProbeOutcome | null {
  const common = commonFailure(res, service, now);
  if (common?.verdict === 'rejected') {
    return {
      ...common,
      message: `${service} issued a token but answered 401 to it: the service account was disabled or its credentials revoked in between`,
    };
  }
  if (common) return common;
  if (res.status === 403) {
    return {
      verdict: 'insufficient-scope',
      message: `${service} answered 403 to Get current user: the token lacks the READ scope (WRITE includes it), or the service account may not use the product`,
    };
  }
  if (res.status !== 200) {
    return {
      verdict: 'unexpected-response',
      message: `${service} answered ${res.status} where 200 was expected — check the base URL (it must include any context path, e.g. /jira)`,
    };
  }
  return null;
}

/** Who the token is: Jira's /myself or Confluence's /user/current, as for a PAT. */
export function interpretMyself(
  res: ProbeResponse,
  config: IntegrationConfig,
  now: Date,
): ProbeOutcome {
  const service = serviceName(config);
  const failed = failure(res, service, now);
  if (failed) return failed;
  const json = readJson(res, service);
  if (!json.ok) return json.outcome;
  const identity = identityFrom(json.value, res, config);
  if (!identity) {
    return {
      verdict: 'anonymous',
      message: `${service} answered 200 but as an anonymous user — the token was ignored (a proxy stripping the Authorization header?)`,
    };
  }
  return {
    verdict: 'healthy',
    message: `${service} issued an access token and knows it as ${identity.displayName ?? identity.username ?? identity.id}`,
    identity,
  };
}

/** How the token endpoint and a refused client are named in messages. */
export function tokenWords(config: IntegrationConfig): RefusalWords {
  return {
    service: `${serviceName(config)}'s token endpoint`,
    refused:
      'the service account was disabled or deleted, its client secret was regenerated, or the credentials are mistyped; enter its current client id and secret',
  };
}

const ACCESS_TOKEN_FACT = { accessToken: 'requested for this check and not stored' };

export const datacenterOauth2ClientProbe: Probe<ClientSecret> = {
  label: CREDENTIAL_KIND_LABEL['datacenter-oauth2-client'],
  service: serviceName,
  // Data Center documents no figure; an access token issued before may live until it expires.
  revocationLagMs: ACCESS_TOKEN_LIFETIME_MS,
  defaultBaseUrl: null,
  // The token request and the identity call with its token.
  maxRequests: 2,
  parseSecret: parseClientSecret,
  async check({ config, secret, http, now }) {
    const words = tokenWords(config);
    const read = interpretClientCredentials(
      await http.send(buildTokenRequest(config, secret)),
      words,
      now,
    );
    if (!read.ok)
      return { ...read.outcome, facts: { ...read.outcome.facts, ...ACCESS_TOKEN_FACT } };
    const res = await http.send(buildMyselfRequest(config, read.tokens.accessToken));
    const needed = scopeList(config.scopes ?? DEFAULT_SCOPE);
    const outcome = judgeScopes(
      interpretMyself(res, config, now),
      read.tokens,
      needed,
      IMPLIED_SCOPES,
    );
    return { ...outcome, facts: { ...outcome.facts, ...ACCESS_TOKEN_FACT } };
  },
};
