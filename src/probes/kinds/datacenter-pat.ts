import type { IntegrationConfig } from '../../domain/integration';
import type { Identity } from '../../domain/result';
import type { HttpClient, ProbeRequest, ProbeResponse } from '../http';
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
import {
  dateFact,
  embeddedTokenId,
  headerIdentity,
  isAnonymousHeader,
  realExpiry,
  sendQuietly,
} from './datacenter-identity';

export function serviceName(config: IntegrationConfig): string {
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

type TokenEntry = Record<string, unknown>;

/** Picks this token's entry: by the id inside it, then by config.tokenId (id or name), then the only one. */
export function findToken(
  entries: TokenEntry[],
  token: string,
  config: IntegrationConfig,
): TokenEntry | null {
  const embedded = embeddedTokenId(token);
  const byEmbedded = embedded && entries.find((t) => str(t['id']) === embedded);
  if (byEmbedded) return byEmbedded;
  const wanted = config.tokenId;
  const byConfig = wanted && entries.find((t) => str(t['id']) === wanted || t['name'] === wanted);
  if (byConfig) return byConfig;
  return entries.length === 1 ? (entries[0] ?? null) : null;
}

type ExpiryRead = Pick<ProbeOutcome, 'expiresAt' | 'expirySource' | 'facts'>;

/** Reads this token's expiry from the token list; any failure only means "no service expiry". */
export function interpretTokens(
  res: ProbeResponse | null,
  token: string,
  config: IntegrationConfig,
): ExpiryRead {
  const service = serviceName(config);
  const body = res?.status === 200 ? readJson(res, service) : null;
  const list = body?.ok ? body.value : undefined;
  if (!Array.isArray(list)) {
    const why = !res
      ? 'did not answer'
      : res.status === 200
        ? 'answered without a token list'
        : `answered ${res.status}`;
    return {
      facts: {
        expiry: `${service} ${why} when asked for the token list; the expiry date entered here is used`,
      },
    };
  }
  const entries = list.filter((t): t is TokenEntry => typeof t === 'object' && t !== null);
  const entry = findToken(entries, token, config);
  if (!entry) {
    return {
      facts: {
        expiry: `${service} lists ${entries.length} tokens for this user and none is known to be this one; set tokenId to the token's name, else the expiry date entered here is used`,
      },
    };
  }
  const facts: Record<string, string> = {
    tokenName: str(entry['name']) ?? '(unnamed)',
    lastAccessed: dateFact(entry['lastAccessedAt'], 'never'),
  };
  const expiresAt = realExpiry(entry['expiringAt']);
  if (!expiresAt) return { facts: { ...facts, expiry: 'never: the token has no expiry date' } };
  return { expiresAt, expirySource: 'service', facts };
}

async function readExpiry(
  http: HttpClient,
  config: IntegrationConfig,
  token: string,
): Promise<ExpiryRead> {
  const res = await sendQuietly(http, buildTokensRequest(config, token));
  return interpretTokens(res, token, config);
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
