import { kvs, WhereConditions } from '@forge/kvs';
import { withRetry } from './retry';

/** KVS answers at most 100 per page. */
export const PAGE_SIZE = 100;

export interface Page<T> {
  items: { key: string; value: T }[];
  cursor: string | undefined;
}

export async function queryPage<T>(
  prefix: string,
  cursor?: string,
  limit = PAGE_SIZE,
): Promise<Page<T>> {
  let query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(limit);
  if (cursor) query = query.cursor(cursor);
  const page = await withRetry(() => query.getMany<T>());
  return {
    items: page.results.map((r) => ({ key: r.key, value: r.value })),
    cursor: page.nextCursor,
  };
}

/** Every value under a prefix, in key order; bounded so a runaway cursor cannot loop forever. */
export async function queryAll<T>(
  prefix: string,
  maxPages = 1000,
): Promise<{ key: string; value: T }[]> {
  const all: { key: string; value: T }[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page += 1) {
    const next = await queryPage<T>(prefix, cursor);
    all.push(...next.items);
    cursor = next.cursor;
    if (!cursor) return all;
  }
  throw new Error(`more than ${maxPages} pages under ${prefix}`);
}
