/**
 * Where a Jira or Confluence Data Center PAT's expiry comes from: its owner's token list
 * (Atlassian, "Using Personal Access Tokens": /rest/pat/latest/tokens). Every failure here only
 * means "expiry unknown": the token itself already proved it works.
 */
import type { IntegrationConfig } from '../../domain/integration';
import type { HttpClient, ProbeRequest, ProbeResponse } from '../../http/client';
import { bearer, joinUrl, parseDate, readJson, str } from '../interpret';
import type { ProbeOutcome } from '../probe';
import { dateFact, realExpiry, sendQuietly } from './datacenter-identity';

export function serviceName(config: IntegrationConfig): string {
  return config.product === 'confluence' ? 'Confluence Data Center' : 'Jira Data Center';
}

/** The signed-in user's own PATs: [{id, name, createdAt, expiringAt, lastAccessedAt}]. */
export function buildTokensRequest(config: IntegrationConfig, token: string): ProbeRequest {
  return {
    method: 'GET',
    url: joinUrl(config.baseUrl ?? '', '/rest/pat/latest/tokens'),
    headers: bearer(token),
  };
}

type TokenEntry = Record<string, unknown>;
type Match = { entry: TokenEntry } | { why: string };

/** A day as an admin copies it from the token page: the listed createdAt's own date part. */
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function only(found: TokenEntry[], what: string): Match {
  const [entry] = found;
  if (found.length === 1 && entry) return { entry };
  return {
    why:
      found.length === 0
        ? `no token in the list has ${what}`
        : `${found.length} tokens have ${what}`,
  };
}

/**
 * Picks this token's entry by what the listing really offers. The number inside a PAT is an
 * internal id the listing never shows, so it cannot be used: config.tokenId names the entry by
 * its listed id, its name or its creation day; without it only a lone token is certain.
 */
export function findToken(entries: TokenEntry[], config: IntegrationConfig): Match {
  const wanted = config.tokenId;
  if (!wanted) {
    const [lone] = entries;
    if (entries.length === 1 && lone) return { entry: lone };
    const listed = entries.length === 0 ? 'no token is' : `${entries.length} tokens are`;
    return { why: `${listed} listed for this user and none is known to be this one` };
  }
  const byId = entries.filter((t) => str(t['id']) === wanted);
  if (byId.length > 0) return only(byId, `id ${wanted}`);
  const byName = entries.filter((t) => t['name'] === wanted);
  if (byName.length > 0 || !DAY.test(wanted)) return only(byName, `the id or name "${wanted}"`);
  return only(
    entries.filter((t) => str(t['createdAt'])?.startsWith(wanted)),
    `the creation day ${wanted}`,
  );
}

/** The listed tokens, so an admin can tell which one to name in tokenId. */
function candidates(entries: TokenEntry[]): string {
  const shown = entries.slice(0, 5).map((t) => {
    const created = str(t['createdAt'])?.slice(0, 10) ?? 'unknown day';
    return `${str(t['id']) ?? '?'} "${str(t['name']) ?? ''}" (created ${created})`;
  });
  return shown.join('; ') + (entries.length > 5 ? `; and ${entries.length - 5} more` : '');
}

type ExpiryRead = Pick<ProbeOutcome, 'expiresAt' | 'expirySource' | 'facts'>;

function unknownExpiry(why: string): ExpiryRead {
  return { facts: { expiry: `unknown: ${why}; the expiry date entered here is used, if any` } };
}

/** The matched entry's facts and expiry: 9999-12-31 means "never"; no expiringAt is unknown. */
function entryExpiry(entry: TokenEntry, service: string): ExpiryRead {
  const facts: Record<string, string> = {
    tokenId: str(entry['id']) ?? 'unknown',
    tokenName: str(entry['name']) ?? '(unnamed)',
    tokenCreated: dateFact(entry['createdAt'], 'unknown'),
    lastAccessed: dateFact(entry['lastAccessedAt'], 'never'),
  };
  if (!parseDate(entry['expiringAt'])) {
    // Atlassian does not document how a token without expiry is listed: absent is not "never".
    const why = `${service} lists no expiringAt for this token`;
    return { facts: { ...facts, ...unknownExpiry(why).facts } };
  }
  const expiresAt = realExpiry(entry['expiringAt']);
  if (!expiresAt) return { facts: { ...facts, expiry: 'never: the token has no expiry date' } };
  return { expiresAt, expirySource: 'service', facts };
}

/** Reads this token's expiry from the token list; any failure only means "expiry unknown". */
export function interpretTokens(res: ProbeResponse | null, config: IntegrationConfig): ExpiryRead {
  const service = serviceName(config);
  const body = res?.status === 200 ? readJson(res, service) : null;
  const list = body?.ok ? body.value : undefined;
  if (!Array.isArray(list)) {
    const why = !res
      ? 'did not answer'
      : res.status === 200
        ? 'answered without a token list'
        : `answered ${res.status}`;
    return unknownExpiry(`${service} ${why} when asked for the token list`);
  }
  const entries = list.filter((t): t is TokenEntry => typeof t === 'object' && t !== null);
  const match = findToken(entries, config);
  if ('entry' in match) return entryExpiry(match.entry, service);
  const hint = 'set tokenId to its listed id, its name or its creation day (YYYY-MM-DD)';
  const read = unknownExpiry(`${match.why}; ${hint}`);
  return entries.length > 0 ? { facts: { ...read.facts, tokens: candidates(entries) } } : read;
}

export async function readExpiry(
  http: HttpClient,
  config: IntegrationConfig,
  token: string,
): Promise<ExpiryRead> {
  const res = await sendQuietly(http, buildTokensRequest(config, token));
  return interpretTokens(res, config);
}
