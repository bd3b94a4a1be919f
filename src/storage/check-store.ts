import { kvs } from '@forge/kvs';
import { HISTORY_DETAIL_DAYS, type HistoryEntry } from '../domain/history';
import type { IntegrationRecord, IntegrationStatus } from '../domain/schedule';
import type { IntegrationSummary } from '../domain/summary';
import type { AlertState } from '../domain/alerts/types';
import { parseAlertState } from './alerts';
import type { KvsWrite } from './deliveries';
import { keys } from './keys';
import { withRetry } from './retry';

/** KVS takes at most 25 keys per batch operation. */
const BATCH_KEYS = 24;

export interface CheckTarget {
  record: IntegrationRecord;
  status: IntegrationStatus | undefined;
  alertState: AlertState | undefined;
}

/**
 * What a consumer needs for a batch of checks, in as few requests as possible: the integrations,
 * their statuses and alert states together, 8 integrations per batch read.
 */
export async function loadTargets(ids: readonly string[]): Promise<Map<string, CheckTarget>> {
  const wanted = ids.flatMap((id) => [keys.integration(id), keys.status(id), keys.alert(id)]);
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
      alertState: parseAlertState(values.get(keys.alert(id))),
    });
  }
  return targets;
}

/**
 * Stores one check in a single request: the new status, its overview row, the history entry of
 * its slot and what alerting adds (`extra`). The entry's key comes from the slot, so a
 * redelivered check overwrites itself.
 */
export async function persistCheck(
  status: IntegrationStatus,
  summary: IntegrationSummary,
  entry: HistoryEntry,
  slotMs: number,
  extra: readonly KvsWrite[] = [],
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
      ...extra,
    ]);
    if (result.failedKeys.length > 0) {
      const [first] = result.failedKeys;
      throw Object.assign(new Error(`could not store ${first?.key}: ${first?.error.message}`), {
        code: first?.error.code,
      });
    }
  });
}

/** Takes back what persistCheck wrote for an integration deleted while its check was stored. */
export async function unpersistCheck(id: string, slotMs: number): Promise<void> {
  const written = [keys.status(id), keys.summary(id), keys.history(id, slotMs), keys.alert(id)];
  await withRetry(() => kvs.batchDelete(written.map((key) => ({ key }))));
}
