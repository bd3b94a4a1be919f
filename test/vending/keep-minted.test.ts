import { keepMinted, type MintOptions } from '../../src/vending/keep-minted';
import type { MintedStore, MintedToken } from '../../src/vending/minted-store';
import type { Mint } from '../../src/vending/minter';

const MINUTE = 60_000;

/** One process's store: a promise chain is the lock, as MemoryGrantStore's is. */
class MemoryMintedStore implements MintedStore {
  private tail: Promise<unknown> = Promise.resolve();
  constructor(public token: MintedToken | null = null) {}
  async load() {
    return this.token;
  }
  async save(token: MintedToken) {
    this.token = token;
  }
  withLock<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn, fn);
    this.tail = run.catch(() => undefined);
    return run;
  }
}

function options(store: MintedStore, lifeMs: number, extra: Partial<MintOptions> = {}) {
  const now = new Date();
  const mints: string[] = [];
  const discarded: string[] = [];
  const opts: MintOptions = {
    store,
    seed: 'seed-now',
    now,
    mint: async (): Promise<Mint> => {
      const accessToken = `token-${mints.length + 1}`;
      mints.push(accessToken);
      return { ok: true, accessToken, expiresAt: new Date(now.getTime() + lifeMs) };
    },
    discard: async (token) => void discarded.push(token),
    ...extra,
  };
  return { opts, mints, discarded, now };
}

describe('keepMinted', () => {
  it('refuses and discards a token that lives five minutes or less, storing nothing', async () => {
    const store = new MemoryMintedStore();
    const { opts, discarded } = options(store, 4 * MINUTE);
    expect(await keepMinted(opts)).toEqual({
      ok: false,
      reason: 'the service issued a token that lives less than five minutes',
    });
    expect(discarded).toEqual(['token-1']);
    expect(store.token).toBeNull();
  });

  it('does not hand out a token minted from another secret or settings', async () => {
    const { opts, mints } = options(new MemoryMintedStore(), 60 * MINUTE);
    const expiresAt = new Date(opts.now.getTime() + 50 * MINUTE).toISOString();
    const stale = { accessToken: 'old', expiresAt, seed: 'seed-before' };
    const kept = await keepMinted({ ...opts, store: new MemoryMintedStore(stale) });
    expect(kept).toMatchObject({ ok: true, token: { accessToken: 'token-1', seed: 'seed-now' } });
    expect(mints).toEqual(['token-1']);
  });

  it('passes a failed mint’s reason on, storing and discarding nothing', async () => {
    const store = new MemoryMintedStore();
    const { opts, discarded } = options(store, 60 * MINUTE, {
      mint: async () => ({ ok: false, reason: 'GitHub answered 401 (Bad credentials)' }),
    });
    expect(await keepMinted(opts)).toEqual({
      ok: false,
      reason: 'GitHub answered 401 (Bad credentials)',
    });
    expect(discarded).toEqual([]);
    expect(store.token).toBeNull();
  });

  it('lets waiters on the lock take the token the first one minted', async () => {
    const { opts, mints } = options(new MemoryMintedStore(), 60 * MINUTE);
    const all = await Promise.all(Array.from({ length: 10 }, () => keepMinted(opts)));
    expect(mints).toEqual(['token-1']);
    expect(all.every((k) => k.ok && k.token.accessToken === 'token-1')).toBe(true);
  });
});
