import { CREDENTIAL_KIND_LABEL } from '../../domain/kind-labels';
import type { IntegrationConfig } from '../../domain/integration';
import type { ProbeRequest, ProbeResponse } from '../../http/client';
import { bearer, commonFailure, field, joinUrl, plainSecret, readJson, str } from '../interpret';
import type { Probe, ProbeOutcome } from '../probe';
import { PROMPT_REVOCATION_MS } from '../probe';
import { readExpiry, SERVICE } from './bitbucket-datacenter-expiry';
import { headerIdentity } from './datacenter-identity';

const RENEWAL =
  'Bitbucket cannot renew an access token: create a new one, switch the integration to it, then delete the old one';

/** Anonymous-capable: Bitbucket answers 200 even without auth, so only the headers say who we are. */
export function buildRequest(config: IntegrationConfig, token: string): ProbeRequest {
  return {
    method: 'GET',
    url: joinUrl(config.baseUrl ?? '', '/rest/api/latest/application-properties'),
    headers: bearer(token),
  };
}

/** Bitbucket's error body: {"errors":[{"message": "..."}]}. */
function errorMessage(res: ProbeResponse): string | undefined {
  const json = readJson(res, SERVICE);
  const errors = json.ok ? field(json.value, 'errors') : undefined;
  return Array.isArray(errors) ? str(field(errors[0], 'message')) : undefined;
}

function failure(res: ProbeResponse, now: Date): ProbeOutcome | null {
  const common = commonFailure(res, SERVICE, now);
  if (common?.verdict === 'rejected') {
    const said = errorMessage(res);
    return {
      ...common,
      message: `${SERVICE} answered 401${said ? ` ("${said}")` : ''}: the access token is revoked, expired or mistyped — create a new one (Bitbucket cannot renew tokens)`,
    };
  }
  if (common) return common;
  if (res.status === 403) {
    return {
      verdict: 'insufficient-scope',
      message: `${SERVICE} answered 403${res.headers['x-ausername'] ? ` for ${res.headers['x-ausername']}` : ''}: the token is accepted but refused even the server information`,
    };
  }
  return null;
}

export function interpret(res: ProbeResponse, now: Date): ProbeOutcome {
  const failed = failure(res, now);
  if (failed) return failed;
  const json = readJson(res, SERVICE);
  if (!json.ok) return json.outcome;
  const version = str(field(json.value, 'version'));
  if (res.status !== 200 || Array.isArray(json.value) || !version) {
    return {
      verdict: 'unexpected-response',
      message: `${SERVICE} answered ${res.status} without Bitbucket's application properties — check that the base URL points at Bitbucket (with its context path)`,
    };
  }
  const identity = headerIdentity(res.headers);
  if (!identity) {
    return {
      verdict: 'anonymous',
      message: `${SERVICE} answered 200 as an anonymous user (no X-AUSERNAME header): the token was ignored — a proxy stripping the Authorization header?`,
    };
  }
  return {
    verdict: 'healthy',
    message: `${SERVICE} accepted the token as ${identity.username ?? identity.id}`,
    identity,
    facts: { bitbucketVersion: version, renewal: RENEWAL },
  };
}

export const bitbucketDatacenterTokenProbe: Probe<string> = {
  label: CREDENTIAL_KIND_LABEL['bitbucket-datacenter-token'],
  service: () => 'Bitbucket Data Center',
  // Bitbucket deletes the token from its database: refused at once.
  revocationLagMs: PROMPT_REVOCATION_MS,
  defaultBaseUrl: null,
  // The identity call, then the expiry: one token read or up to five listing pages.
  maxRequests: 6,
  parseSecret: plainSecret,
  async check({ config, secret, http, now }) {
    const outcome = interpret(await http.send(buildRequest(config, secret)), now);
    if (outcome.verdict !== 'healthy') return outcome;
    const expiry = await readExpiry(http, config, secret);
    return { ...outcome, ...expiry, facts: { ...outcome.facts, ...expiry.facts } };
  },
};
