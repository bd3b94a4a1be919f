/**
 * The OAuth 2.0 credentials of an Atlassian service account (Administration › Directory ›
 * Service accounts › Create credentials › OAuth 2.0): a client id and secret that buy an hour's
 * access token at auth.atlassian.com, used through api.atlassian.com/ex/{product}/{cloudId}
 * (support.atlassian.com, "Create OAuth 2.0 credential for service accounts").
 */
import { CREDENTIAL_KIND_LABEL } from '../../domain/kind-labels';
import type { IntegrationConfig } from '../../domain/integration';
import type { Identity } from '../../domain/result';
import type { ProbeRequest, ProbeResponse } from '../../http/client';
import { bearer, commonFailure, field, joinUrl, readJson, str } from '../interpret';
import {
  buildClientCredentialsRequest,
  interpretClientCredentials,
  judgeScopes,
  scopeList,
} from '../oauth/client-credentials';
import type { Probe, ProbeOutcome } from '../probe';
import { ACCESS_TOKEN_LIFETIME_MS, atlassianProduct } from '../probe';
import { IDENTITY_SCOPES } from './atlassian-refusal';
import { productOf, proofCall, type ProofCall } from './atlassian-service-account-proof';
import { parseClientSecret, type ClientSecret } from './client-secret';

export const DEFAULT_API_URL = 'https://api.atlassian.com';
export const DEFAULT_TOKEN_URL = 'https://auth.atlassian.com/oauth/token';
/** The audience of Atlassian's OAuth tokens: the API gateway. */
export const AUDIENCE = 'api.atlassian.com';
const SERVICE = 'Atlassian';
export const TOKEN_WORDS = {
  service: "Atlassian's token endpoint",
  refused:
    'the credential was revoked, expired (past the expiry date it was given, if any) or is mistyped; create new OAuth 2.0 credentials for the service account',
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

/** The proving call (Get current user, or a read the scopes cover) through the gateway. */
export function buildProofRequest(
  config: IntegrationConfig,
  call: ProofCall,
  accessToken: string,
): ProbeRequest {
  const path = `/ex/${productOf(config)}/${encodeURIComponent(config.cloudId ?? '')}${call.path}`;
  return {
    method: 'GET',
    url: joinUrl(config.baseUrl ?? DEFAULT_API_URL, path),
    headers: bearer(accessToken),
  };
}

function statusFailure(
  res: ProbeResponse,
  config: IntegrationConfig,
  call: ProofCall,
  now: Date,
): ProbeOutcome | null {
  const where = whereOf(config);
  if (res.status === 401 && /scope does not match/i.test(res.text)) {
    const lacks =
      call.kind === 'identity' ? IDENTITY_SCOPES[productOf(config)] : 'the scope it lists';
    return {
      verdict: 'insufficient-scope',
      message: `${SERVICE} issued a token but ${where} answered 401 "scope does not match" to ${call.operation}: the credential lacks ${lacks}; create credentials with it`,
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
      message: `${where} answered ${res.status} to ${call.operation} where 200 was expected — check the cloud id`,
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

const PRODUCT_NAME = { jira: 'Jira', confluence: 'Confluence' } as const;

function whereOf(config: IntegrationConfig): string {
  return `${PRODUCT_NAME[productOf(config)]} on cloud id ${config.cloudId ?? ''}`;
}

/** The proving call's answer: who the service account is, or only that the token works. */
export function interpretProof(
  res: ProbeResponse,
  config: IntegrationConfig,
  call: ProofCall,
  now: Date,
): ProbeOutcome {
  const where = whereOf(config);
  const failed = statusFailure(res, config, call, now);
  if (failed) return failed;
  const json = readJson(res, SERVICE);
  if (!json.ok) return json.outcome;
  if (call.kind === 'reach') {
    return {
      verdict: 'healthy',
      message: `${SERVICE} issued an access token and ${where} answered ${call.operation} with it; who the service account is stays unknown: its scopes do not include ${IDENTITY_SCOPES[productOf(config)]}, which Get current user needs`,
      identity: null,
    };
  }
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
    'the date entered at save, if any: Atlassian documents no expiry for OAuth 2.0 credentials and no API the credential can call tells one',
};

/**
 * Only the token endpoint answered: the scopes cover no call that could prove more. Scopes with
 * nothing of the product at all cannot be what the integration needs there.
 */
function issuedOnly(config: IntegrationConfig, scopes: string[]): ProbeOutcome {
  const product = productOf(config);
  if (!scopes.some((s) => s.includes(product))) {
    return {
      verdict: 'insufficient-scope',
      message: `${SERVICE} issued a token but ${whereOf(config)} is out of its reach: the credentials hold no ${PRODUCT_NAME[product]} scope (only ${scopes.join(' ')}); create credentials with the ones the integration needs there, such as ${IDENTITY_SCOPES[product]} for Get current user`,
    };
  }
  return {
    verdict: 'healthy',
    message: `${SERVICE} issued an access token for the credentials; who the service account is stays unknown: its scopes (${scopes.join(' ')}) cover no read of ${whereOf(config)} to prove it on`,
    identity: null,
  };
}

export const atlassianServiceAccountProbe: Probe<ClientSecret> = {
  label: CREDENTIAL_KIND_LABEL['atlassian-service-account'],
  service: atlassianProduct,
  // An access token issued before the credential was revoked may live out its hour.
  revocationLagMs: ACCESS_TOKEN_LIFETIME_MS,
  defaultBaseUrl: DEFAULT_API_URL,
  // The token request and the identity call with its token.
  maxRequests: 2,
  parseSecret: parseClientSecret,
  async check({ config, secret, http, now }) {
    const read = interpretClientCredentials(
      await http.send(buildTokenRequest(config, secret)),
      TOKEN_WORDS,
      now,
    );
    if (!read.ok) return { ...read.outcome, facts: { ...read.outcome.facts, ...TOKEN_FACTS } };
    const needed = scopeList(config.scopes);
    // The token's own list, else what the integration declares it needs.
    const scopes = read.tokens.scope ? scopeList(read.tokens.scope) : needed;
    const call = proofCall(productOf(config), scopes);
    const proved = call
      ? interpretProof(
          await http.send(buildProofRequest(config, call, read.tokens.accessToken)),
          config,
          call,
          now,
        )
      : issuedOnly(config, scopes);
    const outcome = judgeScopes(proved, read.tokens, needed);
    return { ...outcome, facts: { ...outcome.facts, ...TOKEN_FACTS } };
  },
};
