import type { Reply } from '../http';
import type { EntityDef } from '../manifest';
import { badRequest, KvsError } from './errors';
import { checkValue, targetFor } from './single';
import { type KvsStore, type MetadataField, wireItem } from './store';
import { ttlMs, validateKey } from './validate';

const MAX_BATCH = 25;
type Item = {
  key?: unknown;
  value?: unknown;
  entityName?: string;
  options?: Record<string, unknown>;
};

/**
 * batch/set, batch/get, batch/delete: the body is the bare array the app passed. Whole-request
 * errors (not an array, empty, over 25 keys, a key twice) are 400s; per-item problems land in
 * failedKeys with the same code a single op would have answered.
 */
export function batchOp(
  op: 'set' | 'get' | 'delete',
  store: KvsStore,
  entities: Map<string, EntityDef>,
  body: unknown,
): Reply {
  const items = checkBatch(body);
  const successfulKeys: Record<string, unknown>[] = [];
  const failedKeys: Record<string, unknown>[] = [];
  for (const item of items) {
    const id =
      item.entityName === undefined
        ? { key: item.key }
        : { key: item.key, entityName: item.entityName };
    try {
      const target = targetFor(item.entityName === undefined ? 'plain' : 'entity', item, entities);
      validateKey(item.key, !!target.entity);
      if (op === 'set') {
        checkValue(target, item.value);
        store.put(target.space, item.key, item.value, ttlMs(item.options));
        successfulKeys.push(id);
      } else if (op === 'delete') {
        store.delete(target.space, item.key);
        successfulKeys.push(id);
      } else {
        const found = store.get(target.space, item.key);
        const fields = item.options?.metadataFields as MetadataField[] | undefined;
        if (found) successfulKeys.push(wireItem(item.key, found, fields, id));
        else
          failedKeys.push({
            ...id,
            error: { code: 'KEY_NOT_FOUND', message: 'Key does not exist' },
          });
      }
    } catch (e) {
      if (!(e instanceof KvsError)) throw e;
      failedKeys.push({ ...id, error: { code: e.code, message: e.message } });
    }
  }
  return { status: 200, body: { successfulKeys, failedKeys } };
}

function checkBatch(body: unknown): Item[] {
  if (!Array.isArray(body) || body.length === 0) {
    throw badRequest('BAD_REQUEST', 'A batch needs a non-empty array of items');
  }
  if (body.length > MAX_BATCH) {
    throw badRequest('BAD_REQUEST', `A batch is limited to ${MAX_BATCH} keys`);
  }
  const seen = new Set<string>();
  for (const item of body as Item[]) {
    const id = `${item.entityName ?? ''}\u0000${String(item.key)}`;
    if (seen.has(id))
      throw badRequest('BAD_REQUEST', `Key '${String(item.key)}' appears twice in the batch`);
    seen.add(id);
  }
  return body as Item[];
}
