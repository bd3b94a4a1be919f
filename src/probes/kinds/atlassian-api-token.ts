import { CREDENTIAL_KIND_LABEL } from '../../domain/kind-labels';
import type { IntegrationConfig } from '../../domain/integration';
import type { Identity } from '../../domain/result';
import type { ProbeRequest, ProbeResponse } from '../../http/client';
import {
  basic,
  commonFailure,
  field,
  joinUrl,
  plainSecret,
  readJson,
  seraphReasons,
  str,
} from '../interpret';
import type { Probe, ProbeOutcome } from '../probe';
import { ATLASSIAN_TOKEN_REVOCATION_MS, atlassianProduct } from '../probe';
import { atlassianRefusal, IDENTITY_SCOPES } from './atlassian-refusal';

const GATEWAY = 'https://api.atlassian.com';

/** Site URL, or the scoped-token gateway `/ex/{product}/{cloudId}` when a cloudId is given. */
export function atlassianBase(config: IntegrationConfig): string {
  const product = config.product ?? 'jira';
  if (config.cloudId) {
    return joinUrl(
      config.baseUrl ?? GATEWAY,
      `/ex/${product}/${encodeURIComponent(config.cloudId)}`,
    );
  }
  return config.baseUrl ?? '';
}

export function buildRequest(config: IntegrationConfig, token: string): ProbeRequest {
  const path =
    config.product === 'confluence' ? '/wiki/rest/api/user/current' : '/rest/api/3/myself';
  return {
    method: 'GET',
    url: joinUrl(atlassianBase(config), path),
    headers: basic(config.username ?? '', token),
  };
}

function identityFrom(body: unknown, res: ProbeResponse): Identity | null {
  const isAnonymous =
    field(body, 'type') === 'anonymous' || field(body, 'accountType') === 'anonymous';
  const id = str(field(body, 'accountId')) ?? res.headers['x-aaccountid'];
  if (isAnonymous || !id) return null;
  return {
    id,
    displayName: str(field(body, 'displayName')),
    email: str(field(body, 'emailAddress')) ?? str(field(body, 'email')),
  };
}

/** What the probe knows besides the answer: whether an org inventory can tell a 401 apart. */
export interface InterpretHints {
  orgInventory?: boolean;
}

export function interpret(
  res: ProbeResponse,
  config: IntegrationConfig,
  now: Date,
  hints: InterpretHints = {},
): ProbeOutcome {
  const service = config.product === 'confluence' ? 'Confluence' : 'Jira';
  const ignored = seraphReasons(res.headers).includes('AUTHENTICATED_FAILED');
  const common = commonFailure(res, service, now);
  if (common?.verdict === 'rejected') {
    return atlassianRefusal(res, {
      config,
      service,
      flaggedFailed: ignored,
      orgInventory: hints.orgInventory,
    });
  }
  if (common) return common;
  if (res.status === 403) {
    return {
      verdict: 'insufficient-scope',
      message: `${service} answered 403: the token is accepted but may not read the current user; a token with scopes needs ${IDENTITY_SCOPES[config.product ?? 'jira']}`,
    };
  }
  const json = readJson(res, service);
  if (!json.ok) return json.outcome;
  if (res.status !== 200) {
    return {
      verdict: 'unexpected-response',
      message: `${service} answered ${res.status} where 200 was expected — check the site URL${config.cloudId ? ' and cloudId' : ''}`,
    };
  }
  const identity = ignored ? null : identityFrom(json.value, res);
  if (!identity) {
    return {
      verdict: 'anonymous',
      message: `${service} answered 200 but as an anonymous user — the token was ignored${ignored ? ' (X-Seraph-LoginReason: AUTHENTICATED_FAILED)' : ''}`,
    };
  }
  return {
    verdict: 'healthy',
    message: `${service} accepted the token as ${identity.displayName ?? identity.id}`,
    identity,
  };
}

export const atlassianApiTokenProbe: Probe<string> = {
  label: CREDENTIAL_KIND_LABEL['atlassian-api-token'],
  service: atlassianProduct,
  revocationLagMs: ATLASSIAN_TOKEN_REVOCATION_MS,
  defaultBaseUrl: null,
  // One call to the identity endpoint.
  maxRequests: 1,
  parseSecret: plainSecret,
  async check({ config, secret, http, now, orgInventory }) {
    const res = await http.send(buildRequest(config, secret));
    return interpret(res, config, now, { orgInventory });
  },
};
