/**
 * Where a Bitbucket Data Center HTTP access token's expiry comes from: its entry among its
 * user's, project's or repository's tokens (Bitbucket REST reference, group "Authentication").
 * Every failure here only means "expiry unknown": the token itself already proved it works.
 */
import { tokenScope, type TokenScope } from '../../domain/bitbucket-scope';
import { DAY_MS } from '../../domain/expiry';
import type { IntegrationConfig } from '../../domain/integration';
import type { HttpClient, ProbeRequest, ProbeResponse } from '../../http/client';
import { bearer, field, joinUrl, parseDate, readJson, str } from '../interpret';
import type { ProbeOutcome } from '../probe';
import { dateFact, embeddedTokenId, sendQuietly } from './datacenter-identity';

export const SERVICE = 'Bitbucket Data Center';
const PAGE_LIMIT = 100;
/** Enough for any real scope's tokens; a bound so a broken pager cannot loop forever. */
const MAX_PAGES = 5;
const TOKENS = '/rest/access-tokens/latest';

type TokenEntry = Record<string, unknown>;
export type ExpiryRead = Pick<ProbeOutcome, 'expiresAt' | 'expirySource' | 'facts'>;

function unknown(why: string, extra: Record<string, string> = {}): ExpiryRead {
  return {
    facts: { ...extra, expiry: `unknown: ${why}; the expiry date entered here is used, if any` },
  };
}

function request(config: IntegrationConfig, token: string, path: string): ProbeRequest {
  return { method: 'GET', url: joinUrl(config.baseUrl ?? '', path), headers: bearer(token) };
}

export function buildTokenRequest(
  config: IntegrationConfig,
  token: string,
  scope: TokenScope,
  id: string,
): ProbeRequest {
  return request(config, token, `${TOKENS}${scope.path}/${encodeURIComponent(id)}`);
}

export function buildTokensRequest(
  config: IntegrationConfig,
  token: string,
  scope: TokenScope,
  start: number,
): ProbeRequest {
  return request(config, token, `${TOKENS}${scope.path}?start=${start}&limit=${PAGE_LIMIT}`);
}

/** The facts an admin needs to re-create the token as it was, and its expiry when certain. */
export function tokenExpiry(entry: TokenEntry): ExpiryRead {
  const permissions = field(entry, 'permissions');
  const days = entry['expiryDays'];
  const facts: Record<string, string> = {
    tokenId: str(entry['id']) ?? 'unknown',
    tokenName: str(entry['name']) ?? '(unnamed)',
    permissions: Array.isArray(permissions) ? permissions.map(String).join(', ') : 'unknown',
    tokenCreated: dateFact(entry['createdDate'], 'unknown'),
    lastAuthenticated: dateFact(entry['lastAuthenticated'], 'unknown'),
    ...(typeof days === 'number' && days > 0 ? { expiryDays: String(days) } : {}),
  };
  const expiresAt = expiryOf(entry);
  if (expiresAt) return { expiresAt, expirySource: 'service', facts };
  // The reference documents only id, name and createdDate: a missing expiry is not "no expiry".
  return unknown(
    `${SERVICE} sent no expiryDays (or no createdDate) for this token — it may never expire, or this version does not say`,
    facts,
  );
}

/** expiryDate when sent; else createdDate (epoch millis or ISO text) plus expiryDays. */
function expiryOf(entry: TokenEntry): Date | null {
  const stated = parseDate(entry['expiryDate']);
  if (stated) return stated;
  const created = parseDate(entry['createdDate']);
  const days = entry['expiryDays'];
  if (!created || typeof days !== 'number' || !(days > 0)) return null;
  return new Date(created.getTime() + days * DAY_MS);
}

/** One token by id: the cheap, certain way when the id is known. */
async function readById(
  http: HttpClient,
  config: IntegrationConfig,
  token: string,
  scope: TokenScope,
  id: string,
): Promise<ExpiryRead> {
  const res = await sendQuietly(http, buildTokenRequest(config, token, scope, id));
  const json = res?.status === 200 ? readJson(res, SERVICE) : null;
  if (json?.ok && str(field(json.value, 'id')) === id) {
    return tokenExpiry(json.value as TokenEntry);
  }
  if (res?.status === 404) {
    return unknown(
      `${SERVICE} has no token ${id} among the tokens of ${scope.label} (404) — check the owner, project key and repository slug`,
    );
  }
  return unknown(`${SERVICE} ${why(res)} when asked for token ${id} of ${scope.label}`);
}

