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

  constructor(private readonly clock: Clock) {}

  get(space: SpaceName, key: string): StoredItem | undefined {
    const items = this.spaces.get(space);
    const item = items?.get(key);
    if (items && item?.expiresAt !== undefined && item.expiresAt <= this.clock.now()) {
      items.delete(key);
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
    this.space(space).set(key, item);
    return { previous, item };
  }

  delete(space: SpaceName, key: string): boolean {
    const existed = this.get(space, key) !== undefined;
    this.spaces.get(space)?.delete(key);
    return existed;
  }

  /** Live items of a space in ascending key order (UTF-16 code unit order = byte order for keys). */
  entries(space: SpaceName): [string, StoredItem][] {
    const out: [string, StoredItem][] = [];
    for (const key of [...(this.spaces.get(space)?.keys() ?? [])].sort(compareKeys)) {
      const item = this.get(space, key);
      if (item) out.push([key, item]);
    }
    return out;
  }

  spaceNames(): SpaceName[] {
    return [...this.spaces.keys()];
  }

  clear(): void {
    this.spaces.clear();
  }

  private space(name: SpaceName): Map<string, StoredItem> {
    let items = this.spaces.get(name);
    if (!items) this.spaces.set(name, (items = new Map()));
    return items;
  }
}

export const compareKeys = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The wire form of an item: `{key, value}` plus the requested metadata; createdAt/updatedAt in
 * epoch seconds and expireTime as ISO text, as in the SDK's own tests.
 */
export function wireItem(
  key: string,
  item: StoredItem,
  fields: readonly MetadataField[] | undefined,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = { key, ...extra, value: structuredClone(item.value) };
  if (fields?.includes('CREATED_AT')) out.createdAt = Math.floor(item.createdAt / 1000);
  if (fields?.includes('UPDATED_AT')) out.updatedAt = Math.floor(item.updatedAt / 1000);
  if (fields?.includes('EXPIRE_TIME') && item.expiresAt !== undefined) {
    out.expireTime = new Date(item.expiresAt).toISOString();
  }
  return out;
}
