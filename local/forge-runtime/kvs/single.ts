import type { Reply } from '../http';
import type { EntityDef } from '../manifest';
import { entityDef, validateEntityValue } from './entities';
import { badRequest, KvsError, keyNotFound } from './errors';
import { entitySpace, type KvsStore, type MetadataField, type SpaceName, wireItem } from './store';
import { MAX_SECRET_BYTES, MAX_VALUE_BYTES, ttlMs, validateKey, validateValue } from './validate';

type Body = Record<string, unknown>;

/** Which space an op addresses, and how values there are validated. */
export interface Target {
  space: SpaceName;
  entity?: EntityDef;
  maxBytes: number;
}

export function targetFor(
  kind: 'plain' | 'secret' | 'entity',
  body: Body,
  entities: Map<string, EntityDef>,
): Target {
  if (kind === 'secret') return { space: 'secret', maxBytes: MAX_SECRET_BYTES };
  if (kind === 'plain') return { space: 'kv', maxBytes: MAX_VALUE_BYTES };
  const entity = entityDef(entities, body.entityName);
  return { space: entitySpace(entity.name), entity, maxBytes: MAX_VALUE_BYTES };
}

export function checkValue(target: Target, value: unknown): void {
  validateValue(value, target.maxBytes);
  if (target.entity) validateEntityValue(target.entity, value);
}

const fields = (options: unknown, name = 'metadataFields'): MetadataField[] | undefined =>
  (options as Record<string, MetadataField[] | undefined> | undefined)?.[name];

export function getOp(store: KvsStore, target: Target, body: Body): Reply {
  validateKey(body.key, !!target.entity);
  const item = store.get(target.space, body.key);
  if (!item) throw keyNotFound();
  return { status: 200, body: wireItem(body.key, item, fields(body.options)) };
}

/**
 * set with its options (FORGE-PLATFORM.md 3.3). FAIL_IF_EXISTS is atomic because the check and
 * the write happen in one synchronous step of the single-threaded event loop.
 */
export function setOp(store: KvsStore, target: Target, body: Body): Reply {
  validateKey(body.key, !!target.entity);
  checkValue(target, body.value);
  const options = (body.options ?? {}) as Record<string, unknown>;
  const ttl = ttlMs(options);
  const policy = options.keyPolicy ?? 'OVERRIDE';
  if (policy !== 'OVERRIDE' && policy !== 'FAIL_IF_EXISTS') {
    throw badRequest('BAD_REQUEST', `Unknown keyPolicy '${String(policy)}'`);
  }
  if (policy === 'FAIL_IF_EXISTS' && store.get(target.space, body.key)) {
    throw new KvsError(409, 'KEY_CONFLICT', 'The provided key already exists', { key: body.key });
  }
  const { previous, item } = store.put(target.space, body.key, body.value, ttl);
  const returned = fields(options, 'returnMetadataFields');
  if (options.returnValue === 'LATEST')
    return { status: 200, body: wireItem(body.key, item, returned) };
  if (options.returnValue === 'PREVIOUS' && previous) {
    return { status: 200, body: wireItem(body.key, previous, returned) };
  }
  return { status: 204 };
}

/** A missing key answers 404 KEY_NOT_FOUND, which the SDK turns into a resolved delete. */
export function deleteOp(store: KvsStore, target: Target, body: Body): Reply {
  validateKey(body.key, !!target.entity);
  if (!store.delete(target.space, body.key)) throw keyNotFound();
  return { status: 204 };
}
