import { REFRESH_MARGIN_MS } from '../probes/oauth/keeper';
import type { MintedStore, MintedToken } from './minted-store';
import type { Mint } from './minter';

export interface MintOptions {
  store: MintedStore;
  /** Fingerprint of the credential and settings: a stored token minted from others is not used. */
  seed: string;
  now: Date;
  mint: () => Promise<Mint>;
  /** Undoes a token that cannot be kept (GitHub revokes it); best effort. */
  discard: (accessToken: string) => Promise<void>;
}

export type Kept = { ok: true; token: MintedToken } | { ok: false; reason: string };

const UNSAVED =
  'Forge storage failed to keep the newly minted token, so it was not handed out; the next draw mints another';
const SHORT_LIVED = 'the service issued a token that lives less than five minutes';

/**
 * The stored token while it has more than five minutes left; else one mint under the lock, where
 * a waiter re-reads what the first minted. A token is handed out only once it is stored, so a
 * window has one token however many draw, and none that storage lost.
 */
export async function keepMinted(opts: MintOptions): Promise<Kept> {
  const stored = usable(await opts.store.load(), opts);
  if (stored) return { ok: true, token: stored };
  return opts.store.withLock(async () => {
    const again = usable(await opts.store.load(), opts);
    return again ? { ok: true, token: again } : mintAndKeep(opts);
  });
}

async function mintAndKeep(opts: MintOptions): Promise<Kept> {
  const minted = await opts.mint();
  if (!minted.ok) return minted;
  const token = {
    accessToken: minted.accessToken,
    expiresAt: minted.expiresAt.toISOString(),
    seed: opts.seed,
  };
  const refused = !usable(token, opts) ? SHORT_LIVED : await saveOrSay(opts, token);
  if (!refused) return { ok: true, token };
  await opts.discard(minted.accessToken).catch(() => undefined);
  return { ok: false, reason: refused };
}

/** Null once stored; else why the token cannot be handed out. */
async function saveOrSay(opts: MintOptions, token: MintedToken): Promise<string | null> {
  return opts.store.save(token, opts.now).then(
    () => null,
    () => UNSAVED,
  );
}

function usable(token: MintedToken | null, opts: MintOptions): MintedToken | null {
  if (!token || token.seed !== opts.seed) return null;
  const left = Date.parse(token.expiresAt) - opts.now.getTime();
  return left > REFRESH_MARGIN_MS ? token : null;
}
