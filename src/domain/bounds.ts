import type { CheckResult, Evidence, Identity } from './result';

/**
 * How much of a service's answer a check keeps. A result is stored in a status, a history entry
 * and an overview row, each one KVS value of at most 240 KiB; with these caps a result stays
 * under 60,000 characters of at most 3 UTF-8 bytes each, so a huge or hostile answer (a 200 kB
 * workspace name) is clipped instead of making the check unstorable.
 */
export const BOUNDS = {
  /** A name, a fact, a header value, an excerpt, an error. */
  text: 300,
  message: 600,
  /** A fact's or a header's name. */
  key: 64,
  url: 600,
  facts: 24,
  headers: 12,
  evidence: 8,
} as const;

/** Control characters and lone surrogates (a pair's half): each would cost 6 bytes as a JSON escape. */
const UNSAFE = /[\p{Cc}\p{Cs}]/gu;

/** The text, at most `max` characters long (an ellipsis marks a cut), JSON-cheap characters only. */
export function clip(text: string, max: number = BOUNDS.text): string {
  const cut = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return cut.replace(UNSAFE, ' ');
}

/** String entries only, the first `count` of them, names and values clipped. */
function boundRecord(record: Record<string, unknown>, count: number): Record<string, string> {
  const entries = Object.entries(record).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
  return Object.fromEntries(
    entries.slice(0, count).map(([k, v]) => [clip(k, BOUNDS.key), clip(v)]),
  );
}

function boundIdentity(identity: Identity | null): Identity | null {
  if (!identity) return null;
  const optional = (value: unknown) => (typeof value === 'string' ? clip(value) : undefined);
  const bounded: Identity = { id: clip(String(identity.id)) };
  const username = optional(identity.username);
  const displayName = optional(identity.displayName);
  const email = optional(identity.email);
  if (username !== undefined) bounded.username = username;
  if (displayName !== undefined) bounded.displayName = displayName;
  if (email !== undefined) bounded.email = email;
  return bounded;
}

function boundEvidence(e: Evidence): Evidence {
  return {
    method: clip(e.method, BOUNDS.key),
    url: clip(e.url, BOUNDS.url),
    status: e.status,
    durationMs: e.durationMs,
    headers: boundRecord(e.headers, BOUNDS.headers),
    excerpt: clip(e.excerpt),
    ...(typeof e.error === 'string' ? { error: clip(e.error) } : {}),
  };
}

/**
 * The result with everything a service said cut to size. Rebuilt field by field, so nothing
 * nested or unknown rides along; the first exchanges are kept, as they show what went wrong.
 */
export function boundResult(result: CheckResult): CheckResult {
  return {
    ...result,
    message: clip(result.message, BOUNDS.message),
    identity: boundIdentity(result.identity),
    evidence: result.evidence.slice(0, BOUNDS.evidence).map(boundEvidence),
    facts: boundRecord(result.facts, BOUNDS.facts),
  };
}
