import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { kvs } from '@forge/kvs';
import type { ConsumerKey } from '../domain/consumer-keys';
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
    return got.successfulKeys
      .filter((r) => r.value !== undefined)
      .map((r) => split(r.value as Stored))
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

  /** Last draw and count: read, bump, write. Concurrent draws of one key may count as one. */
  async noteDraw(hash: string, at: Date): Promise<void> {
    const stored = await withRetry(() => kvs.get<Stored>(keys.consumerKey(hash)));
    if (!stored) return;
    const next = { ...stored, lastDrawAt: at.toISOString(), draws: stored.draws + 1 };
    await withRetry(() => kvs.set(keys.consumerKey(hash), next));
  },

  /** Every key of an integration, gone with it. */
  async removeAll(integrationId: string): Promise<void> {
    for (const { key, hash } of await this.list(integrationId)) {
      await withRetry(() => kvs.delete(keys.consumerKey(hash)));
      await withRetry(() => kvs.delete(keys.consumerKeyOf(integrationId, key.id)));
    }
  },
};

function split({ hash, ...key }: Stored): { key: ConsumerKey; hash: string } {
  return { key, hash };
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
