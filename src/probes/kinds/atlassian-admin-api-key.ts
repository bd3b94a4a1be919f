import { CREDENTIAL_KIND_LABEL } from '../../domain/kind-labels';
import type { IntegrationConfig } from '../../domain/integration';
import type { HttpClient, ProbeRequest, ProbeResponse } from '../../http/client';
import { bearer, commonFailure, field, joinUrl, plainSecret, readJson, str } from '../interpret';
import type { Probe, ProbeOutcome } from '../probe';
import { readKeyExpiry, type KeyItem, type Listing } from './admin-api-keys';

const GATEWAY = 'https://api.atlassian.com';
const SERVICE = 'Atlassian Admin API';
/** "Get all API keys in an org" needs read:keys:admin (developer.atlassian.com/cloud/admin/scopes). */
export const KEYS_SCOPE = 'read:keys:admin';
/** Pages read while looking for the key; one is the rule, an org has few keys. */
const MAX_PAGES = 5;

/**
 * Lists the org's API keys: an operation the inventory's key (read:tokens:admin, read:keys:admin)
 * may call, and the place the key's own expiry is listed. Not `/admin/v1/orgs/{orgId}`: that
 * needs read:orgs:admin, which such a key lacks. Never `GET /admin/v1/orgs`: it answers
 * 200 `{"data":[]}` to any key at all (jira.atlassian.com/browse/ACCESS-966).
 */
export function buildRequest(
  config: IntegrationConfig,
  apiKey: string,
  url?: string,
): ProbeRequest {
  const orgId = encodeURIComponent(config.orgId ?? '');
  const first = `/admin/api-access/v1/orgs/${orgId}/api-keys`;
  return {
    method: 'GET',
    url: url ?? joinUrl(config.baseUrl ?? GATEWAY, first),
    headers: bearer(apiKey),
  };
}

const missingScope = (status: number) => ({
  verdict: 'insufficient-scope' as const,
  message: `${SERVICE} answered ${status}: the key is accepted but lacks the ${KEYS_SCOPE} scope it needs to list the organisation's API keys; create a key with ${KEYS_SCOPE} (and read:tokens:admin for the token inventory), or one without scopes`,
});

function statusFailure(res: ProbeResponse, orgId: string, now: Date): ProbeOutcome | null {
  // The gateway's answer to a token without the operation's scope (seen on the product APIs).
  if (res.status === 401 && /scope does not match/i.test(res.text)) return missingScope(401);
  const common = commonFailure(res, SERVICE, now);
  if (common?.verdict === 'rejected') {
    return {
      ...common,
      message: `${SERVICE} answered 401: the API key is no longer accepted (revoked, expired or mistyped); create a new key in Atlassian Administration`,
    };
  }
  if (common) return common;
  // The Admin API's 403 names no scope; listing keys needs only this one.
  if (res.status === 403) return missingScope(403);
  if (res.status === 404) {
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

type Page =
  { ok: true; items: KeyItem[]; next: string | null } | { ok: false; outcome: ProbeOutcome };

function readPage(res: ProbeResponse, orgId: string): Page {
  const json = readJson(res, SERVICE);
  if (!json.ok) return json;
  const data = field(json.value, 'data');
  if (!Array.isArray(data)) {
    const message = `${SERVICE} answered 200 without the list of API keys (data) — check the base URL`;
    return { ok: false, outcome: { verdict: 'unexpected-response', message } };
  }
  const items = data.filter((k): k is KeyItem => typeof k === 'object' && k !== null);
  const other = items.map((k) => str(k['orgId'])).find((id) => id && id !== orgId);
  if (other) {
    const message = `${SERVICE} answered with the keys of organisation ${other} instead of ${orgId} — check the base URL`;
    return { ok: false, outcome: { verdict: 'unexpected-response', message } };
  }
  return { ok: true, items, next: str(field(json.value, 'links', 'next')) ?? null };
}

/** links.next is a cursor or a URL; a URL is followed only on the same origin as the first page. */
function nextUrl(current: string, next: string | null): string | null {
  if (!next) return null;
  const url = new URL(current);
  if (!/^https?:\/\//i.test(next)) {
    url.searchParams.set('cursor', next);
    return url.toString();
  }
  return new URL(next).origin === url.origin ? next : null;
}

/** Later pages only add to what is known: any failure there ends the listing as incomplete. */
async function readRest(
  http: HttpClient,
  req: ProbeRequest,
  first: Page & { ok: true },
  config: IntegrationConfig,
): Promise<Listing> {
  const items = [...first.items];
  let url = nextUrl(req.url, first.next);
  const wanted = config.tokenId;
  for (let pages = 1; url && pages < MAX_PAGES; pages += 1) {
    // A name may repeat on a later page; an id may not.
    if (wanted && items.some((k) => str(k['id']) === wanted)) break;
    const res = await http.send({ ...req, url }).catch(() => null);
    const page = res?.status === 200 ? readPage(res, config.orgId ?? '') : null;
    if (!page?.ok) return { items, complete: false };
    items.push(...page.items);
    url = nextUrl(url, page.next);
  }
  return { items, complete: !url };
}

export async function checkKey(
  http: HttpClient,
  config: IntegrationConfig,
  apiKey: string,
  now: Date,
): Promise<ProbeOutcome> {
  const orgId = config.orgId ?? '';
  const req = buildRequest(config, apiKey);
  const res = await http.send(req);
  const failure = statusFailure(res, orgId, now);
  if (failure) return failure;
  const page = readPage(res, orgId);
  if (!page.ok) return page.outcome;
  const expiry = readKeyExpiry(await readRest(http, req, page, config), config);
  const unknown = expiry.expiresAt ? '' : `; expiry ${expiry.facts?.expiry ?? 'unknown'}`;
  return {
    verdict: 'healthy',
    message: `${SERVICE} accepted the key and listed the API keys of organisation ${orgId}${unknown}`,
    identity: { id: orgId },
    ...expiry,
  };
}

export const atlassianAdminApiKeyProbe: Probe<string> = {
  label: CREDENTIAL_KIND_LABEL['atlassian-admin-api-key'],
  service: () => 'the Atlassian Admin API',
  // Documented: "It may take up to 10 minutes for a revoked key to stop working" (Atlassian's
  // Admin API key page, quoted by Atlassian staff in community.atlassian.com qaq-p/1246938).
  revocationLagMs: 10 * 60_000,
  defaultBaseUrl: GATEWAY,
  // The first page and up to MAX_PAGES − 1 more.
  maxRequests: MAX_PAGES,
  parseSecret: plainSecret,
  check: ({ config, secret, http, now }) => checkKey(http, config, secret, now),
};
