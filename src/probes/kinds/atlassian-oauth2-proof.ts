/**
 * Proves an Atlassian OAuth 2.0 access token works: accessible-resources only lists the sites a
 * grant could reach, so the token then asks the product it was granted for who it is through the
 * gateway: Jira's Get current user (`/ex/jira/{cloudId}/rest/api/3/myself`), or Confluence's
 * (`/ex/confluence/{cloudId}/wiki/rest/api/user/current`) for `product: confluence`, whose
 * scopes a Confluence-only grant holds.
 */
import type { IntegrationConfig } from '../../domain/integration';
import type { Identity } from '../../domain/result';
import type { HttpClient, ProbeRequest, ProbeResponse } from '../../http/client';
import { bearer, commonFailure, field, joinUrl, readJson, str } from '../interpret';
import type { ProbeOutcome } from '../probe';
import { IDENTITY_SCOPES } from './atlassian-refusal';

const SERVICE = 'Atlassian';
type Product = keyof typeof IDENTITY_SCOPES;
const PRODUCT = { jira: 'Jira', confluence: 'Confluence' } as const;
const CURRENT_USER = {
  jira: (cloudId: string) => `/ex/jira/${cloudId}/rest/api/3/myself`,
  confluence: (cloudId: string) => `/ex/confluence/${cloudId}/wiki/rest/api/user/current`,
} as const;

const productOf = (config: IntegrationConfig): Product => config.product ?? 'jira';

export interface Site {
  id: string;
  name: string;
  url: string;
  scopes: string[];
}

/** The configured site, else the first with scopes of the product; null when none has any. */
export function proofSite(sites: Site[], config: IntegrationConfig): Site | null {
  if (config.cloudId) return sites.find((s) => s.id === config.cloudId) ?? null;
  const product = productOf(config);
  return sites.find((s) => s.scopes.some((scope) => scope.includes(product))) ?? null;
}

export function buildMyselfRequest(
  config: IntegrationConfig,
  site: Site,
  accessToken: string,
): ProbeRequest {
  const path = CURRENT_USER[productOf(config)](encodeURIComponent(site.id));
  return {
    method: 'GET',
    url: joinUrl(config.baseUrl ?? 'https://api.atlassian.com', path),
    headers: bearer(accessToken),
  };
}

function statusFailure(
  res: ProbeResponse,
  site: Site,
  product: Product,
  now: Date,
): ProbeOutcome | null {
  const where = `${PRODUCT[product]} on ${site.name}`;
  if (res.status === 401 && /scope does not match/i.test(res.text)) {
    return {
      verdict: 'insufficient-scope',
      message: `${SERVICE} answered 401 "scope does not match" when the token asked ${where} who it is: the grant lacks ${IDENTITY_SCOPES[product]}; add it to the app in the developer console and have the user consent again`,
    };
  }
  const common = commonFailure(res, SERVICE, now);
  if (common?.verdict === 'rejected') {
    return {
      ...common,
      message: `${SERVICE} listed the token's sites but ${where} answered 401: the token was revoked meanwhile, or the consenting user lost access to the site`,
    };
  }
  if (common) return common;
  if (res.status === 403) {
    return {
      verdict: 'insufficient-scope',
      message: `${where} answered 403: the consenting user may not use ${PRODUCT[product]} on that site`,
    };
  }
  if (res.status !== 200) {
    return {
      verdict: 'unexpected-response',
      message: `${where} answered ${res.status} to Get current user where 200 was expected — check the base URL and cloudId`,
    };
  }
  return null;
}

/** Jira names the address `emailAddress`, Confluence `email`. */
export function interpretMyself(
  res: ProbeResponse,
  site: Site,
  now: Date,
  product: Product = 'jira',
): ProbeOutcome {
  const failure = statusFailure(res, site, product, now);
  if (failure) return failure;
  const json = readJson(res, SERVICE);
  if (!json.ok) return json.outcome;
  const where = `${PRODUCT[product]} on ${site.name}`;
  const id = str(field(json.value, 'accountId'));
  if (!id) {
    return {
      verdict: 'unexpected-response',
      message: `${where} answered 200 without an accountId — check the base URL`,
    };
  }
  const displayName = str(field(json.value, 'displayName'));
  const email = str(field(json.value, 'emailAddress')) ?? str(field(json.value, 'email'));
  const identity: Identity = {
    id,
    ...(displayName ? { displayName } : {}),
    ...(email ? { email } : {}),
  };
  return {
    verdict: 'healthy',
    message: `${SERVICE} accepted the access token: ${where} knows it as ${displayName ?? id}`,
    identity,
  };
}

/** Runs the proof after a good site list; keeps the list's facts and adds where it was proved. */
export async function proveToken(
  http: HttpClient,
  config: IntegrationConfig,
  listed: { outcome: ProbeOutcome; sites: Site[] },
  accessToken: string,
  now: Date,
): Promise<ProbeOutcome> {
  const { outcome, sites } = listed;
  if (outcome.verdict !== 'healthy') return outcome;
  const site = proofSite(sites, config);
  const product = productOf(config);
  if (!site) {
    const proof = `not proved: no site lists a ${PRODUCT[product]} scope, so Get current user cannot be asked`;
    return { ...outcome, facts: { ...outcome.facts, proof } };
  }
  const res = await http.send(buildMyselfRequest(config, site, accessToken));
  const proved = interpretMyself(res, site, now, product);
  return { ...proved, facts: { ...outcome.facts, provedOn: `${site.name} (${site.id})` } };
}
