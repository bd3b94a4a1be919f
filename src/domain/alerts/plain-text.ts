import type { Evidence } from '../result';

const MAX_ERROR_CHARS = 200;
const URL_IN_TEXT = /https?:\/\/[^\s"'<>]+/g;

/**
 * Scheme, host and path only: a query string or user info can carry a key, and an alert travels
 * to places (Slack, mail, webhooks) the evidence never should.
 */
export function plainUrl(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return 'an unreadable URL';
  }
}

/** Text from a check (its message, an error) with every URL cut down to its path. */
export function plainText(text: string): string {
  return text.replace(URL_IN_TEXT, plainUrl);
}

function errorText(error: string | undefined): string {
  if (!error) return '';
  const text = plainText(error);
  return `: ${text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS)}…` : text}`;
}

/**
 * "GET https://acme.atlassian.net/rest/api/3/myself answered 401 in 120 ms". Headers and the body
 * excerpt are left out on purpose: no header value ever reaches an alert.
 */
export function evidenceSentence(e: Evidence): string {
  const request = `${e.method} ${plainUrl(e.url)}`;
  const took = `${Math.round(e.durationMs)} ms`;
  if (e.status === null) return `${request} got no answer after ${took}${errorText(e.error)}`;
  return `${request} answered ${e.status} in ${took}${errorText(e.error)}`;
}

/** "2026-11-23 12:00 UTC". */
export function timeText(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function durationText(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 48) return plural(hours, 'hour');
  return plural(Math.round(hours / 24), 'day');
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Days left are whole days rounded down, as everywhere else: 0 is "less than a day". */
export function expiryText(days: number, expiresAt: string): string {
  const date = new Date(expiresAt).toISOString().slice(0, 10);
  if (days < 0) return `expired on ${date}`;
  if (days === 0) return `expires within a day (${date})`;
  return `expires in ${plural(days, 'day')} (${date})`;
}
