import type { IntegrationConfig } from '../../domain/integration';
import type { Identity } from '../../domain/result';
import type { HttpClient, ProbeRequest, ProbeResponse } from '../http';
import {
  bearer,
  commonFailure,
  field,
  joinUrl,
  parseDate,
  plainSecret,
  readJson,
  seraphReasons,
  str,
} from '../interpret';
import type { Probe, ProbeOutcome } from '../probe';
import {
  dateFact,
  headerIdentity,
  isAnonymousHeader,
  realExpiry,
  sendQuietly,
} from './datacenter-identity';

function serviceName(config: IntegrationConfig): string {
  return config.product === 'confluence' ? 'Confluence Data Center' : 'Jira Data Center';
}

export function buildRequest(config: IntegrationConfig, token: string): ProbeRequest {
  const path = config.product === 'confluence' ? '/rest/api/user/current' : '/rest/api/2/myself';
  return { method: 'GET', url: joinUrl(config.baseUrl ?? '', path), headers: bearer(token) };
}

/** The signed-in user's own PATs: [{id, name, createdAt, expiringAt, lastAccessedAt}]. */
export function buildTokensRequest(config: IntegrationConfig, token: string): ProbeRequest {
  return {
    method: 'GET',
    url: joinUrl(config.baseUrl ?? '', '/rest/pat/latest/tokens'),
    headers: bearer(token),
  };
}

/** Jira's /myself {key, name, …} or Confluence's /user/current {type, userKey, username, …}. */
function identityFrom(
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

async function readExpiry(
  http: HttpClient,
  config: IntegrationConfig,
  token: string,
): Promise<ExpiryRead> {
  const res = await sendQuietly(http, buildTokensRequest(config, token));
  return interpretTokens(res, config);
}

export const datacenterPatProbe: Probe<string> = {
  label: 'Jira/Confluence Data Center personal access token',
  defaultBaseUrl: null,
  parseSecret: plainSecret,
  async check({ config, secret, http, now }) {
    const res = await http.send(buildRequest(config, secret));
    const outcome = interpret(res, config, now);
    // Only a working token can list its owner's tokens; asking again after a 401 feeds the CAPTCHA.
    if (outcome.verdict !== 'healthy') return outcome;
    return { ...outcome, ...(await readExpiry(http, config, secret)) };
  },
};
