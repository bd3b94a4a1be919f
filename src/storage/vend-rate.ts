import { randomInt } from 'node:crypto';
import { kvs } from '@forge/kvs';
import { keys } from './keys';
import { queryPage } from './query';
import { withRetry } from './retry';

const HOUR_MS = 3_600_000;
/** A claim outlives its hour a little, then KVS removes it: the keys stay bounded. */
const CLAIM_TTL_SECONDS = 2 * 3600;

export type RateAnswer = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Claims one of the key's `perHour` draws in the current clock hour. Each draw is a key of its
 * own created with FAIL_IF_EXISTS, so concurrent draws cannot both take the same one: the count
 * is exact without a lock, and at most `perHour` keys exist per consumer key and hour. Each draw
 * starts at a random free-looking slot, so fifty concurrent draws rarely try the same one.
 */
export async function claimDraw(keyId: string, perHour: number, now: Date): Promise<RateAnswer> {
  const hour = Math.floor(now.getTime() / HOUR_MS);
  const retryAfterSeconds = Math.ceil(((hour + 1) * HOUR_MS - now.getTime()) / 1000);
  const taken = (await queryPage(keys.vendRatePrefix(keyId, hour), undefined, 100)).items.length;
  if (taken >= perHour) return { ok: false, retryAfterSeconds };
  const start = taken + randomInt(perHour - taken);
  for (let i = 0; i < perHour; i += 1) {
    if (await claim(keys.vendRate(keyId, hour, (start + i) % perHour))) return { ok: true };
  }
  return { ok: false, retryAfterSeconds };
}

async function claim(key: string): Promise<boolean> {
  try {
    await withRetry(() =>
      kvs.set(key, 1, {
        keyPolicy: 'FAIL_IF_EXISTS',
        ttl: { value: CLAIM_TTL_SECONDS, unit: 'SECONDS' },
      }),
    );
    return true;
  } catch (err) {
    if ((err as { code?: string }).code === 'KEY_CONFLICT') return false;
    throw err;
  }
}
