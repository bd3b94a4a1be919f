import type { Identity } from '../../domain/result';
import type { HttpClient, ProbeRequest, ProbeResponse } from '../../http/client';
import { parseDate } from '../interpret';

/**
 * Who a Data Center product served the request as, from `X-AUSERNAME` / `X-AUSERID`.
 * Jira, Confluence and Bitbucket send `X-AUSERNAME: anonymous` (or nothing) when no one logged in.
 */
export function headerIdentity(headers: Record<string, string>): Identity | null {
  const username = headers['x-ausername']?.trim();
  if (!username || isAnonymousHeader(headers)) return null;
  const id = headers['x-auserid']?.trim();
  return { id: id || username, username };
}

export function isAnonymousHeader(headers: Record<string, string>): boolean {
  return headers['x-ausername']?.trim().toLowerCase() === 'anonymous';
}

/**
 * The id a Bitbucket Data Center HTTP access token carries: base64 of "<id>:<random bytes>", maybe
 * behind "BBDC-". Bitbucket's REST reference shows it equal to the listed token id (its example
 * token "MjUyOTczNTE1MDY5On2r…" decodes to the example id 252973515069). Jira and Confluence PATs
 * look alike but carry an internal id their token list never shows. Null when not so shaped.
 */
export function embeddedTokenId(token: string): string | null {
  const body = token.replace(/^BBDC-/, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) return null;
  const decoded = Buffer.from(body, 'base64').toString('latin1');
  return /^(\d{1,20}):/.exec(decoded)?.[1] ?? null;
}

/** Sends a follow-up request whose failure must not change the verdict: null instead of a throw. */
export async function sendQuietly(
  http: HttpClient,
  request: ProbeRequest,
): Promise<ProbeResponse | null> {
  try {
    return await http.send(request);
  } catch {
    return null;
  }
}

/** A date for a fact: ISO text, or the fallback word when the service sent none. */
export function dateFact(value: unknown, fallback: string): string {
  return parseDate(value)?.toISOString() ?? fallback;
}

/** Data Center stores "no expiry" as a far-future date (9999-12-31); that is no expiry at all. */
export function realExpiry(value: unknown): Date | null {
  const date = parseDate(value);
  return date && date.getUTCFullYear() < 9000 ? date : null;
}
