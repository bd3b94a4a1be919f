import { kvs } from '@forge/kvs';
import type { OrgToken } from '../domain/inventory';
import { keys } from './keys';
import { withRetry } from './retry';

/** The one source for now: the org the Admin API key belongs to. */
export const ORG_SOURCE = 'org';
/** Well under KVS's 240 KiB per value, so a chunk of long labels and names still fits. */
const CHUNK_BYTES = 160 * 1024;
/** KVS takes 25 keys and 4 MiB per batch request. */
const BATCH_KEYS = 25;
const BATCH_BYTES = 3 * 1024 * 1024;

/** What the admin configured; the Admin API key is stored apart, as a secret. */
export interface InventorySource {
  orgId: string;
  baseUrl?: string;
  /** The integration that monitors the same key, if the admin added one: referenced, not copied. */
  integrationId?: string;
  keyFingerprint: string;
  maxLifetimeDays: number | null;
  unusedDays: number | null;
}

export interface InventoryState {
  chunks: number;
  tokens: number;
  lastSyncAt: string | null;
  lastSuccessAt: string | null;
  error: string | null;
  apiRequests: number;
}

/** Greedy packing by JSON size: token sizes vary too much for a fixed count per chunk. */
export function chunk(tokens: OrgToken[]): OrgToken[][] {
  const chunks: OrgToken[][] = [];
  let current: OrgToken[] = [];
  let bytes = 0;
  for (const token of tokens) {
    const size = Buffer.byteLength(JSON.stringify(token)) + 1;
    if (current.length > 0 && bytes + size > CHUNK_BYTES) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(token);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

type Entry = { key: string; value: OrgToken[] };

function batches(entries: Entry[]): Entry[][] {
  const out: Entry[][] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = Buffer.byteLength(JSON.stringify(entry.value));
    const last = out[out.length - 1];
    if (!last || last.length >= BATCH_KEYS || bytes + size > BATCH_BYTES) {
      out.push([entry]);
      bytes = size;
    } else {
      last.push(entry);
      bytes += size;
    }
  }
  return out;
}

export const inventorySource = {
  get: () => kvs.get<InventorySource>(keys.inventorySource),
  save: (source: InventorySource) => kvs.set(keys.inventorySource, source),
  getKey: () => kvs.getSecret<string>(keys.inventorySourceKey),
  setKey: (key: string) => kvs.setSecret(keys.inventorySourceKey, key),
};

export const inventory = {
  state: (source = ORG_SOURCE) => kvs.get<InventoryState>(keys.inventoryState(source)),
  saveState: (state: InventoryState, source = ORG_SOURCE) =>
    withRetry(() => kvs.set(keys.inventoryState(source), state)),

  async load(source = ORG_SOURCE): Promise<OrgToken[]> {
    const state = await inventory.state(source);
    const names = Array.from({ length: state?.chunks ?? 0 }, (_, n) =>
      keys.inventoryChunk(source, n),
    );
    const tokens: OrgToken[] = [];
    for (let i = 0; i < names.length; i += BATCH_KEYS) {
      const found = await withRetry(() =>
        kvs.batchGet<OrgToken[]>(names.slice(i, i + BATCH_KEYS).map((key) => ({ key }))),
      );
      const byKey = new Map(found.successfulKeys.map((r) => [r.key, r.value]));
      for (const name of names.slice(i, i + BATCH_KEYS)) tokens.push(...(byKey.get(name) ?? []));
    }
    return tokens;
  },

  /**
   * Writes the chunks, then the state that says how many to read, then drops chunks the
   * inventory outgrew: a reader never follows a state to a chunk that is not there yet.
   */
  async save(
    tokens: OrgToken[],
    state: Omit<InventoryState, 'chunks' | 'tokens'>,
    source = ORG_SOURCE,
  ) {
    const previous = (await inventory.state(source))?.chunks ?? 0;
    const chunks = chunk(tokens);
    const entries = chunks.map((value, n) => ({ key: keys.inventoryChunk(source, n), value }));
    for (const batch of batches(entries)) {
      const result = await withRetry(() => kvs.batchSet(batch));
      if (result.failedKeys.length > 0) throw new Error('some inventory chunks were not stored');
    }
    await inventory.saveState({ ...state, chunks: chunks.length, tokens: tokens.length }, source);
    for (let n = chunks.length; n < previous; n += 1) {
      await withRetry(() => kvs.delete(keys.inventoryChunk(source, n)));
    }
  },
};
