import { randomUUID } from 'node:crypto';
import { kvs } from '@forge/kvs';
import { LIVE_AREAS, type ChangeMarks, type LiveArea } from '../domain/live';
import { announceChange } from '../platform/realtime';
import type { KvsWrite } from './deliveries';
import { setAll } from './batch-write';
import { keys } from './keys';
import { withRetry } from './retry';

/**
 * One more item for the batch that changes what the page shows in `area`: the marker rides in
 * the same request, so keeping the page live costs the writer no KVS request.
 */
export function changeMark(area: LiveArea): KvsWrite {
  return { key: keys.changed(area), value: randomUUID() };
}

export const changes = {
  /** Every area's marker in one request: what a poll of the page costs. */
  async read(): Promise<ChangeMarks> {
    const wanted = LIVE_AREAS.map((area) => ({ key: keys.changed(area) }));
    const result = await withRetry(() => kvs.batchGet<string>(wanted));
    const found = new Map(result.successfulKeys.map((item) => [item.key, item.value]));
    const marks = {} as ChangeMarks;
    for (const area of LIVE_AREAS) marks[area] = found.get(keys.changed(area)) ?? null;
    return marks;
  },
};

/**
 * Writes `items` and the area's marker in one batch request; any key refused fails the write.
 * Once stored, open pages are told over Realtime (announceChange never fails the write).
 */
export async function setMarked(area: LiveArea, items: readonly KvsWrite[]): Promise<void> {
  await setAll([...items, changeMark(area)]);
  await announceChange(area);
}

/** Deletes `key` and moves the area's marker in one transaction: one request, all or nothing. */
export async function deleteMarked(area: LiveArea, key: string): Promise<void> {
  const mark = changeMark(area);
  await withRetry(() => kvs.transact().delete(key).set(mark.key, mark.value).execute());
  await announceChange(area);
}
