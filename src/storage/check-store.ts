import { kvs } from '@forge/kvs';
import { HISTORY_DETAIL_DAYS, type HistoryEntry } from '../domain/history';
import type { IntegrationRecord, IntegrationStatus } from '../domain/schedule';
import { loadedStatus, storedStatus, type StoredStatus } from '../domain/stored-status';
import { storedSummary, type IntegrationSummary } from '../domain/summary';
import type { AlertState } from '../domain/alerts/types';
import { parseAlertState } from './alerts';
import { batchError, setAll } from './batch-write';
import { changeMark } from './changes';
import { announceChange } from '../platform/realtime';
import type { KvsWrite } from './deliveries';
import { keys } from './keys';
import { withRetry } from './retry';

/** KVS takes at most 25 keys per batch operation. */
const BATCH_LIMIT = 25;
/** Keys per batch read: a multiple of the three each target needs. */
const BATCH_KEYS = 24;

export interface CheckTarget {
  record: IntegrationRecord;
  status: IntegrationStatus | undefined;
  alertState: AlertState | undefined;
}

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, (i + 1) * size),
  );

/**
 * Reads keys in batches sent together. A key the store could not read (anything but "not
 * found") fails the read: an unread status taken for a missing one would start it afresh.
 */
async function batchRead(wanted: readonly string[]): Promise<Map<string, unknown>> {
  const values = new Map<string, unknown>();
  const read = async (chunk: string[]) => {
    const answer = await withRetry(async () => {
      const result = await kvs.batchGet<unknown>(chunk.map((key) => ({ key })));
      const failed = result.failedKeys.find((f) => f.error.code !== 'KEY_NOT_FOUND');
      if (failed) throw batchError('read', failed);
      return result;
    });
    for (const item of answer.successfulKeys) values.set(item.key, item.value);
  };
  await Promise.all(chunks(wanted, BATCH_KEYS).map(read));
  return values;
}

const loaded = (stored: StoredStatus | undefined) => (stored ? loadedStatus(stored) : undefined);

/**
 * What a consumer needs for a batch of checks, in as few requests as possible: the integrations,
 * their statuses and alert states together, 8 integrations per batch read.
 */
export async function loadTargets(ids: readonly string[]): Promise<Map<string, CheckTarget>> {
  const values = await batchRead(
    ids.flatMap((id) => [keys.integration(id), keys.status(id), keys.alert(id)]),
  );
  const targets = new Map<string, CheckTarget>();
  for (const id of ids) {
    const record = values.get(keys.integration(id)) as IntegrationRecord | undefined;
    if (!record) continue;
    targets.set(id, {
      record,
      status: loaded(values.get(keys.status(id)) as StoredStatus | undefined),
      alertState: parseAlertState(values.get(keys.alert(id))),
    });
  }
  return targets;
}

/** The integrations as stored now: null for one that is gone. */
export async function readRecords(
  ids: readonly string[],
): Promise<Map<string, IntegrationRecord | null>> {
  const values = await batchRead(ids.map((id) => keys.integration(id)));
  return new Map(
    ids.map((id) => [id, (values.get(keys.integration(id)) as IntegrationRecord) ?? null]),
  );
}

/** One stored check: its status, overview row, history entry and what alerting adds. */
export interface CheckWrite {
  status: IntegrationStatus;
  summary: IntegrationSummary;
  entry: HistoryEntry;
  slotMs: number;
  extra: readonly KvsWrite[];
}

function writesOf(check: CheckWrite): KvsWrite[] {
  const { status, summary, entry, slotMs } = check;
  return [
    { key: keys.status(status.id), value: storedStatus(status) },
    { key: keys.summary(status.id), value: storedSummary(summary) },
    {
      key: keys.history(status.id, slotMs),
      value: entry,
      options: { ttl: { value: HISTORY_DETAIL_DAYS, unit: 'DAYS' } },
    },
    ...check.extra,
  ];
}

/**
 * Checks packed into batches of at most 25 keys, a check never split across two. Each batch
 * keeps one key for the admin page's change marker.
 */
function packed<T>(items: readonly T[], size: (item: T) => number): T[][] {
  const batches: T[][] = [];
  let keysInLast = BATCH_LIMIT;
  for (const item of items) {
    if (keysInLast + size(item) > BATCH_LIMIT) {
      batches.push([]);
      keysInLast = 1;
    }
    batches.at(-1)?.push(item);
    keysInLast += size(item);
  }
  return batches;
}

/**
 * Stores checks, as many to a request as fit. Each key of a redelivered check comes from its
 * slot, so it overwrites itself. Answers, per check, the error that kept it from being stored.
 */
export async function persistChecks(
  checks: readonly CheckWrite[],
): Promise<Map<CheckWrite, unknown>> {
  const errors = new Map<CheckWrite, unknown>();
  const write = async (batch: CheckWrite[]) => {
    try {
      // The page's change marker rides in the same request: live costs the sweep nothing.
      await setAll([...batch.flatMap(writesOf), changeMark('integrations')]);
    } catch (err) {
      batch.forEach((check) => errors.set(check, err));
    }
  };
  await Promise.all(packed(checks, (c) => writesOf(c).length).map(write));
  if (errors.size < checks.length) await announceChange('integrations');
  return errors;
}

/** Takes back what persistChecks wrote for integrations deleted while their checks were stored. */
export async function unpersistChecks(
  checks: readonly { id: string; slotMs: number }[],
): Promise<void> {
  const written = checks.flatMap(({ id, slotMs }) => [
    keys.status(id),
    keys.summary(id),
    keys.history(id, slotMs),
    keys.alert(id),
  ]);
  await Promise.all(
    chunks(written, BATCH_LIMIT).map((chunk) =>
      withRetry(() => kvs.batchDelete(chunk.map((key) => ({ key })))),
    ),
  );
}
