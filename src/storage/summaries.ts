import { kvs } from '@forge/kvs';
import {
  loadedSummary,
  storedSummary,
  type IntegrationSummary,
  type StoredSummary,
} from '../domain/summary';
import { setMarked } from './changes';
import { keys } from './keys';
import { queryAll } from './query';
import { withRetry } from './retry';

/** Rows are stored without the values most share (storedSummary) and read back whole. */
export const summaries = {
  /** Every overview row: 100 per request, the most a KVS page holds. */
  list: async () =>
    (await queryAll<StoredSummary>(keys.summaryPrefix)).map((r) => loadedSummary(r.value)),
  get: async (id: string) => {
    const stored = await withRetry(() => kvs.get<StoredSummary>(keys.summary(id)));
    return stored ? loadedSummary(stored) : undefined;
  },
  /** With the page's change marker, in the one request. */
  save: (summary: IntegrationSummary) =>
    setMarked('integrations', [{ key: keys.summary(summary.id), value: storedSummary(summary) }]),
};
