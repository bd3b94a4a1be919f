import { kvs } from '@forge/kvs';
import { batchError } from './batch-write';
import { keys } from './keys';
import { withRetry } from './retry';
import type { SweepState } from './sweep-state';
import { nameCacheOf, type NameCache } from './user-names';

/** What an overview answer shows besides its rows. */
export interface OverviewBasics {
  sweep: SweepState | undefined;
  inventoryConfigured: boolean;
  /** null: the cache could not be read (then nothing learned may be written over it). */
  names: NameCache | null;
}

/**
 * The last sweep, whether an inventory is configured and the owners' name cache: three small
 * values in one KVS request, as each answer of the overview needs them.
 */
export async function overviewBasics(): Promise<OverviewBasics> {
  const wanted = [keys.sweepState, keys.inventorySource, keys.userNames];
  const answer = await withRetry(() => kvs.batchGet<unknown>(wanted.map((key) => ({ key }))));
  const found = new Map(answer.successfulKeys.map((item) => [item.key, item.value]));
  const unread = new Set(
    answer.failedKeys.filter((f) => f.error.code !== 'KEY_NOT_FOUND').map((f) => f.key),
  );
  // The last sweep is what the page is about; the rest are side errands.
  const vital = answer.failedKeys.find((f) => f.key === keys.sweepState);
  if (vital && unread.has(vital.key)) throw batchError('read', vital);
  return {
    sweep: found.get(keys.sweepState) as SweepState | undefined,
    inventoryConfigured: found.has(keys.inventorySource),
    names: unread.has(keys.userNames) ? null : nameCacheOf(found.get(keys.userNames)),
  };
}
