import type { ProbeOutcome, SecretParse } from './probe';
import type { ProbeResponse } from '../http/client';
import { safeHost } from '../http/client';
import { parseRetryAfter } from '../domain/retry-after';

export function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}

export function basic(user: string, password: string): Record<string, string> {
  return { Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
}

/** Joins a base URL (which may carry a context path, e.g. /jira) and an absolute path. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

export function plainSecret(raw: string): SecretParse<string> {
  const secret = raw.trim();
  if (!secret) return { ok: false, error: 'the secret is empty' };
  if (/\s/.test(secret)) return { ok: false, error: 'the secret contains whitespace' };
  return { ok: true, secret, sensitive: [secret] };
}

/** Seconds to wait from `Retry-After`, capped at a day; null when absent or unusable. */
export function retryAfterSeconds(headers: Record<string, string>, now: Date): number | null {
  return parseRetryAfter(headers['retry-after'], now);
}

/** `X-Seraph-LoginReason` may list several reasons, comma-separated. */
export function seraphReasons(headers: Record<string, string>): string[] {
  return (headers['x-seraph-loginreason'] ?? '')
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
}

/**
 * The answers that mean the same thing from every service: outages, rate limits, redirects,
 * a Data Center lockout and a plain 401. Returns null when the probe must judge the answer itself.
 */
export function commonFailure(res: ProbeResponse, service: string, now: Date): ProbeOutcome | null {
  if (res.status >= 500) {
    return {
      verdict: 'unreachable',
      message: `${service} answered ${res.status} (a server error): this says nothing about the credential`,
    };
  }
  if (res.status === 429) return rateLimited(res, service, now);
  if (res.status >= 300 && res.status < 400) return redirected(res, service);
  const denied = seraphReasons(res.headers).includes('AUTHENTICATION_DENIED');
  if (denied) {
    const reason = res.headers['x-authentication-denied-reason'] ?? 'unknown reason';
    return {
      verdict: 'locked',
      message: `${service} denied the login (${reason.split(';')[0]}): a person must sign in through the browser to clear it; checks back off meanwhile`,
    };
  }
  if (res.status === 401) {
    return {
      verdict: 'rejected',
      message: `${service} answered 401: the credential is no longer accepted (revoked, expired or mistyped)`,
    };
  }
  return null;
}

export function rateLimited(res: ProbeResponse, service: string, now: Date): ProbeOutcome {
  const wait = retryAfterSeconds(res.headers, now);
  return {
    verdict: 'rate-limited',
    message: `${service} is rate-limiting us${wait !== null ? `; retry after ${wait} s` : ''}`,
    retryAfterSeconds: wait,
  };
}

function redirected(res: ProbeResponse, service: string): ProbeOutcome {
  const target = resolveLocation(res);
  const host = target ? safeHost(target.toString()) : 'an unknown place';
  const path = target?.pathname ?? '';
  const login = /login|sign_?in|sso|auth/i.test(path) ? ' (a login page)' : '';
  return {
    verdict: 'unexpected-response',
    message: `${service} redirected to ${host}${login}; the credential is never sent after a redirect — check the base URL`,
  };
}

function resolveLocation(res: ProbeResponse): URL | null {
  try {
    return res.headers['location'] ? new URL(res.headers['location'], res.url) : null;
  } catch {
    return null;
  }
}

export type JsonRead = { ok: true; value: unknown } | { ok: false; outcome: ProbeOutcome };

/** Parses a JSON answer only after checking it claims to be JSON, is whole, and really is. */
export function readJson(res: ProbeResponse, service: string): JsonRead {
  const isJson = res.contentType === 'application/json' || res.contentType.endsWith('+json');
  if (!isJson) {
    const what = describeNonJson(res);
    return fail(
      `${service} answered ${res.status} with ${what} where JSON was expected — wrong base URL, a proxy, or a login page`,
    );
  }
  if (res.truncated) {
    return fail(`${service} sent more than 1 MiB where a small JSON answer was expected`);
  }
  try {
    return { ok: true, value: JSON.parse(res.text) as unknown };
  } catch {
    const start = res.text.trimStart().slice(0, 1);
    return fail(`${service} labelled its answer JSON but it is not (it starts with "${start}")`);
  }
}

function describeNonJson(res: ProbeResponse): string {
  if (!res.contentType) return 'an answer with no content type';
  if (res.contentType.includes('html')) return 'an HTML page';
  if (res.contentType.includes('xml')) return 'XML';
  return `"${res.contentType}"`;
}

function fail(message: string): JsonRead {
  return { ok: false, outcome: { verdict: 'unexpected-response', message } };
}

/** Reads a nested field without trusting the shape of the answer. */
export function field(value: unknown, ...path: string[]): unknown {
  let cur: unknown = value;
  for (const key of path) {
    // Own properties only: a key named "constructor" must not reach Object.prototype.
    if (typeof cur !== 'object' || cur === null || !Object.hasOwn(cur, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

export function str(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length > 0) return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** Parses a date the way services send them: ISO text, epoch seconds or epoch milliseconds. */
export function parseDate(value: unknown): Date | null {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return new Date(value < 1e11 ? value * 1000 : value);
  }
  if (typeof value === 'string' && value.trim()) {
    const trimmed = value.trim();
    if (/^\d+$/.test(trimmed)) return parseDate(Number(trimmed));
    const ms = Date.parse(trimmed);
    return Number.isNaN(ms) ? null : new Date(ms);
  }
  return null;
}