function why(res: ProbeResponse | null): string {
  if (!res) return 'did not answer';
  // Bitbucket answers 401 also when the token may not read tokens: it proves nothing here.
  return res.status === 200 ? 'answered without a token' : `answered ${res.status}`;
}

type Page = { ok: true; values: TokenEntry[]; next: number | null } | { ok: false; why: string };

/** One page of {values, isLastPage, nextPageStart}; anything else is a reason, never a verdict. */
export function interpretTokenPage(res: ProbeResponse | null): Page {
  if (res?.status !== 200) return { ok: false, why: why(res) };
  const json = readJson(res, SERVICE);
  const values = json.ok ? field(json.value, 'values') : undefined;
  if (!json.ok || !Array.isArray(values)) {
    return { ok: false, why: 'answered without a token list' };
  }
  const last = field(json.value, 'isLastPage') !== false;
  const next = field(json.value, 'nextPageStart');
  return {
    ok: true,
    values: values.filter((v): v is TokenEntry => typeof v === 'object' && v !== null),
    next: !last && typeof next === 'number' ? next : null,
  };
}

async function listTokens(
  http: HttpClient,
  config: IntegrationConfig,
  token: string,
  scope: TokenScope,
): Promise<{ entries: TokenEntry[]; complete: boolean } | { why: string }> {
  const entries: TokenEntry[] = [];
  let start: number | null = 0;
  for (let page = 0; page < MAX_PAGES && start !== null; page += 1) {
    const res = await sendQuietly(http, buildTokensRequest(config, token, scope, start));
    const read = interpretTokenPage(res);
    if (!read.ok) return { why: read.why };
    entries.push(...read.values);
    start = read.next;
  }
  return { entries, complete: start === null };
}

/** Without an id: the token named by config.tokenId, else the only token of a complete list. */
async function readByListing(
  http: HttpClient,
  config: IntegrationConfig,
  token: string,
  scope: TokenScope,
): Promise<ExpiryRead> {
  const listed = await listTokens(http, config, token, scope);
  if ('why' in listed) {
    return unknown(`${SERVICE} ${listed.why} when asked for the tokens of ${scope.label}`);
  }
  const { entries, complete } = listed;
  const wanted = config.tokenId;
  const found = wanted
    ? entries.filter((t) => t['name'] === wanted)
    : complete && entries.length === 1
      ? entries
      : [];
  const [entry] = found;
  if (found.length === 1 && entry) return tokenExpiry(entry);
  const named = wanted ? `named "${wanted}"` : 'known to be this one';
  return unknown(
    `${SERVICE} lists ${entries.length}${complete ? '' : '+'} tokens for ${scope.label} and ${found.length > 1 ? `${found.length} are` : 'none is'} ${named}; set tokenId to its id or name`,
  );
}

/** The id inside the token is certain; a different tokenId in the settings is stale. */
function pickId(config: IntegrationConfig, token: string): { id: string | null; note?: string } {
  const inside = embeddedTokenId(token);
  const configured = config.tokenId && /^\d+$/.test(config.tokenId) ? config.tokenId : null;
  if (inside && configured && inside !== configured) {
    return {
      id: inside,
      note: `tokenId ${configured} in the settings is not this token (its id is ${inside}); the token's own id is used`,
    };
  }
  return { id: inside ?? configured };
}

export async function readExpiry(
  http: HttpClient,
  config: IntegrationConfig,
  token: string,
): Promise<ExpiryRead> {
  const scope = tokenScope(config);
  if (!scope) {
    return unknown(
      `set the token owner's user slug, or the project key (and repository slug) of a project or repository token, so ${SERVICE} can say`,
    );
  }
  const { id, note } = pickId(config, token);
  const read = id
    ? await readById(http, config, token, scope, id)
    : await readByListing(http, config, token, scope);
  return note ? { ...read, facts: { ...read.facts, tokenIdNote: note } } : read;
}
