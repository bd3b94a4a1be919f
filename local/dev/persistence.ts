// The local platform must install its globals before @forge/kvs loads.
import '../forge-runtime';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { kvs, MetadataField } from '@forge/kvs';
import type { LocalForge } from '../forge-runtime';

/** What the state file holds: every stored value with its expiry, and the simulated time. */
export interface SavedState {
  version: 1;
  /** Simulated ms when saved: the clock resumes from here, so nothing stored is in its future. */
  simNow: number;
  values: Record<string, { value: unknown; expiresAt?: number }>;
  secrets: Record<string, unknown>;
  entities: Record<string, Record<string, unknown>>;
}

/**
 * Leases, locks and a sync's progress only make sense with the process (and queue events) that
 * held them; restored, they would block the next sweep or sync until their TTL.
 */
const TRANSIENT = [/^sweep:lease$/, /^lock:/, /^inventory-sync:/, /^inventory-staged:/];
const isTransient = (key: string) => TRANSIENT.some((re) => re.test(key));
/** A guard on the paging loop below: far more keys than a local session stores. */
const MAX_PAGES = 10_000;

export async function readState(file: string): Promise<SavedState | null> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const state = JSON.parse(text) as SavedState;
  if (state.version !== 1)
    throw new Error(`${file}: unknown state version ${String(state.version)}`);
  return state;
}

/** Puts a saved state into a fresh runtime's KVS, keeping each value's remaining TTL. */
export function restoreState(forge: LocalForge, state: SavedState, now: number): void {
  for (const [key, { value, expiresAt }] of Object.entries(state.values)) {
    if (isTransient(key) || (expiresAt !== undefined && expiresAt <= now)) continue;
    forge.kvs.set(key, value, expiresAt === undefined ? {} : { ttlMs: expiresAt - now });
  }
  for (const [key, value] of Object.entries(state.secrets)) forge.kvs.setSecret(key, value);
  for (const [entity, items] of Object.entries(state.entities)) {
    for (const [key, value] of Object.entries(items)) forge.kvs.setEntity(entity, key, value);
  }
}

/** Every plain key's expiry, read through the SDK (the inspector's dump has values only). */
async function expiries(forge: LocalForge): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  await forge.run(async () => {
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      let query = kvs.query({ metadataFields: [MetadataField.EXPIRE_TIME] }).limit(100);
      if (cursor) query = query.cursor(cursor);
      const { results, nextCursor } = await query.getMany();
      for (const r of results) if (r.expireTime) out.set(r.key, Date.parse(r.expireTime));
      if (!nextCursor) return;
      cursor = nextCursor;
    }
  });
  return out;
}

export async function captureState(forge: LocalForge, simNow: number): Promise<SavedState> {
  const dump = forge.kvs.dump();
  const ttl = await expiries(forge);
  const values: SavedState['values'] = {};
  for (const [key, value] of Object.entries(dump.values)) {
    if (isTransient(key)) continue;
    const expiresAt = ttl.get(key);
    values[key] = expiresAt === undefined ? { value } : { value, expiresAt };
  }
  return { version: 1, simNow, values, secrets: dump.secrets, entities: dump.entities };
}

/** Temp file + rename: a crash mid-write leaves the previous state, never half a file. */
export async function writeAtomically(file: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temp, text, { mode: 0o600 });
  await fs.rename(temp, file);
}

/**
 * Saves when something stored changed (the simulated time alone is not a change), or when forced
 * at stop so the clock resumes from the last moment. The file holds the demo's secrets in clear:
 * it is the user's own, mode 0600.
 */
export class StateSaver {
  private last = '';

  constructor(
    private readonly forge: LocalForge,
    private readonly file: string,
    private readonly simNow: () => number,
  ) {}

  async save(force = false): Promise<boolean> {
    const state = await captureState(this.forge, this.simNow());
    const content = JSON.stringify({ ...state, simNow: 0 });
    if (content === this.last && !force) return false;
    await writeAtomically(this.file, JSON.stringify(state));
    this.last = content;
    return true;
  }
}
