import type { Clock } from '../clock';

export interface StoredItem {
  value: unknown;
  createdAt: number;
  updatedAt: number;
  /** Clock ms after which the item is gone. */
  expiresAt?: number;
}

/** 'kv' for kvs.get/set, 'secret' for secrets, 'entity:<name>' per custom entity. */
export type SpaceName = string;

export const entitySpace = (entityName: string): SpaceName => `entity:${entityName}`;

export type MetadataField = 'CREATED_AT' | 'UPDATED_AT' | 'EXPIRE_TIME';

/**
 * In-memory storage, one map per space. Expired items vanish as soon as the clock passes their
 * expiry (the platform's timing is not documented; immediate is the strictest choice). Values are
 * kept as the JSON the SDK sent and handed out as fresh copies, so nothing is shared by reference.
 */
export class KvsStore {
  private readonly spaces = new Map<SpaceName, Map<string, StoredItem>>();
  /** Each space's keys in order, built at the first scan and kept in step with every write. */
  private readonly order = new Map<SpaceName, string[]>();

  constructor(private readonly clock: Clock) {}

  get(space: SpaceName, key: string): StoredItem | undefined {
    const items = this.spaces.get(space);
    const item = items?.get(key);
    if (items && item?.expiresAt !== undefined && item.expiresAt <= this.clock.now()) {
      items.delete(key);
      this.unindex(space, key);
      return undefined;
    }
    return item;
  }

  put(
    space: SpaceName,
    key: string,
    value: unknown,
    ttl?: number,
  ): { previous?: StoredItem; item: StoredItem } {
    const now = this.clock.now();
    const previous = this.get(space, key);
    const item: StoredItem = {
      value: structuredClone(value),
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
      expiresAt: ttl === undefined ? undefined : now + ttl,
    };
    const items = this.space(space);
    if (!items.has(key)) this.index(space, key);
    items.set(key, item);
    return { previous, item };
  }

  delete(space: SpaceName, key: string): boolean {
    const existed = this.get(space, key) !== undefined;
    if (this.spaces.get(space)?.delete(key)) this.unindex(space, key);
    return existed;
  }

  /** Live items of a space in ascending key order (UTF-16 code unit order = byte order for keys). */
  entries(space: SpaceName): [string, StoredItem][] {
    return this.scan(space, '', undefined, Infinity);
  }

  /**
   * Live items whose key begins with `prefix` and sorts after `after`, in key order, at most
   * `max`: a query page is found by binary search, as a real store's index finds it, rather than
   * by sorting every key of the space for every page (seconds per sweep at 20,000 integrations).
   */
  scan(
    space: SpaceName,
    prefix: string,
    after: string | undefined,
    max: number,
  ): [string, StoredItem][] {
    const keys = this.sortedKeys(space);
    const fromAfter = after !== undefined && compareKeys(after, prefix) >= 0;
    let i = lowerBound(keys, fromAfter ? after : prefix);
    if (fromAfter && keys[i] === after) i += 1;
    const out: [string, StoredItem][] = [];
    while (i < keys.length && out.length < max) {
      const key = keys[i] ?? '';
      if (!key.startsWith(prefix)) break;
      const item = this.get(space, key);
      if (item) out.push([key, item]);
      // An expired key leaves the index as it is read: the next one has moved up to i.
      if (keys[i] === key) i += 1;
    }
    return out;
  }

  spaceNames(): SpaceName[] {
    return [...this.spaces.keys()];
  }

  clear(): void {
    this.spaces.clear();
    this.order.clear();
  }

  private index(space: SpaceName, key: string): void {
    const keys = this.order.get(space);
    keys?.splice(lowerBound(keys, key), 0, key);
  }

  private unindex(space: SpaceName, key: string): void {
    const keys = this.order.get(space);
    const i = keys ? lowerBound(keys, key) : -1;
    if (keys?.[i] === key) keys.splice(i, 1);
  }

  private sortedKeys(space: SpaceName): string[] {
    let keys = this.order.get(space);
    if (!keys) {
      keys = [...(this.spaces.get(space)?.keys() ?? [])].sort(compareKeys);
      this.order.set(space, keys);
    }
    return keys;
  }

  private space(name: SpaceName): Map<string, StoredItem> {
    let items = this.spaces.get(name);
    if (!items) this.spaces.set(name, (items = new Map()));
    return items;
  }
}

export const compareKeys = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The index of the first key not below `key` in sorted `keys`. */
function lowerBound(keys: readonly string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareKeys(keys[mid] ?? '', key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The wire form of an item: `{key, value}` plus the requested metadata; createdAt/updatedAt in
 * epoch seconds and expireTime as ISO text, as in the SDK's own tests. The value is the stored
 * one, not a copy: every answer is serialised to JSON before it leaves KvsService.handle.
 */
export function wireItem(
  key: string,
  item: StoredItem,
  fields: readonly MetadataField[] | undefined,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = { key, ...extra, value: item.value };
  if (fields?.includes('CREATED_AT')) out.createdAt = Math.floor(item.createdAt / 1000);
  if (fields?.includes('UPDATED_AT')) out.updatedAt = Math.floor(item.updatedAt / 1000);
  if (fields?.includes('EXPIRE_TIME') && item.expiresAt !== undefined) {
    out.expireTime = new Date(item.expiresAt).toISOString();
  }
  return out;
}
