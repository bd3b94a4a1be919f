import { isLoopbackHost } from '../domain/integration';
import type { SendResult } from './types';

/** The URL, or null when it is not an absolute http(s) URL. */
export function parseHttpUrl(raw: string): URL | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/** Matches a Forge egress entry: an exact host, or `*.example.com` for any subdomain of it. */
export function hostMatches(hostname: string, pattern: string): boolean {
  if (!pattern.startsWith('*.')) return hostname === pattern;
  return hostname.endsWith(pattern.slice(1)) && hostname.length > pattern.length - 1;
}

export interface UrlRules {
  /** Egress entries the host must match; any host when absent. */
  hosts?: readonly string[];
  /** Plain http for 127.0.0.1/localhost: a receiver on the admin's own machine or a test. */
  loopbackHttp?: boolean;
}

/** Why this URL cannot be a channel's target, or null when it can. */
export function urlProblem(raw: string, rules: UrlRules): string | null {
  const url = parseHttpUrl(raw.trim());
  if (!url) return 'Enter a full https:// URL';
  const loopback = rules.loopbackHttp === true && isLoopbackHost(url.hostname);
  if (url.protocol !== 'https:' && !loopback) return 'The URL must start with https://';
  if (url.username || url.password) return 'The URL must not contain a user name or password';
  if (rules.hosts && !rules.hosts.some((h) => hostMatches(url.hostname, h))) {
    return `The host must be ${rules.hosts.join(' or ')}`;
  }
  return null;
}

/**
 * The parts of a secret URL that carry its credential (the path of a Slack hook, the `sig` of a
 * Teams workflow), so a detail can be scrubbed of them even when a service echoes them back.
 */
export function urlSecrets(raw: string): string[] {
  const url = parseHttpUrl(raw);
  if (!url) return [raw];
  const params = [...url.searchParams.values()];
  return [raw, url.href, url.pathname, url.search, ...params].filter((s) => s.length >= 6);
}

/** Settings that fail validation are never sent with: stored settings may predate a rule. */
export function invalidSettings(errors: Record<string, string>): SendResult | null {
  const problems = Object.values(errors);
  if (problems.length === 0) return null;
  return { ok: false, retryable: false, detail: `invalid settings: ${problems.join('; ')}` };
}

/** The secret when the settings pass validation (which fails a missing one), else why not. */
export function usableSecret(
  secret: string | null,
  errors: Record<string, string>,
): string | SendResult {
  const invalid = invalidSettings(errors);
  if (invalid) return invalid;
  return secret ?? { ok: false, retryable: false, detail: 'invalid settings: no secret' };
}
