import { CREDENTIAL_KIND_LABEL } from '../../domain/kind-labels';
import type { IntegrationConfig } from '../../domain/integration';
import { scimDirectoryOf } from '../../domain/kind-rules';
import type { ProbeRequest, ProbeResponse } from '../../http/client';
import { bearer, commonFailure, field, joinUrl, plainSecret, readJson } from '../interpret';
import { PROMPT_REVOCATION_MS, type Probe, type ProbeOutcome } from '../probe';

const GATEWAY = 'https://api.atlassian.com';
const SERVICE = 'Atlassian user provisioning';
/** RFC 7644 §3.4.2: a query's answer names this schema. */
const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

/** The directory's SCIM base: the URL as Atlassian shows it, or the origin plus the id. */
export function scimBase(config: IntegrationConfig): { base: string; directoryId: string } {
  const inUrl = scimDirectoryOf(config.baseUrl);
  if (config.baseUrl && inUrl) return { base: config.baseUrl, directoryId: inUrl };
  const directoryId = config.directoryId ?? '';
  const path = `/scim/directory/${encodeURIComponent(directoryId)}`;
  return { base: joinUrl(config.baseUrl ?? GATEWAY, path), directoryId };
}

/**
 * A read of one user (RFC 7644 §3.4.2.4 `count`), never a write: the key administers the whole
 * directory, and a check must change nothing in it. The key goes as a Bearer token
 * (developer.atlassian.com/cloud/admin/user-provisioning/rest/intro/).
 */
export function buildRequest(config: IntegrationConfig, key: string): ProbeRequest {
  return {
    method: 'GET',
    url: joinUrl(scimBase(config).base, '/Users?count=1'),
    headers: { ...bearer(key), Accept: 'application/scim+json, application/json' },
  };
}

const REJECTED =
  'the API key is no longer accepted (expired, regenerated — which stops the old key at once — or of another directory); provisioning and de-provisioning have stopped';

function statusFailure(res: ProbeResponse, directoryId: string, now: Date): ProbeOutcome | null {
  // Atlassian answers a key it does not accept with 401 or 403: an invalid key gets 403
  // Forbidden (support.okta.com, "Atlassian Cloud API Integration error … Forbidden"), a key of
  // another kind `{"error":"Not authorized to access : scim/directory/{directoryId}/Users",
  // "traceId":…}` (support.okta.com, "How to get the API Key and Directory ID needed to
  // authorize the Atlassian Admin Workflows Connector").
  if (res.status === 401 || res.status === 403) {
    return { verdict: 'rejected', message: `${SERVICE} answered ${res.status}: ${REJECTED}` };
  }
  const common = commonFailure(res, SERVICE, now);
  if (common) return common;
  if (res.status === 404) {
    return {
      verdict: 'unexpected-response',
      message: `${SERVICE} answered 404 for directory ${directoryId}: check the directory id (the part after /scim/directory/ in the SCIM base URL)`,
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

/** Named by its schema, as RFC 7644 §3.4.2 requires; a server that omits it still lists Resources. */
function isListResponse(value: unknown): boolean {
  const schemas = field(value, 'schemas');
  if (Array.isArray(schemas)) return schemas.includes(LIST_RESPONSE);
  return (
    typeof field(value, 'totalResults') === 'number' && Array.isArray(field(value, 'Resources'))
  );
}

async function checkKey(
  config: IntegrationConfig,
  key: string,
  send: (req: ProbeRequest) => Promise<ProbeResponse>,
  now: Date,
): Promise<ProbeOutcome> {
  const { directoryId } = scimBase(config);
  const res = await send(buildRequest(config, key));
  const failure = statusFailure(res, directoryId, now);
  if (failure) return failure;
  const json = readJson(res, SERVICE);
  if (!json.ok) return json.outcome;
  if (!isListResponse(json.value)) {
    return {
      verdict: 'unexpected-response',
      message: `${SERVICE} answered 200 without a SCIM ListResponse — check the base URL`,
    };
  }
  // No API tells the key's expiry: the date the admin typed (from the directory page) is judged.
  const expiry = config.expiresAt
    ? ''
    : '; enter its expiry date (Security › Identity providers › the directory shows it) to be warned ahead';
  return {
    verdict: 'healthy',
    message: `${SERVICE} accepted the API key and listed directory ${directoryId}${expiry}`,
    identity: { id: directoryId },
    facts: { directory: directoryId },
  };
}

export const scimDirectoryKeyProbe: Probe<string> = {
  label: CREDENTIAL_KIND_LABEL['scim-directory-key'],
  service: () => "Atlassian's provisioning API",
  // Regenerating the key stops the old one at once (Atlassian's user provisioning docs).
  revocationLagMs: PROMPT_REVOCATION_MS,
  defaultBaseUrl: GATEWAY,
  // One read of one user.
  maxRequests: 1,
  parseSecret: plainSecret,
  check: ({ config, secret, http, now }) => checkKey(config, secret, (r) => http.send(r), now),
};
