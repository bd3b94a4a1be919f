import type { IntegrationConfig } from '../../domain/integration';
import type { ProbeRequest, ProbeResponse } from '../http';
import { bearer, commonFailure, field, joinUrl, plainSecret, readJson, str } from '../interpret';
import type { Probe, ProbeOutcome } from '../probe';

const GATEWAY = 'https://api.atlassian.com';
const SERVICE = 'Atlassian Admin API';

/**
 * Reads the one organisation the key is meant for. Never `GET /admin/v1/orgs`: that list answers
 * 200 `{"data":[]}` to any key at all, so it cannot tell a live key from a dead one.
 */
export function buildRequest(config: IntegrationConfig, apiKey: string): ProbeRequest {
  const orgId = encodeURIComponent(config.orgId ?? '');
  return {
    method: 'GET',
    url: joinUrl(config.baseUrl ?? GATEWAY, `/admin/v1/orgs/${orgId}`),
    headers: bearer(apiKey),
  };
}

function statusFailure(res: ProbeResponse, orgId: string, now: Date): ProbeOutcome | null {
  const common = commonFailure(res, SERVICE, now);
  if (common?.verdict === 'rejected') {
    return {
      ...common,
      message: `${SERVICE} answered 401: the API key is no longer accepted (revoked, expired or mistyped); create a new key in Atlassian Administration`,
    };
  }
  if (common) return common;
  if (res.status === 403) {
    return {
      verdict: 'insufficient-scope',
      message: `${SERVICE} answered 403: the key is accepted but may not read organisation ${orgId} (a scoped key without read:orgs:admin?)`,
    };
  }
  if (res.status === 404) {
    // The key authenticated (else 401) but cannot see this org: it is not the key for this org.
    return {
      verdict: 'insufficient-scope',
      message: `${SERVICE} answered 404 for organisation ${orgId}: wrong orgId, or a key of another organisation; check both in Atlassian Administration`,
    };
  }
  if (res.status !== 200) {
    return {
      verdict: 'unexpected-response',
      message: `${SERVICE} answered ${res.status} where 200 was expected — check the base URL`,
    };
  }
  return null;
}

function judgeOrg(body: unknown, orgId: string): ProbeOutcome {
  const data = field(body, 'data');
  if (data === null || (Array.isArray(data) && data.length === 0)) {
    return {
      verdict: 'anonymous',
      message: `${SERVICE} answered 200 with no organisation: it did not recognise the key; create a new key in Atlassian Administration`,
    };
  }
  const id = str(field(data, 'id'));
  if (Array.isArray(data) || !id) {
    return {
      verdict: 'unexpected-response',
      message: `${SERVICE} answered 200 without an organisation object (data.id) — check the base URL`,
    };
  }
  if (id !== orgId) {
    return {
      verdict: 'unexpected-response',
      message: `${SERVICE} answered for organisation ${id} instead of ${orgId} — check the base URL`,
    };
  }
  const name = str(field(data, 'attributes', 'name'));
  return {
    verdict: 'healthy',
    message: `${SERVICE} accepted the key for organisation ${name ?? orgId}`,
    identity: { id: orgId, ...(name ? { displayName: name } : {}) },
  };
}

export function interpret(res: ProbeResponse, config: IntegrationConfig, now: Date): ProbeOutcome {
  const orgId = config.orgId ?? '';
  const failure = statusFailure(res, orgId, now);
  if (failure) return failure;
  const json = readJson(res, SERVICE);
  if (!json.ok) return json.outcome;
  return judgeOrg(json.value, orgId);
}

/** The key cannot read its own expiry: the engine falls back to the date the admin entered. */
export const atlassianAdminApiKeyProbe: Probe<string> = {
  label: 'Atlassian Admin API key',
  defaultBaseUrl: GATEWAY,
  parseSecret: plainSecret,
  async check({ config, secret, http, now }) {
    const res = await http.send(buildRequest(config, secret));
    return interpret(res, config, now);
  },
};
