import type { EntityDef, EntityIndexDef } from '../manifest';
import {
  checkCondition,
  type Condition,
  compileFilters,
  matches,
  orderValues,
  RANGE_CONDITIONS,
} from './conditions';
import { badRequest } from './errors';
import { type MetadataField, type StoredItem, wireItem } from './store';

/** Page size when the app sets no limit. Not documented; small, so unpaged reads show up in tests. */
export const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 100;

export interface Page {
  data: Record<string, unknown>[];
  cursor?: string;
}

type Body = Record<string, unknown>;
type Entry = [string, StoredItem];

/** Live items with a key prefix, after a key, in key order, at most `max` (KvsStore.scan). */
export type KeyScan = (prefix: string, after: string | undefined, max: number) => Entry[];

/** kvs.query(): keys in ascending order, `after` cursor, one `where` on the key. */
export function keyQuery(scan: KeyScan, body: Body): Page {
  const limit = pageLimit(
    body.limit,
    'LIST_QUERY_LIMIT_EXCEEDED',
    'Limit for list query should be below 100.',
  );
  const where = body.where === undefined ? undefined : keyCondition(body.where);
  const after = body.after === undefined ? undefined : decodeCursor(body.after).k;
  const prefix = where?.condition === 'BEGINS_WITH' ? String(where.values[0]) : undefined;
  // A prefix reads one page and one item more (is there a next page?); any other condition scans.
  let matching = scan(prefix ?? '', after, prefix === undefined ? Infinity : limit + 1);
  if (where) matching = matching.filter(([key]) => matches(key, where));
  const page = matching.slice(0, limit);
  const last = page[page.length - 1];
  return {
    data: page.map(([key, item]) => wireItem(key, item, metadata(body))),
    cursor: matching.length > limit && last ? encodeCursor({ k: last[0] }) : undefined,
  };
}

/** The one `where` a key query may have: a range condition on the key. */
function keyCondition(where: unknown): Condition {
  if (!Array.isArray(where) || where.length !== 1) {
    throw badRequest(
      'QUERY_WHERE_INVALID',
      'KVS queries should contain only a single "where" clause.',
    );
  }
  const condition: unknown = where[0];
  if ((condition as { property?: unknown }).property !== 'key') {
    throw badRequest(
      'QUERY_WHERE_FIELD_INVALID',
      'The specified field is not supported for filters.',
    );
  }
  checkCondition(condition, RANGE_CONDITIONS);
  return condition;
}

/**
 * entity.query().index(): items carrying the index attributes, in one partition, ordered by the
 * range attributes then key. As in DynamoDB, `limit` counts items read from the index and the
 * filters then drop some of them, so a page can hold fewer items than the limit (even none) while
 * a cursor still says there is more.
 */
export function entityQuery(def: EntityDef, entries: Entry[], body: Body): Page {
  const index = def.indexes.find((ix) => ix.name === body.indexName);
  if (!index) {
    throw badRequest(
      'INVALID_ENTITY_INDEX',
      `Index '${String(body.indexName)}' is not declared for ${def.name}`,
    );
  }
  const limit = pageLimit(
    body.limit,
    'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE',
    'The page limit must be set between 1 and 100.',
  );
  const partition = partitionValues(index, body.partition);
  const keep = body.filters === undefined ? () => true : compileFilters(body.filters);
  const range = body.range;
  if (range !== undefined) checkCondition(range, RANGE_CONDITIONS);

  const attrs = [...index.partition, ...index.range];
  const rangeAttr = index.range[0] ?? '';
  const sortKey = (e: Entry): unknown[] => [...index.range.map((a) => field(e[1], a)), e[0]];
  const direction = body.sort === 'DESC' ? -1 : 1;
  const order = (a: unknown[], b: unknown[]) => direction * compareTuples(a, b);
  let matching = entries
    .filter(([, item]) => attrs.every((a) => field(item, a) !== undefined))
    .filter(([, item]) => index.partition.every((a, i) => field(item, a) === partition[i]))
    .filter(([, item]) => range === undefined || matches(field(item, rangeAttr), range))
    .sort((a, b) => order(sortKey(a), sortKey(b)));
  if (body.cursor !== undefined) {
    const position = decodeCursor(body.cursor).p ?? [];
    matching = matching.filter((e) => order(sortKey(e), position) > 0);
  }
  const page = matching.slice(0, limit);
  const last = page[page.length - 1];
  return {
    data: page
      .filter(([, item]) => keep(item.value))
      .map(([key, item]) => wireItem(key, item, metadata(body))),
    cursor:
      matching.length > limit && last ? encodeCursor({ k: last[0], p: sortKey(last) }) : undefined,
  };
}

function pageLimit(limit: unknown, code: string, message: string): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw badRequest(code, message);
  }
  return limit;
}

function partitionValues(index: EntityIndexDef, given: unknown): unknown[] {
  const values = given === undefined ? [] : given;
  if (!Array.isArray(values) || values.length !== index.partition.length) {
    throw badRequest(
      'BAD_REQUEST',
      `Index '${index.name}' needs a partition of ${index.partition.length} value(s): [${index.partition.join(', ')}]`,
    );
  }
  return values;
}

const field = (item: StoredItem, attr: string): unknown =>
  (item.value as Record<string, unknown> | null)?.[attr];

function compareTuples(a: unknown[], b: unknown[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = orderValues(a[i], b[i]);
    if (d !== 0) return d;
  }
  return 0;
}

const metadata = (body: Body): MetadataField[] | undefined =>
  (body.options as { metadataFields?: MetadataField[] } | undefined)?.metadataFields;

/**
 * Cursors are opaque to apps: base64url of `{k: last key, p: last sort position}`. They name a
 * position, not an offset, so writes between pages neither repeat nor skip items.
 */
interface CursorBody {
  k: string;
  p?: unknown[];
}

function encodeCursor(c: CursorBody): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(cursor: unknown): CursorBody {
  try {
    const c = JSON.parse(Buffer.from(String(cursor), 'base64url').toString()) as CursorBody;
    if (typeof c.k === 'string') return c;
  } catch {
    // fall through
  }
  throw badRequest('BAD_REQUEST', 'Invalid cursor');
}
