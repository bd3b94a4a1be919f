import { promises as fs } from 'node:fs';
import type { GrantState, GrantStore } from '../probes/oauth/grant-store';

const LOCK_WAIT_MS = 100;
const LOCK_ATTEMPTS = 300;
/** A lock older than this belongs to a crashed run; a refresh never takes this long. */
const STALE_LOCK_MS = 120_000;

/**
 * A kept grant in a file only its owner may read, so a cron job running the CLI keeps the rotated
 * refresh token. `<file>.lock`, created exclusively, makes concurrent runs take turns.
 */
export class FileGrantStore implements GrantStore {
  constructor(private readonly path: string) {}

  async load(): Promise<GrantState | null> {
    try {
      return JSON.parse(await fs.readFile(this.path, 'utf8')) as GrantState;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new Error(`cannot read the grant file ${this.path}`, { cause: err });
    }
  }

  async save(state: GrantState): Promise<void> {
    const tmp = `${this.path}.${process.pid}.tmp`;
    await fs.writeFile(tmp, JSON.stringify(state), { mode: 0o600 });
    await fs.rename(tmp, this.path);
  }

  async withLock<T>(fn: () => Promise<T>): Promise<T> {
    const lock = `${this.path}.lock`;
    await this.acquire(lock);
    try {
      return await fn();
    } finally {
      await fs.rm(lock, { force: true });
    }
  }

  private async acquire(lock: string): Promise<void> {
    for (let attempt = 0; attempt < LOCK_ATTEMPTS; attempt += 1) {
      try {
        await fs.writeFile(lock, String(process.pid), { flag: 'wx', mode: 0o600 });
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        await this.breakIfStale(lock);
        await new Promise((r) => setTimeout(r, LOCK_WAIT_MS));
      }
    }
    throw new Error(`another run holds ${lock}; remove it if no token-health process is running`);
  }

  private async breakIfStale(lock: string): Promise<void> {
    const stat = await fs.stat(lock).catch(() => null);
    if (stat && Date.now() - stat.mtimeMs > STALE_LOCK_MS) await fs.rm(lock, { force: true });
  }
}
