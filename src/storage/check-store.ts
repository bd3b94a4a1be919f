import { kvs } from '@forge/kvs';
import { HISTORY_DETAIL_DAYS, type HistoryEntry } from '../domain/history';
import type { IntegrationRecord, IntegrationStatus } from '../domain/schedule';
import type { IntegrationSummary } from '../domain/summary';
import { keys } from './keys';
import { withRetry } from './retry';

/** KVS takes at most 25 keys per batch operation. */
const BATCH_KEYS = 24;

export interface CheckTarget {
  record: IntegrationRecord;
  status: IntegrationStatus | undefined;
}

/**
 * What a consumer needs for a batch of checks, in as few requests as possible: the integrations
 * and their statuses together, 12 integrations per batch read.
 */
export async function loadTargets(ids: readonly string[]): Promise<Map<string, CheckTarget>> {
  const wanted = ids.flatMap((id) => [keys.integration(id), keys.status(id)]);
  const values = new Map<string, unknown>();
  for (let i = 0; i < wanted.length; i += BATCH_KEYS) {
    const chunk = wanted.slice(i, i + BATCH_KEYS).map((key) => ({ key }));
    const result = await withRetry(() => kvs.batchGet<unknown>(chunk));
    for (const item of result.successfulKeys) values.set(item.key, item.value);
  }
  const targets = new Map<string, CheckTarget>();
  for (const id of ids) {
    const record = values.get(keys.integration(id)) as IntegrationRecord | undefined;
    if (!record) continue;
    targets.set(id, {
      record,
      status: values.get(keys.status(id)) as IntegrationStatus | undefined,
    });
  }
  return targets;
}

/**
 * Stores one check in a single request: the new status, its overview row and the history entry
 * of its slot. The entry's key comes from the slot, so a redelivered check overwrites itself.
 */
export async function persistCheck(
  status: IntegrationStatus,
  summary: IntegrationSummary,
  entry: HistoryEntry,
  slotMs: number,
): Promise<void> {
  await withRetry(async () => {
    const result = await kvs.batchSet<unknown>([
      { key: keys.status(status.id), value: status },
      { key: keys.summary(status.id), value: summary },
      {
        key: keys.history(status.id, slotMs),
        value: entry,
        options: { ttl: { value: HISTORY_DETAIL_DAYS, unit: 'DAYS' } },
      },
    ]);
    if (result.failedKeys.length > 0) {
      const [first] = result.failedKeys;
      throw Object.assign(new Error(`could not store ${first?.key}: ${first?.error.message}`), {
        code: first?.error.code,
      });
    }
  });
}
