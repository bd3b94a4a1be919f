/**
 * The OAuth 2.0 credentials of an Atlassian service account (Administration › Directory ›
 * Service accounts › Create credentials › OAuth 2.0): a client id and secret that buy an hour's
 * access token at auth.atlassian.com, used through api.atlassian.com/ex/{product}/{cloudId}
 * (support.atlassian.com, "Create OAuth 2.0 credential for service accounts").
 */
import { CREDENTIAL_KIND_LABEL } from '../../domain/kind-labels';
import type { IntegrationConfig } from '../../domain/integration';
import type { Identity } from '../../domain/result';
import type { ProbeRequest, ProbeResponse } from '../http';
import { bearer, commonFailure, field, joinUrl, readJson, str } from '../interpret';
import {
  buildClientCredentialsRequest,
  interpretClientCredentials,
  judgeScopes,
  scopeList,
} from '../oauth/client-credentials';
import type { Probe, ProbeOutcome } from '../probe';
import { IDENTITY_SCOPES } from './atlassian-refusal';
import { parseClientSecret, type ClientSecret } from './client-secret';

export const DEFAULT_API_URL = 'https://api.atlassian.com';
export const DEFAULT_TOKEN_URL = 'https://auth.atlassian.com/oauth/token';
/** The audience of Atlassian's OAuth tokens: the API gateway. */
export const AUDIENCE = 'api.atlassian.com';
const SERVICE = 'Atlassian';
const TOKEN_WORDS = {
  service: "Atlassian's token endpoint",
  refused:
    'the credential was revoked, expired (it lives until the date chosen when it was made) or is mistyped; create new OAuth 2.0 credentials for the service account',
};

/**
 * No scope is asked for: the token then carries every scope of the credential, and its `scope`
 * says which, so a missing one is named rather than refused as invalid_scope.
 */
export function buildTokenRequest(config: IntegrationConfig, secret: ClientSecret): ProbeRequest {
  return buildClientCredentialsRequest(config.tokenUrl ?? DEFAULT_TOKEN_URL, secret, {
    audience: AUDIENCE,
  });
}

/** Jira's Get current user, or Confluence's (`product: confluence`), through the gateway. */
export function buildMyselfRequest(config: IntegrationConfig, accessToken: string): ProbeRequest {
  const cloudId = encodeURIComponent(config.cloudId ?? '');
  const path =
    config.product === 'confluence'
      ? `/ex/confluence/${cloudId}/wiki/rest/api/user/current`
      : `/ex/jira/${cloudId}/rest/api/3/myself`;
  return {
    method: 'GET',
    url: joinUrl(config.baseUrl ?? DEFAULT_API_URL, path),
    headers: bearer(accessToken),
  };
}

function statusFailure(
  res: ProbeResponse,
  config: IntegrationConfig,
  where: string,
  now: Date,
): ProbeOutcome | null {
  if (res.status === 401 && /scope does not match/i.test(res.text)) {
    return {
      verdict: 'insufficient-scope',
      message: `${SERVICE} issued a token but ${where} answered 401 "scope does not match" to Get current user: the credential lacks ${IDENTITY_SCOPES[config.product ?? 'jira']}; create credentials with it`,
    };
  }
  const common = commonFailure(res, SERVICE, now);
  if (common?.verdict === 'rejected') {
    return {
      ...common,
      message: `${SERVICE} issued a token but ${where} answered 401 to it: the credential was revoked meanwhile, or the service account was removed from the site`,
    };
  }
  if (common) return common;
  if (res.status === 403) {
    return {
      verdict: 'insufficient-scope',
      message: `${where} answered 403: the service account may not use the product there; give it an app role on that site`,
    };
  }
  if (res.status !== 200) {
    return {
      verdict: 'unexpected-response',
      message: `${where} answered ${res.status} to Get current user where 200 was expected — check the cloud id`,
    };
  }
  return null;
}

function identityFrom(body: unknown): Identity | null {
  const id = str(field(body, 'accountId'));
  if (!id) return null;
  const displayName = str(field(body, 'displayName'));
  const email = str(field(body, 'emailAddress')) ?? str(field(body, 'email'));
  return { id, ...(displayName ? { displayName } : {}), ...(email ? { email } : {}) };
}

/** Get current user through the gateway: who the service account is. */
export function interpretMyself(
  res: ProbeResponse,
  config: IntegrationConfig,
  now: Date,
): ProbeOutcome {
  const product = config.product === 'confluence' ? 'Confluence' : 'Jira';
  const where = `${product} on cloud id ${config.cloudId ?? ''}`;
  const failed = statusFailure(res, config, where, now);
  if (failed) return failed;
  const json = readJson(res, SERVICE);
  if (!json.ok) return json.outcome;
  const identity = identityFrom(json.value);
  if (!identity) {
    return {
      verdict: 'unexpected-response',
      message: `${where} answered 200 without an accountId — check the base URL`,
    };
  }
  return {
    verdict: 'healthy',
    message: `${SERVICE} issued an access token and ${where} knows it as ${identity.displayName ?? identity.id}`,
    identity,
  };
}

const TOKEN_FACTS = {
  accessToken: 'requested for this check and not stored',
  expiry:
    'the date entered at save: Atlassian sets it when the credential is made (at most a year) and tells it to no API the credential can call',
};

export const atlassianServiceAccountProbe: Probe<ClientSecret> = {
  label: CREDENTIAL_KIND_LABEL['atlassian-service-account'],
  defaultBaseUrl: DEFAULT_API_URL,
  parseSecret: parseClientSecret,
  async check({ config, secret, http, now }) {
    const read = interpretClientCredentials(
      await http.send(buildTokenRequest(config, secret)),
      TOKEN_WORDS,
      now,
    );
    if (!read.ok) return { ...read.outcome, facts: { ...read.outcome.facts, ...TOKEN_FACTS } };
    const res = await http.send(buildMyselfRequest(config, read.tokens.accessToken));
    const needed = scopeList(config.scopes);
    const outcome = judgeScopes(interpretMyself(res, config, now), read.tokens, needed);
    return { ...outcome, facts: { ...outcome.facts, ...TOKEN_FACTS } };
  },
};
