import { kvs } from '@forge/kvs';
import {
  exchangesHash,
  exchangesOf,
  HISTORY_DETAIL_DAYS,
  storedEntry,
  type HistoryEntry,
} from '../domain/history';
import { revisionOf } from '../domain/revision';
import { loadedRecord, type StoredRecord } from '../domain/stored-record';
import type { IntegrationRecord, IntegrationStatus } from '../domain/schedule';
import {
  mergedStatus,
  sameStable,
  stableOf,
  tickOf,
  type StableStatus,
  type StatusTick,
} from '../domain/status-tick';
import { sameRow, storedSummary, type IntegrationSummary } from '../domain/summary';
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
/** Keys per batch read: a multiple of the two or three each target needs. */
const BATCH_KEYS = 24;

export interface CheckTarget {
  record: IntegrationRecord;
  status: IntegrationStatus | undefined;
  alertState: AlertState | undefined;
  /** The status's tick as read: what the store compares the next one with. */
  tick?: StatusTick;
  /**
   * The stable part of the status was left unread (`status` holds only what the tick says):
   * the result tells it, or it is read before storing (scheduler/check-one.ts withStable).
   */
  stableUnread?: true;
}

/** How a consumer reads its targets (loadTargets). */
export interface TargetReading {
  /** Records the event carries: each checked against its revision instead of read again. */
  carried?: readonly IntegrationRecord[];
  /** Leave the stable part of a status whose tick has its hash unread (StatusTick.stable). */
  stableOnDemand?: boolean;
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

/**
 * Alert states are written with the tick that says so; a status stored before ticks existed
 * may have one beside it, a never-checked integration none.
 */
const alertMayBeStored = (tick: StatusTick | undefined, status: unknown) =>
  tick ? tick.alerted === true : status !== undefined;

/** The record of `id` among values read (stored compactly: domain/stored-record.ts). */
function recordIn(values: ReadonlyMap<string, unknown>, id: string): IntegrationRecord | undefined {
  const stored = values.get(keys.integration(id)) as StoredRecord | undefined;
  return stored && loadedRecord(stored);
}

/**
 * The records to check: those carried whose stored revision still matches them, the others as
 * read (`values`); `stale` names the carried ones edited or of unknown revision, to read afresh.
 */
function recordsOf(
  ids: readonly string[],
  carried: ReadonlyMap<string, IntegrationRecord>,
  values: ReadonlyMap<string, unknown>,
) {
  const records = new Map<string, IntegrationRecord>();
  const stale: string[] = [];
  for (const id of ids) {
    const known = carried.get(id);
    const record = known ?? recordIn(values, id);
    if (known && values.get(keys.revision(id)) !== revisionOf(known)) stale.push(id);
    else if (record) records.set(id, record);
  }
  return { records, stale };
}

/**
 * What a consumer needs for a batch of checks, in as few requests as possible: the integrations
 * with their statuses' ticks (and stable parts, unless `stableOnDemand`) together, 24 keys
 * per batch read, then at once the alert states of those whose tick says one is
 * stored, the stable parts a tick has no hash for, and the records read afresh. A record the
 * event carries is not read again: its revision (a few bytes) says whether it is still the one
 * stored, and only one edited since is read afresh, so a probe never pairs a new secret with a
 * target it no longer belongs to.
 */
export async function loadTargets(
  ids: readonly string[],
  reading: TargetReading = {},
): Promise<Map<string, CheckTarget>> {
  const known = new Map(
    (reading.carried ?? []).filter((r) => ids.includes(r.id)).map((r) => [r.id, r]),
  );
  const recordKey = (id: string) => (known.has(id) ? keys.revision(id) : keys.integration(id));
  const statusKeys = (id: string) => (reading.stableOnDemand ? [] : [keys.status(id)]);
  const values = await batchRead(
    ids.flatMap((id) => [recordKey(id), ...statusKeys(id), keys.checked(id)]),
  );
  const { records, stale } = recordsOf(ids, known, values);
  const ticks = new Map(ids.map((id) => [id, values.get(keys.checked(id)) as StatusTick]));
  const unread = (id: string) => reading.stableOnDemand === true && !!ticks.get(id)?.stable;
  const wanted = ids.filter((id) => records.has(id) || stale.includes(id));
  const alerted = wanted.filter((id) =>
    reading.stableOnDemand && !ticks.get(id)
      ? true
      : alertMayBeStored(ticks.get(id), values.get(keys.status(id))),
  );
  const later = await batchRead([
    ...alerted.map((id) => keys.alert(id)),
    ...stale.map((id) => keys.integration(id)),
    ...(reading.stableOnDemand ? wanted.filter((id) => !unread(id)).map(keys.status) : []),
  ]);
  const all = new Map([...values, ...later]);
  for (const id of stale) {
    const record = recordIn(later, id);
    if (record) records.set(id, record);
  }
  const targets = new Map<string, CheckTarget>();
  for (const id of ids) {
    const record = records.get(id);
    if (record) targets.set(id, targetOf(record, all, ticks.get(id), unread(id)));
  }
  return targets;
}

function targetOf(
  record: IntegrationRecord,
  values: ReadonlyMap<string, unknown>,
  tick: StatusTick | undefined,
  stableUnread: boolean,
): CheckTarget {
  const id = record.id;
  const stable = stableUnread ? undefined : (values.get(keys.status(id)) as StableStatus);
  return {
    record,
    status: mergedStatus(id, stable, tick),
    alertState: parseAlertState(values.get(keys.alert(id))),
    ...(tick ? { tick } : {}),
    ...(stableUnread ? { stableUnread: true as const } : {}),
  };
}

/** The stable parts of statuses whose ticks were read, merged with them (loadTargets). */
export async function readStable(
  targets: readonly CheckTarget[],
): Promise<Map<string, IntegrationStatus | undefined>> {
  const values = await batchRead(targets.map((t) => keys.status(t.record.id)));
  return new Map(
    targets.map((t) => {
      const id = t.record.id;
      return [id, mergedStatus(id, values.get(keys.status(id)) as StableStatus, t.tick)];
    }),
  );
}

/** Statuses as stored whole, before ticks existed (see mergedStatus): those found. */
export async function readWholeStatuses(ids: readonly string[]): Promise<IntegrationStatus[]> {
  const values = await batchRead(ids.map((id) => keys.status(id)));
  return ids.flatMap((id) => {
    const status = mergedStatus(id, values.get(keys.status(id)) as StableStatus, undefined);
    return status ? [status] : [];
  });
}

/**
 * The integrations as stored now (null for one that is gone), given those read before: a
 * revision equal to the one read stands for it, so only changed (or never revised) records are
 * read whole.
 */
export async function readRecords(
  known: ReadonlyMap<string, IntegrationRecord>,
): Promise<Map<string, IntegrationRecord | null>> {
  const ids = [...known.keys()];
  const revisions = await batchRead(ids.map((id) => keys.revision(id)));
  const current = new Map<string, IntegrationRecord | null>();
  for (const [id, record] of known) {
    if (revisions.get(keys.revision(id)) === revisionOf(record)) current.set(id, record);
  }
  const unsure = ids.filter((id) => !current.has(id));
  const values = await batchRead(unsure.map((id) => keys.integration(id)));
  for (const id of unsure) {
    current.set(id, recordIn(values, id) ?? null);
  }
  return current;
}

/** One stored check: its status, overview row, history entry and what alerting adds. */
export interface CheckWrite {
  status: IntegrationStatus;
  summary: IntegrationSummary;
  entry: HistoryEntry;
  slotMs: number;
  extra: readonly KvsWrite[];
  /** What the check started from: only what differs from it is written. */
  before: { status?: IntegrationStatus; summary?: IntegrationSummary; tick?: StatusTick };
}

/**
 * Where a check's requests go: into its history entry when they differ from the check before's;
 * into the integration's evidence key (which outlives the entries) from the second check on, so
 * a first check writes one key less.
 */
function evidenceWrites(check: CheckWrite) {
  const { status, entry, before } = check;
  const hash = exchangesHash(entry.evidence);
  const same = before.tick?.evidence === hash;
  const keep = before.tick !== undefined && !(same && before.tick.evidenceKept);
  const kept = keep || (same && before.tick?.evidenceKept === true);
  return {
    tick: { evidence: hash, ...(kept ? { evidenceKept: true as const } : {}) },
    entry: storedEntry(entry, same),
    writes: keep ? [{ key: keys.evidence(status.id), value: exchangesOf(entry.evidence) }] : [],
  };
}

/**
 * A check's writes: always its tick and history entry; its stable status, overview row and
 * requests only when they differ from what it started from (KVS bills the bytes written).
 */
function writesOf(check: CheckWrite): KvsWrite[] {
  const { status, summary, slotMs, before } = check;
  const id = status.id;
  const evidence = evidenceWrites(check);
  const alerted = check.extra.some((w) => w.key === keys.alert(id)) || !!before.tick?.alerted;
  const unchanged = {
    status: before.status !== undefined && sameStable(before.status, status),
    summary: before.summary !== undefined && sameRow(before.summary, summary),
  };
  const tick = tickOf(status, { ...(alerted ? { alerted } : {}), ...evidence.tick });
  return [
    { key: keys.checked(id), value: tick },
    ...(unchanged.status ? [] : [{ key: keys.status(id), value: stableOf(status) }]),
    ...(unchanged.summary ? [] : [{ key: keys.summary(id), value: storedSummary(summary) }]),
    {
      key: keys.history(id, slotMs),
      value: evidence.entry,
      options: { ttl: { value: HISTORY_DETAIL_DAYS, unit: 'DAYS' } },
    },
    ...evidence.writes,
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
  // Each check's writes worked out once: packing and writing both need them.
  const writes = new Map(checks.map((c) => [c, writesOf(c)]));
  const writesOfCheck = (c: CheckWrite) => writes.get(c) ?? [];
  const write = async (batch: CheckWrite[]) => {
    try {
      // The page's change marker rides in the same request: live costs the sweep nothing.
      await setAll([...batch.flatMap(writesOfCheck), changeMark('integrations')]);
    } catch (err) {
      batch.forEach((check) => errors.set(check, err));
    }
  };
  await Promise.all(packed(checks, (c) => writesOfCheck(c).length).map(write));
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
    keys.checked(id),
    keys.evidence(id),
  ]);
  await Promise.all(
    chunks(written, BATCH_LIMIT).map((chunk) =>
      withRetry(() => kvs.batchDelete(chunk.map((key) => ({ key })))),
    ),
  );
}
