import type { IntegrationConfig } from '../../domain/integration';
import { parseRateLimitReset } from '../../domain/retry-after';
import type { ProbeRequest, ProbeResponse } from '../../http/client';
import { bearer, field, joinUrl, readJson, retryAfterSeconds, str } from '../interpret';
import type { ProbeOutcome } from '../probe';
import { clipWords } from '../../http/redact';

/** What every GitHub call shares: the host, the API version, and how GitHub says "wait". */
export const SERVICE = 'GitHub';
export const GITHUB_API = 'https://api.github.com';
/** GitHub's docs: with no Retry-After and quota left, wait at least a minute after a secondary limit. */
const SECONDARY_LIMIT_WAIT_S = 60;

/** A GET on the REST API; for GitHub Enterprise Server the base URL carries `/api/v3`. */
export function githubGet(config: IntegrationConfig, token: string, path: string): ProbeRequest {
  return {
    method: 'GET',
    url: joinUrl(config.baseUrl ?? GITHUB_API, path),
    headers: { ...bearer(token), 'X-GitHub-Api-Version': '2022-11-28' },
  };
}

export function bodyMessage(res: ProbeResponse): string | undefined {
  const json = readJson(res, SERVICE);
  return json.ok ? clipWords(str(field(json.value, 'message')) ?? '', 200) || undefined : undefined;
}

/** Seconds until GitHub lets us in again: Retry-After first, else the quota reset time. */
function waitSeconds(res: ProbeResponse, now: Date): number | null {
  const after = retryAfterSeconds(res.headers, now);
  if (after !== null) return after;
  return parseRateLimitReset(res.headers['x-ratelimit-reset'], now);
}

export function rateLimit(
  res: ProbeResponse,
  message: string | undefined,
  now: Date,
): ProbeOutcome | null {
  if (res.status !== 403 && res.status !== 429) return null;
  const exhausted = res.headers['x-ratelimit-remaining'] === '0';
  const secondary = /secondary rate limit/i.test(message ?? '');
  if (!exhausted && !secondary && res.status !== 429) return null;
  const wait = waitSeconds(res, now) ?? (secondary ? SECONDARY_LIMIT_WAIT_S : null);
  const which = secondary ? 'secondary rate limit' : 'API rate limit';
  return {
    verdict: 'rate-limited',
    message: `${SERVICE} answered ${res.status}: the token hit the ${which}${wait !== null ? `; retry after ${wait} s` : ''}`,
    retryAfterSeconds: wait,
  };
}
