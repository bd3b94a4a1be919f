/**
 * One item of an Admin API listing, read defensively. The reference pages
 * (developer.atlassian.com/cloud/admin/api-access/rest/api-group-api-token/ and
 * .../api-group-api-key/) give every field as a plain `<string>`: no date format, no maximum
 * length. Labels and names are typed by the token's owner, so an item may carry anything: a date
 * no one can read, a 300 kB label, a number where a string belongs. Reading never throws: a date
 * that cannot be read is unknown, text is cut to a length the page, the alerts and a KVS value
 * (240 KiB) can hold, and an item without a readable id is not a token.
 */
import { createHash } from 'node:crypto';
import type { ListedToken, OrgTokenKind, OrgTokenStatus, TokenDate } from '../domain/inventory';

/** The longest text kept from an item, in characters; a cut one ends with an ellipsis. */
export const LISTED_TEXT_MAX = {
  // A label or a name is a title in a table row and an alert: far more than anyone types.
  label: 200,
  name: 200,
  // An email address is at most 254 characters (RFC 5321).
  email: 254,
  // Atlassian account ids are at most 128 characters; token and key ids are UUIDs.
  id: 128,
} as const;

export const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
export const obj = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** Control characters (line breaks, escapes, bidi overrides) would rearrange a table or a message. */
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** At most `max` characters (code points, so no emoji is cut in half), controls as spaces. */
export function clip(value: unknown, max: number): string | null {
  const raw = text(value);
  if (raw === null) return null;
  // Only the part that can be kept is looked at: a 300 kB label costs no more than a short one.
  const head = raw.slice(0, max * 2 + 2);
  const points = Array.from(head.replace(CONTROLS, ' '));
  return points.length > max || head.length < raw.length
    ? `${points.slice(0, max - 1).join('')}…`
    : points.join('');
}

/**
 * An id longer than any real one keeps a readable start and a hash of the whole: two different
 * long ids stay two tokens, and the stored id stays short.
 */
function idOf(value: unknown): string | null {
  const raw = text(value);
  if (raw === null || raw.length <= LISTED_TEXT_MAX.id) return raw;
  const hash = createHash('sha256').update(raw).digest('hex').slice(0, 16);
  return `${clip(raw, LISTED_TEXT_MAX.id - 17)}#${hash}`;
}

/** The earliest and latest instants whose ISO form has a plain four-digit year. */
const EARLIEST = Date.parse('0000-01-01T00:00:00.000Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

type DateRead = { iso: string | null; unreadable: boolean };

/** A date as ISO 8601 UTC; absent is null, given but unreadable is null and unreadable. */
function dateOf(value: unknown): DateRead {
  if (value === undefined || value === null || value === '')
    return { iso: null, unreadable: false };
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms) || ms < EARLIEST || ms > LATEST) return { iso: null, unreadable: true };
  return { iso: new Date(ms).toISOString(), unreadable: false };
}

function dates(item: Record<string, unknown>) {
  const read: Record<TokenDate, DateRead> = {
    createdAt: dateOf(item.createdAt),
    expiresAt: dateOf(item.expiresAt),
    lastActiveAt: dateOf(item.lastActiveAt ?? item.lastAccess),
  };
  const unreadable = (Object.keys(read) as TokenDate[]).filter((d) => read[d].unreadable);
  return { read, unreadable };
}

function ownerOf(item: Record<string, unknown>): ListedToken['owner'] {
  const owner = obj(item.user ?? item.owner ?? item.createdBy);
  return {
    id: idOf(owner.id) ?? idOf(owner.accountId) ?? '',
    name:
      clip(owner.name, LISTED_TEXT_MAX.name) ?? clip(owner.displayName, LISTED_TEXT_MAX.name) ?? '',
    email: clip(owner.email, LISTED_TEXT_MAX.email) ?? '',
  };
}

/** One item, or null when it lacks what identifies it: a readable id. */
export function toListed(raw: unknown, kind: OrgTokenKind): ListedToken | null {
  const item = obj(raw);
  const id = idOf(item.id);
  if (!id) return null;
  const { read, unreadable } = dates(item);
  const status: OrgTokenStatus = item.status === 'BLOCKED' ? 'BLOCKED' : 'ALLOWED';
  return {
    id,
    kind,
    label: clip(item.label, LISTED_TEXT_MAX.label) ?? clip(item.name, LISTED_TEXT_MAX.label) ?? '',
    owner: ownerOf(item),
    createdAt: read.createdAt.iso,
    expiresAt: read.expiresAt.iso,
    lastActiveAt: read.lastActiveAt.iso,
    status,
    ...(unreadable.length > 0 ? { unreadable } : {}),
  };
}
