import { kvs } from '@forge/kvs';
import type { HistoryEntry } from '../domain/history';
import { keys } from './keys';
import { queryAll, queryPage } from './query';
import { withRetry } from './retry';

export const history = {
  /** The newest entries first (keys are time-inverted). */
  async recent(id: string, limit: number): Promise<HistoryEntry[]> {
    const page = await queryPage<HistoryEntry>(
      keys.historyPrefix(id),
      undefined,
      Math.min(limit, 99),
    );
    return page.items.map((i) => i.value);
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
