import { kvs } from '@forge/kvs';
import type { KvsWrite } from './deliveries';
import { withRetry } from './retry';

type FailedKey = { key: string; error: { code: string; message: string } };

/** A key KVS refused in a batch, as an error naming it and carrying KVS's code. */
export const batchError = (verb: string, failed: FailedKey): Error =>
  Object.assign(new Error(`could not ${verb} ${failed.key}: ${failed.error.message}`), {
    code: failed.error.code,
  });

/**
 * Writes every item in one `batchSet`, retried on KVS 429/5xx. `batchSet` answers which keys it
 * refused instead of failing: any refused key fails the whole call, so no caller mistakes a
 * partial write for a stored one.
 */
export async function setAll(writes: readonly KvsWrite[]): Promise<void> {
  await withRetry(async () => {
    const result = await kvs.batchSet<unknown>([...writes]);
    const [failed] = result.failedKeys;
    if (failed) throw batchError('store', failed);
  });
}
