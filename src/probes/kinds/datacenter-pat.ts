import { CREDENTIAL_KIND_LABEL } from '../../domain/kind-labels';
import type { IntegrationConfig } from '../../domain/integration';
import type { Identity } from '../../domain/result';
import type { ProbeRequest, ProbeResponse } from '../../http/client';
import {
  bearer,
  commonFailure,
  field,
  joinUrl,
  plainSecret,
  readJson,
  seraphReasons,
  str,
} from '../interpret';
import type { Probe, ProbeOutcome } from '../probe';
import { PROMPT_REVOCATION_MS } from '../probe';
import { headerIdentity, isAnonymousHeader } from './datacenter-identity';
import { readExpiry, serviceName } from './datacenter-pat-expiry';

export function buildRequest(config: IntegrationConfig, token: string): ProbeRequest {
  const path = config.product === 'confluence' ? '/rest/api/user/current' : '/rest/api/2/myself';
  return { method: 'GET', url: joinUrl(config.baseUrl ?? '', path), headers: bearer(token) };
}

/** Jira's /myself {key, name, …} or Confluence's /user/current {type, userKey, username, …}. */
export function identityFrom(
  body: unknown,
  res: ProbeResponse,
  config: IntegrationConfig,
): Identity | null {
  const failedLogin = seraphReasons(res.headers).includes('AUTHENTICATED_FAILED');
  if (failedLogin || isAnonymousHeader(res.headers) || field(body, 'type') === 'anonymous') {
    return null;
  }
  const confluence = config.product === 'confluence';
  const username = str(field(body, confluence ? 'username' : 'name'));
  const id = str(field(body, confluence ? 'userKey' : 'key')) ?? username;
  if (!id) return headerIdentity(res.headers);
  return {
    id,
    username,
    displayName: str(field(body, 'displayName')),
    email: str(field(body, 'emailAddress')),
  };
}

function failure(res: ProbeResponse, service: string, now: Date): ProbeOutcome | null {
  const common = commonFailure(res, service, now);
  if (
    common?.verdict === 'rejected' &&
    seraphReasons(res.headers).includes('AUTHENTICATED_FAILED')
  ) {
    return {
      ...common,
      message: `${service} answered 401 and flagged the login as failed (AUTHENTICATED_FAILED): the personal access token is revoked, expired or mistyped — create a new one`,
    };
  }
  if (common) return common;
  if (res.status === 403) {
    return {
      verdict: 'insufficient-scope',
      message: `${service} answered 403: the token is accepted but its owner may not read their own profile (no product access, or a deactivated account?)`,
    };
  }
  return null;
}

export function interpret(res: ProbeResponse, config: IntegrationConfig, now: Date): ProbeOutcome {
  const service = serviceName(config);
  const failed = failure(res, service, now);
  if (failed) return failed;
  const json = readJson(res, service);
  if (!json.ok) return json.outcome;
  if (res.status !== 200) {
    return {
      verdict: 'unexpected-response',
      message: `${service} answered ${res.status} where 200 was expected — check the base URL (it must include any context path, e.g. /jira)`,
    };
  }
  const identity = identityFrom(json.value, res, config);
  if (!identity) {
    return {
      verdict: 'anonymous',
      message: `${service} answered 200 but as an anonymous user — the token was ignored (a proxy stripping the Authorization header, or PATs disabled?)`,
    };
  }
  return {
    verdict: 'healthy',
    message: `${service} accepted the token as ${identity.displayName ?? identity.username ?? identity.id}`,
    identity,
  };
}

export const datacenterPatProbe: Probe<string> = {
  label: CREDENTIAL_KIND_LABEL['datacenter-pat'],
  service: serviceName,
  // Data Center deletes the token from its database: refused at once.
  revocationLagMs: PROMPT_REVOCATION_MS,
  defaultBaseUrl: null,
  // The identity call and the token listing for its expiry.
  maxRequests: 2,
  parseSecret: plainSecret,
  async check({ config, secret, http, now }) {
    const res = await http.send(buildRequest(config, secret));
    const outcome = interpret(res, config, now);
    // Only a working token can list its owner's tokens; asking again after a 401 feeds the CAPTCHA.
    if (outcome.verdict !== 'healthy') return outcome;
    return { ...outcome, ...(await readExpiry(http, config, secret)) };
  },
};
