import { kvs } from '@forge/kvs';
import type { KeyWarned } from '../domain/key-warnings';
import { keys } from './keys';
import { withRetry } from './retry';

/** KVS reads at most 25 keys a batch. */
const BATCH = 25;

/** What the expiry watch remembers per consumer key: the warnings it queued already. */
export const keyWarnings = {
  async getMany(keyIds: readonly string[]): Promise<Map<string, KeyWarned>> {
    const found = new Map<string, KeyWarned>();
    for (let i = 0; i < keyIds.length; i += BATCH) {
      const ids = keyIds.slice(i, i + BATCH);
      const got = await withRetry(() =>
        kvs.batchGet<KeyWarned>(ids.map((id) => ({ key: keys.keyWarned(id) }))),
      );
      for (const r of got.successfulKeys) {
        if (r.value !== undefined) found.set(r.key.slice(keys.keyWarned('').length), r.value);
      }
    }
    return found;
  },

  save: (keyId: string, warned: KeyWarned) =>
    withRetry(() => kvs.set(keys.keyWarned(keyId), warned)),

  remove: (keyId: string) => withRetry(() => kvs.delete(keys.keyWarned(keyId))),
};
