/**
 * Which token owners Jira knows, looked up in bulk within the request budget of the sync's last
 * step. A side errand: a failure or an exhausted budget leaves owners unresolved (not mailed this
 * time, looked up again at the next sync); it never fails the merge of the listing.
 */

/** Account ids per bulk request: one URL of ~4 kB, well inside what Jira accepts. */
export const OWNERS_PER_REQUEST = 100;

/** One bulk request: the active Jira users among `accountIds`; throws when Jira does not answer. */
export type ActiveUsersLookup = (accountIds: string[]) => Promise<Set<string>>;

export interface OwnerLookup {
  /** Owners Jira knows as active users: they may be mailed through Jira. */
  known: Set<string>;
  /** Owners not looked up this time (a failure or the request budget). */
  unresolved: number;
  requests: number;
  /** What went wrong, in plain words, or null. */
  failure: string | null;
}

export async function lookUpOwners(
  accountIds: string[],
  lookup: ActiveUsersLookup,
  maxRequests: number,
): Promise<OwnerLookup> {
  const ids = [...new Set(accountIds.filter((id) => id !== ''))];
  const result: OwnerLookup = { known: new Set(), unresolved: 0, requests: 0, failure: null };
  for (let start = 0; start < ids.length; start += OWNERS_PER_REQUEST) {
    if (result.requests >= maxRequests) {
      result.failure ??= 'the step had no requests left for the rest';
      result.unresolved = ids.length - start;
      break;
    }
    const batch = ids.slice(start, start + OWNERS_PER_REQUEST);
    result.requests += 1;
    try {
      for (const id of await lookup(batch)) result.known.add(id);
    } catch (err) {
      result.failure = err instanceof Error ? err.message : 'the lookup failed';
      result.unresolved = ids.length - start;
      break;
    }
  }
  return result;
}
