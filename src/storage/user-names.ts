import { kvs } from '@forge/kvs';
import { keys } from './keys';
import { withRetry } from './retry';

/** A day: a renamed person shows their new name by tomorrow, and a page load rarely asks Jira. */
export const USER_NAME_TTL_DAYS = 1;

/** KVS takes at most 25 keys per batch operation. */
const BATCH_KEYS = 24;

/** Only ids that make a valid key are kept: anything else is looked up each time. */
const CACHEABLE = /^[A-Za-z0-9:._-]{1,128}$/;

/** null: Jira did not know the account when asked. */
interface CachedName {
  name: string | null;
}

function cacheable(ids: Iterable<string>): string[] {
  return [...ids].filter((id) => CACHEABLE.test(id));
}

/** Display names of Jira accounts, as the bulk user lookup last gave them. */
export const userNames = {
  /** The cached names among `ids`: an id absent from the answer has no (live) cache entry. */
  async read(ids: readonly string[]): Promise<Map<string, string | null>> {
    const found = new Map<string, string | null>();
    const wanted = cacheable(ids);
    for (let i = 0; i < wanted.length; i += BATCH_KEYS) {
      const chunk = wanted.slice(i, i + BATCH_KEYS).map((id) => ({ key: keys.userName(id) }));
      const result = await withRetry(() => kvs.batchGet<CachedName>(chunk));
      for (const item of result.successfulKeys) {
        found.set(item.key.slice(keys.userName('').length), item.value.name);
      }
    }
    return found;
  },

  async remember(names: ReadonlyMap<string, string | null>): Promise<void> {
    const entries = cacheable(names.keys()).map((id) => ({
      key: keys.userName(id),
      value: { name: names.get(id) ?? null } satisfies CachedName,
      options: { ttl: { value: USER_NAME_TTL_DAYS, unit: 'DAYS' as const } },
    }));
    for (let i = 0; i < entries.length; i += BATCH_KEYS) {
      await withRetry(() => kvs.batchSet<CachedName>(entries.slice(i, i + BATCH_KEYS)));
    }
  },
};
