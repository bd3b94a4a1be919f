import { DAY_MS } from '../../domain/expiry';
import type { IntegrationConfig } from '../../domain/integration';
import type { HttpClient, ProbeRequest, ProbeResponse } from '../http';
import { bearer, commonFailure, field, joinUrl, plainSecret, readJson, str } from '../interpret';
import type { Probe, ProbeOutcome } from '../probe';
import { dateFact, embeddedTokenId, headerIdentity, sendQuietly } from './datacenter-identity';

const SERVICE = 'Bitbucket Data Center';
const PAGE_LIMIT = 100;
/** Enough for any real user's tokens; a bound so a broken pager cannot loop forever. */
const MAX_PAGES = 5;
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

export function buildTokensRequest(
  config: IntegrationConfig,
  token: string,
  start: number,
): ProbeRequest {
  const slug = encodeURIComponent(config.username ?? '');
  const path = `/rest/access-tokens/latest/users/${slug}?start=${start}&limit=${PAGE_LIMIT}`;
  return { method: 'GET', url: joinUrl(config.baseUrl ?? '', path), headers: bearer(token) };
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

type TokenEntry = Record<string, unknown>;
type Page = { ok: true; values: TokenEntry[]; next: number | null } | { ok: false; why: string };

/** One page of {values, isLastPage, nextPageStart}; anything else is a reason, never a verdict. */
export function interpretTokenPage(res: ProbeResponse | null): Page {
  if (!res) return { ok: false, why: 'did not answer' };
  // Bitbucket answers 401 also when the token may not list tokens: it proves nothing here.
  if (res.status !== 200) return { ok: false, why: `answered ${res.status}` };
  const json = readJson(res, SERVICE);
  const values = json.ok ? field(json.value, 'values') : undefined;
  if (!json.ok || !Array.isArray(values))
    return { ok: false, why: 'answered without a token list' };
  const last = field(json.value, 'isLastPage') !== false;
  const next = field(json.value, 'nextPageStart');
  return {
    ok: true,
    values: values.filter((v): v is TokenEntry => typeof v === 'object' && v !== null),
    next: !last && typeof next === 'number' ? next : null,
  };
}

/** By the id inside the token, then config.tokenId (id or name), then the only token of a full list. */
export function findToken(
  entries: TokenEntry[],
  complete: boolean,
  token: string,
  config: IntegrationConfig,
): TokenEntry | null {
  const ids = [embeddedTokenId(token), config.tokenId].filter((v): v is string => !!v);
  const byId = entries.find(
    (t) => ids.includes(str(t['id']) ?? '') || ids.includes(str(t['name']) ?? ''),
  );
  if (byId) return byId;
  return complete && entries.length === 1 ? (entries[0] ?? null) : null;
}

type ExpiryRead = Pick<ProbeOutcome, 'expiresAt' | 'expirySource' | 'facts'>;

export function tokenExpiry(entry: TokenEntry): ExpiryRead {
  const permissions = field(entry, 'permissions');
  const facts: Record<string, string> = {
    tokenName: str(entry['name']) ?? '(unnamed)',
    permissions: Array.isArray(permissions) ? permissions.join(', ') : 'unknown',
    lastAuthenticated: dateFact(entry['lastAuthenticated'], 'never'),
  };
  const days = entry['expiryDays'];
  const created = typeof entry['createdDate'] === 'number' ? entry['createdDate'] : NaN;
  if (typeof days !== 'number' || days <= 0 || Number.isNaN(created)) {
    return { facts: { ...facts, expiry: 'never: the token has no expiry date' } };
  }
  return { expiresAt: new Date(created + days * DAY_MS), expirySource: 'service', facts };
}

async function listTokens(
  http: HttpClient,
  config: IntegrationConfig,
  token: string,
): Promise<{ entries: TokenEntry[]; complete: boolean } | { why: string }> {
  const entries: TokenEntry[] = [];
  let start: number | null = 0;
  for (let page = 0; page < MAX_PAGES && start !== null; page += 1) {
    const read = interpretTokenPage(
      await sendQuietly(http, buildTokensRequest(config, token, start)),
    );
    if (!read.ok) return { why: read.why };
    entries.push(...read.values);
    start = read.next;
  }
  return { entries, complete: start === null };
}

async function readExpiry(
  http: HttpClient,
  config: IntegrationConfig,
  token: string,
): Promise<ExpiryRead> {
  if (!config.username) {
    return {
      facts: {
        expiry: `set username to the token owner's user slug so ${SERVICE}'s token list can give the expiry; until then the date entered here is used`,
      },
    };
  }
  const listed = await listTokens(http, config, token);
  if ('why' in listed) {
    return {
      facts: {
        expiry: `${SERVICE} ${listed.why} when asked for ${config.username}'s tokens; the expiry date entered here is used`,
      },
    };
  }
  const entry = findToken(listed.entries, listed.complete, token, config);
  if (entry) return tokenExpiry(entry);
  return {
    facts: {
      expiry: `${SERVICE} lists ${listed.entries.length} tokens for ${config.username} and none is known to be this one; set tokenId to its id or name, else the date entered here is used`,
    },
  };
}

export const bitbucketDatacenterTokenProbe: Probe<string> = {
  label: 'Bitbucket Data Center HTTP access token',
  defaultBaseUrl: null,
  parseSecret: plainSecret,
  async check({ config, secret, http, now }) {
    const outcome = interpret(await http.send(buildRequest(config, secret)), now);
    if (outcome.verdict !== 'healthy') return outcome;
    const expiry = await readExpiry(http, config, secret);
    return { ...outcome, ...expiry, facts: { ...outcome.facts, ...expiry.facts } };
  },
};
