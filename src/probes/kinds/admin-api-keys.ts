/**
 * Finds the key being checked in its organisation's API-key listing
 * (developer.atlassian.com/cloud/admin/api-access/rest/api-group-api-key, "Get all API keys in an
 * org"). Items carry `id`, `label`, `createdAt`, `expiresAt`, `lastActiveAt`, `orgId`,
 * `createdBy` and `scopes`; nothing in an item is derived from the key's value, and the
 * documentation names no way for a key to find itself. So a key is only known by what the admin
 * tells us (its id or name as Atlassian Administration shows it) or by being the only key listed.
 */
import type { IntegrationConfig } from '../../domain/integration';
import type { ProbeOutcome } from '../probe';
import { field, parseDate, str } from '../interpret';

export type KeyItem = Record<string, unknown>;

export interface Listing {
  items: KeyItem[];
  /** False when pages were left unread: "the only key" is then unknowable. */
  complete: boolean;
}

type Found = { item: KeyItem } | { unknown: string };

const label = (item: KeyItem) => str(item['label']) ?? str(item['name']);

/** By config.tokenId (id, then name), else the only key of a complete listing. */
export function findKey(listing: Listing, config: IntegrationConfig): Found {
  const { items } = listing;
  const wanted = config.tokenId;
  if (wanted) {
    const byId = items.find((k) => str(k['id']) === wanted);
    if (byId) return { item: byId };
    const named = items.filter((k) => label(k) === wanted);
    if (named.length === 1 && named[0]) return { item: named[0] };
    if (named.length > 1) {
      return { unknown: `${named.length} API keys are named "${wanted}"; set tokenId to its id` };
    }
    const where = listing.complete ? 'the listing' : 'the pages read';
    return { unknown: `no API key with the id or name "${wanted}" in ${where}` };
  }
  if (listing.complete && items.length === 1 && items[0]) return { item: items[0] };
  if (items.length === 0) return { unknown: 'the listing holds no API key' };
  const count = listing.complete ? `${items.length}` : `more than ${items.length}`;
  return {
    unknown: `the organisation lists ${count} API keys and none is known to be this one; set tokenId to the key's name or id (Settings → API keys)`,
  };
}

type ExpiryRead = Pick<ProbeOutcome, 'expiresAt' | 'expirySource' | 'facts'>;

/** This key's expiry and facts; an uncertain match says "expiry unknown", never "no expiry". */
export function readKeyExpiry(listing: Listing, config: IntegrationConfig): ExpiryRead {
  const found = findKey(listing, config);
  const fallback = config.expiresAt
    ? 'the expiry date entered here is used'
    : 'enter its expiry date here until then';
  if ('unknown' in found) return { facts: { expiry: `unknown: ${found.unknown}; ${fallback}` } };
  const { item } = found;
  const facts = keyFacts(item);
  const expiresAt = parseDate(item['expiresAt']);
  // Keys last at most a year (support.atlassian.com): a missing date is unknown, not "never".
  if (!expiresAt) {
    return { facts: { ...facts, expiry: `unknown: the listing gives no expiresAt; ${fallback}` } };
  }
  return { expiresAt, expirySource: 'service', facts };
}

function keyFacts(item: KeyItem): Record<string, string> {
  const scopes = field(item, 'scopes');
  const facts: Record<string, string> = {
    keyName: label(item) ?? '(unnamed)',
    keyId: str(item['id']) ?? '(no id)',
    scopes: Array.isArray(scopes) && scopes.length > 0 ? scopes.join(' ') : 'none listed',
  };
  const creator = str(field(item, 'createdBy', 'name')) ?? str(field(item, 'createdBy', 'email'));
  if (creator) facts.createdBy = creator;
  const lastActive = str(item['lastActiveAt']);
  if (lastActive) facts.lastActive = lastActive;
  return facts;
}
