import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { kvs } from '@forge/kvs';
import type { ConsumerKey } from '../domain/consumer-keys';
import { drawTallies, type Tally } from './draw-tally';
import { keyWarnings } from './key-warnings';
import { installationKey } from './fingerprint-key';
import { keys } from './keys';
import { queryAll } from './query';
import { withRetry } from './retry';

/** How a consumer key reads: a fixed prefix (secret scanners spot it) and 32 random bytes. */
const PREFIX = 'thk_';
const KEY_SHAPE = /^thk_[A-Za-z0-9_-]{43}$/;

export function newRawKey(): string {
  return `${PREFIX}${randomBytes(32).toString('base64url')}`;
}

export const looksLikeKey = (raw: string): boolean => KEY_SHAPE.test(raw);

/** HMAC-SHA-256 under the installation's own key: a leaked storage dump cannot be tried offline. */
export async function hashKey(raw: string): Promise<string> {
  const secret = await installationKey(keys.consumerKeyHmac);
  return createHmac('sha256', secret).update(raw).digest('hex');
}

interface Stored extends ConsumerKey {
  hash: string;
}

export const consumerKeys = {
  /** The key a presented value hashes to, compared in constant time; null for anything else. */
  async find(raw: string): Promise<{ key: ConsumerKey; hash: string } | null> {
    if (!looksLikeKey(raw)) return null;
    const hash = await hashKey(raw);
    const stored = await withRetry(() => kvs.get<Stored>(keys.consumerKey(hash)));
    if (!stored || !sameHash(stored.hash, hash)) return null;
    return split(stored);
  },

  /** The record and its index entry; the index holds the hash, never the key. */
  async save(key: ConsumerKey, hash: string): Promise<void> {
    await withRetry(() =>
      kvs.batchSet([
        { key: keys.consumerKey(hash), value: { ...key, hash } },
        { key: keys.consumerKeyOf(key.integrationId, key.id), value: { hash } },
      ]),
    );
  },

  async list(integrationId: string): Promise<{ key: ConsumerKey; hash: string }[]> {
    const index = await queryAll<{ hash: string }>(keys.consumerKeyOfPrefix(integrationId), 1);
    const hashes = index.map((i) => i.value.hash);
    if (hashes.length === 0) return [];
    const got = await withRetry(() =>
      kvs.batchGet<Stored>(hashes.map((h) => ({ key: keys.consumerKey(h) }))),
    );
    const found = got.successfulKeys
      .filter((r) => r.value !== undefined)
      .map((r) => split(r.value as Stored));
    const tallies = await drawTallies.counts(found.map((f) => f.key.id));
    return found
      .map((f) => ({ ...f, key: withTally(f.key, tallies.get(f.key.id)) }))
      .sort((a, b) => a.key.createdAt.localeCompare(b.key.createdAt));
  },

  async byId(
    integrationId: string,
    id: string,
  ): Promise<{ key: ConsumerKey; hash: string } | null> {
    const index = await withRetry(() =>
      kvs.get<{ hash: string }>(keys.consumerKeyOf(integrationId, id)),
    );
    if (!index) return null;
    const stored = await withRetry(() => kvs.get<Stored>(keys.consumerKey(index.hash)));
    return stored ? split(stored) : null;
  },

  /** Counts a draw exactly (draw-tally.ts), beside the record: a revoke is never written over. */
  async noteDraw(keyId: string, at: Date): Promise<void> {
    await drawTallies.note(keyId, at);
  },

  /** Every stored key of every integration (without hashes), at most `maxPages` pages of 100. */
  async all(maxPages: number): Promise<ConsumerKey[]> {
    const stored = await queryAll<Stored>(keys.consumerKeyPrefix, maxPages);
    return stored.map((s) => split(s.value).key);
  },

  /** Every key of an integration, gone with it. */
  async removeAll(integrationId: string): Promise<void> {
    for (const { key, hash } of await this.list(integrationId)) {
      await withRetry(() => kvs.delete(keys.consumerKey(hash)));
      await withRetry(() => kvs.delete(keys.consumerKeyOf(integrationId, key.id)));
      await drawTallies.remove(key.id);
      await keyWarnings.remove(key.id);
    }
  },
};

/** Draws counted in the record (before tallies were kept beside it) plus the tally's. */
function withTally(key: ConsumerKey, tally: Tally | undefined): ConsumerKey {
  if (!tally || tally.draws === 0) return key;
  const last = [key.lastDrawAt, tally.lastDrawAt].filter((d): d is string => Boolean(d)).sort();
  return { ...key, draws: key.draws + tally.draws, lastDrawAt: last[last.length - 1] };
}

function split({ hash, ...key }: Stored): { key: ConsumerKey; hash: string } {
  return { key, hash };
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
