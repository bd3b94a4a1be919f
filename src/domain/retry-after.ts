/**
 * Waits a remote service asks for, validated and capped: a hostile or broken header can neither
 * stop checks for years nor make an Invalid Date that crashes whoever stores it.
 */
export const MAX_RETRY_AFTER_SECONDS = 24 * 60 * 60;

const DIGITS = /^\d+$/;
/** RFC 9110 5.6.7 IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT". */
const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

const capped = (seconds: number): number => Math.min(Math.max(0, seconds), MAX_RETRY_AFTER_SECONDS);

function secondsUntil(at: number, now: Date): number | null {
  return Number.isFinite(at) ? capped(Math.ceil((at - now.getTime()) / 1000)) : null;
}

/** `Retry-After`: delay-seconds or an HTTP date (RFC 9110 10.2.3); null when absent or malformed. */
export function parseRetryAfter(value: string | undefined, now: Date): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (DIGITS.test(text)) return capped(Number(text));
  return HTTP_DATE.test(text) ? secondsUntil(Date.parse(text), now) : null;
}

/**
 * `X-RateLimit-Reset`: when the quota refills, as Unix epoch seconds (GitHub, the Admin API) or
 * an ISO date; null when absent or malformed.
 */
export function parseRateLimitReset(value: string | undefined, now: Date): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (DIGITS.test(text)) return secondsUntil(Number(text) * 1000, now);
  return /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(text)
    ? secondsUntil(Date.parse(text), now)
    : null;
}
