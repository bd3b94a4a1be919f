import { kvs } from '@forge/kvs';
import type { ListedToken, OrgToken } from '../domain/inventory';
import type { Cursor } from '../inventory/admin-api';
import { setAll } from './batch-write';
import { deleteMarked, setMarked } from './changes';
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
  /** Side errands the last sync skipped (owner lookups, alerts), in plain words. */
  skipped?: string[];
}

/** Greedy packing by JSON size: token sizes vary too much for a fixed count per chunk. */
export function chunk<T>(tokens: T[]): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
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

type Entry = { key: string; value: unknown[] };

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

/** A sync under way: where its listing goes on and what its steps staged so far. */
export interface SyncRun {
  syncId: string;
  startedAt: string;
  /** Who asked for it: null for the daily trigger. */
  requestedBy: string | null;
  /** The step the next queued event performs; an event of another step is a stale redelivery. */
  step: number;
  cursor: Cursor;
  /** Chunks each finished step staged, by step. */
  staged: number[];
  listed: number;
  /** Items listed without a readable id, which are not tokens: the page says how many. */
  unreadable?: number;
  apiRequests: number;
  /** When a step last saved progress (the start, before the first): a run idle long is stuck. */
  progressAt?: string;
}

async function writeAll(entries: Entry[]): Promise<void> {
  for (const batch of batches(entries)) await setAll(batch);
}

async function readAll<T>(names: string[]): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < names.length; i += BATCH_KEYS) {
    const slice = names.slice(i, i + BATCH_KEYS);
    const found = await withRetry(() => kvs.batchGet<T[]>(slice.map((key) => ({ key }))));
    const byKey = new Map(found.successfulKeys.map((r) => [r.key, r.value]));
    for (const name of slice) {
      const value = byKey.get(name);
      if (!value) throw new Error('an inventory chunk is missing');
      out.push(...value);
    }
  }
  return out;
}

const stagedNames = (run: SyncRun): string[] =>
  run.staged.flatMap((count, step) =>
    Array.from({ length: count }, (_, n) => keys.inventoryStaged(run.syncId, step, n)),
  );

/** The run and the state are what the page's sync status shows: each write moves its marker. */
export const inventorySync = {
  get: (source = ORG_SOURCE) => withRetry(() => kvs.get<SyncRun>(keys.inventorySync(source))),
  save: (run: SyncRun, source = ORG_SOURCE) =>
    setMarked('inventory', [{ key: keys.inventorySync(source), value: run }]),
  clear: (source = ORG_SOURCE) => deleteMarked('inventory', keys.inventorySync(source)),

  /** Stages one step's tokens; answers how many chunks it took. Rewriting a step is harmless. */
  async stage(run: SyncRun, tokens: ListedToken[]): Promise<number> {
    const chunks = chunk(tokens);
    await writeAll(
      chunks.map((value, n) => ({ key: keys.inventoryStaged(run.syncId, run.step, n), value })),
    );
    return chunks.length;
  },

  staged: (run: SyncRun) => readAll<ListedToken>(stagedNames(run)),

  async dropStaged(run: SyncRun): Promise<void> {
    for (const key of stagedNames(run)) await withRetry(() => kvs.delete(key));
  },
};

export const inventorySource = {
  get: () => kvs.get<InventorySource>(keys.inventorySource),
  save: (source: InventorySource) => kvs.set(keys.inventorySource, source),
  getKey: () => kvs.getSecret<string>(keys.inventorySourceKey),

  /** Whether an inventory is configured: it only adds a hint to messages, so a failed read is no. */
  async configured(): Promise<boolean> {
    try {
      return (await kvs.get<InventorySource>(keys.inventorySource)) !== undefined;
    } catch {
      return false;
    }
  },
  setKey: (key: string) => kvs.setSecret(keys.inventorySourceKey, key),

  /**
   * Forgets the source, its key and the inventory read with it. The state goes first, so a
   * reader never follows it to a chunk already deleted.
   */
  async remove(source = ORG_SOURCE): Promise<void> {
    const chunks = (await inventory.state(source))?.chunks ?? 0;
    await withRetry(() => kvs.delete(keys.inventoryState(source)));
    for (let n = 0; n < chunks; n += 1) {
      await withRetry(() => kvs.delete(keys.inventoryChunk(source, n)));
    }
    await withRetry(() => kvs.deleteSecret(keys.inventorySourceKey));
    await withRetry(() => kvs.delete(keys.inventorySource));
  },
};

export const inventory = {
  state: (source = ORG_SOURCE) =>
    withRetry(() => kvs.get<InventoryState>(keys.inventoryState(source))),
  saveState: (state: InventoryState, source = ORG_SOURCE) =>
    setMarked('inventory', [{ key: keys.inventoryState(source), value: state }]),

  async load(source = ORG_SOURCE): Promise<OrgToken[]> {
    const state = await inventory.state(source);
    const count = state?.chunks ?? 0;
    return readAll<OrgToken>(
      Array.from({ length: count }, (_, n) => keys.inventoryChunk(source, n)),
    );
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
    await writeAll(chunks.map((value, n) => ({ key: keys.inventoryChunk(source, n), value })));
    await inventory.saveState({ ...state, chunks: chunks.length, tokens: tokens.length }, source);
    for (let n = chunks.length; n < previous; n += 1) {
      await withRetry(() => kvs.delete(keys.inventoryChunk(source, n)));
    }
  },
};
