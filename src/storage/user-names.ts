import { kvs } from '@forge/kvs';
import { keys } from './keys';
import { withRetry } from './retry';

/** A day: a renamed person shows their new name by tomorrow, and a page load rarely asks Jira. */
export const USER_NAME_TTL_MS = 86_400_000;
/**
 * Names kept, the most recently learned first: one value well inside KVS's 240 KiB, so the
 * cache is one read however many owners the page lists.
 */
export const USER_NAMES_KEPT = 1_000;
/** A display name longer than this is cut: it only labels a cell. */
const NAME_MAX = 100;

/** null: Jira did not know the account when asked; `at`: when it was asked (ms). */
interface CachedName {
  name: string | null;
  at: number;
}
/** The stored names, read once per answer: `known` answers from it, `remember` extends it. */
export type NameCache = Record<string, CachedName>;

/** Display names of Jira accounts, as the bulk user lookup last gave them, in one KVS value. */
/** The cache as a stored value stands for it: anything but an object is an empty cache. */
export const nameCacheOf = (value: unknown): NameCache =>
  value && typeof value === 'object' ? (value as NameCache) : {};

export const userNames = {
  async load(): Promise<NameCache> {
    return nameCacheOf(await withRetry(() => kvs.get<NameCache>(keys.userNames)));
  },

  /** The names among `ids` learned less than a day before `now`. */
  known(cache: NameCache, ids: readonly string[], now: Date): Map<string, string | null> {
    const found = new Map<string, string | null>();
    for (const id of ids) {
      const entry = Object.hasOwn(cache, id) ? cache[id] : undefined;
      if (entry && now.getTime() - entry.at < USER_NAME_TTL_MS) found.set(id, entry.name);
    }
    return found;
  },

  /** Adds what Jira just said to the cache as loaded; the oldest entries make room. */
  async remember(
    cache: NameCache,
    names: ReadonlyMap<string, string | null>,
    now: Date,
  ): Promise<void> {
    const at = now.getTime();
    const next = { ...cache };
    for (const [id, name] of names) next[id] = { name: name?.slice(0, NAME_MAX) ?? null, at };
    const kept = Object.entries(next)
      .filter(([, entry]) => at - entry.at < USER_NAME_TTL_MS)
      .sort(([, a], [, b]) => b.at - a.at)
      .slice(0, USER_NAMES_KEPT);
    // A concurrent answer's names may be overwritten: a lost race loses only cache.
    await withRetry(() => kvs.set(keys.userNames, Object.fromEntries(kept)));
  },
};
