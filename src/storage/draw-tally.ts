import { randomBytes } from 'node:crypto';
import { kvs } from '@forge/kvs';
import { CONSUMER_KEY_LIMITS } from '../domain/consumer-keys';
import { keys } from './keys';
import { withRetry } from './retry';

/** A key's draws: how many, and the latest. */
export interface Tally {
  draws: number;
  lastDrawAt?: string;
}

interface Ticket {
  at: string;
  /** Which draw created it: a retried create that had landed finds its own ticket. */
  by: string;
}

/** Tickets above a lagging tally stay readable long after any draw that made them has ended. */
const TICKET_TTL_SECONDS = 2 * 86_400;
/** Tickets read per batch (KVS takes at most 25 keys a batch). */
const WALK = 20;
/**
 * A key draws at most its hourly rate, so no more draws than that can race for the next ticket:
 * past this many lost races something else is wrong.
 */
const MAX_CLAIMS = CONSUMER_KEY_LIMITS.maxRatePerHour + 5;
const MAX_WALKS = 50;

const later = (a?: string, b?: string) => (a && b ? (a > b ? a : b) : (a ?? b));

async function batchOf<T>(names: string[]): Promise<Map<string, T>> {
  const got = await withRetry(() => kvs.batchGet<T>(names.map((key) => ({ key }))));
  const present = got.successfulKeys.filter((r) => r.value !== undefined);
  return new Map(present.map((r) => [r.key, r.value as T]));
}

async function tallyOf(keyId: string): Promise<Tally> {
  return (await withRetry(() => kvs.get<Tally>(keys.drawTally(keyId)))) ?? { draws: 0 };
}

/** The tickets from `from.draws + 1` on, as far as they go without a gap. */
async function walk(keyId: string, from: Tally, mine?: string): Promise<Tally & { own?: number }> {
  let tally = from;
  let own: number | undefined;
  for (let step = 0; step < MAX_WALKS; step += 1) {
    const wanted = Array.from({ length: WALK }, (_, i) => tally.draws + 1 + i);
    const found = await batchOf<Ticket>(wanted.map((n) => keys.drawTicket(keyId, n)));
    for (const n of wanted) {
      const ticket = found.get(keys.drawTicket(keyId, n));
      if (!ticket) return { ...tally, own };
      if (mine && ticket.by === mine) own = n;
      tally = { draws: n, lastDrawAt: later(tally.lastDrawAt, ticket.at) };
    }
  }
  throw new Error('the draw tickets of this key run on past any draw rate');
}

async function claim(keyId: string, n: number, ticket: Ticket): Promise<boolean> {
  try {
    await withRetry(() =>
      kvs.set(keys.drawTicket(keyId, n), ticket, {
        keyPolicy: 'FAIL_IF_EXISTS',
        ttl: { value: TICKET_TTL_SECONDS, unit: 'SECONDS' },
      }),
    );
    return true;
  } catch (err) {
    if ((err as { code?: string }).code === 'KEY_CONFLICT') return false;
    throw err;
  }
}

/** Raises the stored tally to the n-th draw; a draw that lost the race to a later one leaves it. */
async function raise(keyId: string, n: number, at: string): Promise<void> {
  const stored = await tallyOf(keyId);
  if (stored.draws >= n) return;
  await withRetry(() =>
    kvs.set(keys.drawTally(keyId), { draws: n, lastDrawAt: later(stored.lastDrawAt, at) }),
  );
}

/**
 * Exact draw counts without a lock: the n-th draw creates ticket n with FAIL_IF_EXISTS, so two
 * draws at the same instant cannot both be the n-th; the loser walks on to the next free one.
 * The stored tally only shortens the walk: the count is the tally plus the tickets above it.
 */
export const drawTallies = {
  async count(keyId: string): Promise<Tally> {
    return walk(keyId, await tallyOf(keyId));
  },

  /** The tallies of up to 25 keys: two batch reads, and a walk only for keys drawn since. */
  async counts(keyIds: readonly string[]): Promise<Map<string, Tally>> {
    if (keyIds.length === 0) return new Map();
    const stored = await batchOf<Tally>(keyIds.map((id) => keys.drawTally(id)));
    const from = new Map(keyIds.map((id) => [id, stored.get(keys.drawTally(id)) ?? { draws: 0 }]));
    const next = (id: string) => keys.drawTicket(id, (from.get(id)?.draws ?? 0) + 1);
    const moved = await batchOf<Ticket>(keyIds.map(next));
    const tallies = keyIds.map(async (id) => {
      const tally = from.get(id) ?? { draws: 0 };
      if (!moved.has(next(id))) return [id, tally] as const;
      const { draws, lastDrawAt } = await walk(id, tally);
      return [id, { draws, lastDrawAt }] as const;
    });
    return new Map(await Promise.all(tallies));
  },

  /** Counts one draw; resolves to its number. */
  async note(keyId: string, at: Date): Promise<number> {
    const ticket: Ticket = { at: at.toISOString(), by: randomBytes(8).toString('hex') };
    let seen: Tally = await this.count(keyId);
    for (let attempt = 0; attempt < MAX_CLAIMS; attempt += 1) {
      const n = seen.draws + 1;
      if (await claim(keyId, n, ticket)) {
        await raise(keyId, n, ticket.at);
        return n;
      }
      const next = await walk(keyId, seen, ticket.by);
      if (next.own !== undefined) {
        await raise(keyId, next.own, ticket.at);
        return next.own;
      }
      seen = next;
    }
    throw new Error('the draw could not be counted: too many draws of this key at once');
  },

  async remove(keyId: string): Promise<void> {
    await withRetry(() => kvs.delete(keys.drawTally(keyId)));
  },
};
