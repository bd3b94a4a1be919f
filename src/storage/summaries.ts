import { kvs } from '@forge/kvs';
import type { IntegrationSummary } from '../domain/summary';
import { setMarked } from './changes';
import { keys } from './keys';
import { queryAll } from './query';
import { withRetry } from './retry';

export const summaries = {
  /** Every overview row: 100 per request, the most a KVS page holds. */
  list: async () => (await queryAll<IntegrationSummary>(keys.summaryPrefix)).map((r) => r.value),
  get: (id: string) => withRetry(() => kvs.get<IntegrationSummary>(keys.summary(id))),
  /** With the page's change marker, in the one request. */
  save: (summary: IntegrationSummary) =>
    setMarked('integrations', [{ key: keys.summary(summary.id), value: summary }]),
};
