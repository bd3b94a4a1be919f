import { kvs } from '@forge/kvs';
import {
  loadedEntries,
  type Exchange,
  type HistoryEntry,
  type StoredHistoryEntry,
} from '../domain/history';
import { fromNewestFirst, keys } from './keys';
import { queryAll, queryPage } from './query';
import { withRetry } from './retry';

export const history = {
  /**
   * The newest entries first (keys are time-inverted), each with its requests: an entry keeps
   * them only when they changed, the integration's last ones are kept apart (loadedEntries).
   */
  async recent(id: string, limit: number): Promise<HistoryEntry[]> {
    const prefix = keys.historyPrefix(id);
    const [page, latest] = await Promise.all([
      queryPage<StoredHistoryEntry>(prefix, undefined, Math.min(limit, 99)),
      withRetry(() => kvs.get<Exchange[]>(keys.evidence(id))),
    ]);
    const slotOf = (key: string) =>
      new Date(fromNewestFirst(key.slice(prefix.length))).toISOString();
    return loadedEntries(
      page.items.map((i) => ({ slot: i.value.slot ?? slotOf(i.key), value: i.value })),
      latest,
    );
  },

  /** Deletes every detailed entry of an integration (they would otherwise expire after a week). */
  async removeAll(id: string): Promise<void> {
    const entries = await queryAll<HistoryEntry>(keys.historyPrefix(id));
    for (let i = 0; i < entries.length; i += 25) {
      const batch = entries.slice(i, i + 25).map((e) => ({ key: e.key }));
      await withRetry(() => kvs.batchDelete(batch));
    }
  },
};
