/**
 * People, not account ids: the display names the page shows next to owners and identities. A
 * side errand: when the cache or Jira fails, the answer goes out with the ids alone.
 */
import { OWNERS_PER_REQUEST } from '../inventory/owners';
import { jiraUsers } from '../platform/forge';
import { userNames, type NameCache } from '../storage/user-names';

/** Bulk requests one answer may spend: 500 new accounts; the rest are named on a later load. */
export const NAME_REQUESTS_PER_ANSWER = 5;

function warn(what: string, err: unknown): void {
  console.warn(
    `display names: ${what} failed: ${err instanceof Error ? err.message : String(err)}`,
  );
}

/** Asks Jira about `ids`, 100 a request; stops at the first failure, keeping what it learned. */
async function askJira(ids: string[]): Promise<Map<string, string | null>> {
  const learned = new Map<string, string | null>();
  const limit = Math.min(ids.length, NAME_REQUESTS_PER_ANSWER * OWNERS_PER_REQUEST);
  for (let start = 0; start < limit; start += OWNERS_PER_REQUEST) {
    const batch = ids.slice(start, start + OWNERS_PER_REQUEST);
    try {
      const byId = new Map((await jiraUsers(batch)).map((u) => [u.accountId, u.displayName]));
      for (const id of batch) learned.set(id, byId.get(id) ?? null);
    } catch (err) {
      warn('the Jira user lookup', err);
      break;
    }
  }
  return learned;
}

/**
 * The display name of each of `accountIds` Jira knows; unknown and unresolved ids are absent.
 * `loaded`: the name cache when the caller read it already (null: it could not).
 */
export async function displayNames(
  accountIds: readonly (string | null | undefined)[],
  now: Date,
  loaded?: NameCache | null,
): Promise<Map<string, string>> {
  const ids = [...new Set(accountIds.filter((id): id is string => !!id))];
  if (ids.length === 0) return new Map();
  const cache =
    loaded !== undefined
      ? loaded
      : await userNames.load().catch((err: unknown) => {
          warn('reading the name cache', err);
          return null;
        });
  const known = cache ? userNames.known(cache, ids, now) : new Map<string, string | null>();
  const learned = await askJira(ids.filter((id) => !known.has(id)));
  // Not with an unreadable cache: writing what was just learned would drop everything else.
  if (cache && learned.size > 0) {
    await userNames
      .remember(cache, learned, now)
      .catch((err: unknown) => warn('saving names', err));
  }
  const names = new Map<string, string>();
  for (const [id, name] of [...known, ...learned]) if (name !== null) names.set(id, name);
  return names;
}
