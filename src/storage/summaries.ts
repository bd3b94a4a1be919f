import { kvs } from '@forge/kvs';
import type { StatusTick } from '../domain/status-tick';
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

/** The ticks by integration id: the times of each row's last check. */
async function ticks(): Promise<Map<string, StatusTick>> {
  const all = await queryAll<StatusTick>(keys.checkedPrefix);
  return new Map(all.map((r) => [r.key.slice(keys.checkedPrefix.length), r.value]));
}

/** Rows are stored without the values most share (storedSummary) and read back whole. */
export const summaries = {
  /** Every overview row with its times: 100 per request, the most a KVS page holds. */
  list: async () => {
    const [rows, times] = await Promise.all([queryAll<StoredSummary>(keys.summaryPrefix), ticks()]);
    return rows.map((r) => loadedSummary(r.value, times.get(r.value.id)));
  },
  get: async (id: string) => {
    const [stored, tick] = await Promise.all([
      withRetry(() => kvs.get<StoredSummary>(keys.summary(id))),
      withRetry(() => kvs.get<StatusTick>(keys.checked(id))),
    ]);
    return stored ? loadedSummary(stored, tick) : undefined;
  },
  /** With the page's change marker, in the one request. */
  save: (summary: IntegrationSummary) =>
    setMarked('integrations', [{ key: keys.summary(summary.id), value: storedSummary(summary) }]),
};
