import { kvs } from '@forge/kvs';
import { GrantGoneError } from '../probes/oauth/grant-store';
import type { MintedStore, MintedToken } from '../vending/minted-store';
import { KvsGrantStore } from './grant-store';
import { keys } from './keys';
import { withRetry } from './retry';

/**
 * Minted tokens on Forge storage, as secrets that vanish when the token expires (a KVS TTL).
 * The lock is the grant's refresh lock: one integration, one mint or refresh at a time.
 */
export class KvsMintedStore implements MintedStore {
  private readonly lock: KvsGrantStore;

  constructor(
    private readonly integrationId: string,
    holder: string,
  ) {
    this.lock = new KvsGrantStore(integrationId, holder);
  }

  async load(): Promise<MintedToken | null> {
    const key = keys.mintedToken(this.integrationId);
    return (await withRetry(() => kvs.getSecret<MintedToken>(key))) ?? null;
  }

  /**
   * A deleted integration keeps nothing: the record is read before and after the write, and a
   * write a delete overtook is taken back, as for a kept grant.
   */
  async save(token: MintedToken, now: Date): Promise<void> {
    if (!(await this.integrationExists())) throw new GrantGoneError();
    const seconds = Math.ceil((Date.parse(token.expiresAt) - now.getTime()) / 1000);
    const ttl = { value: Math.max(1, seconds), unit: 'SECONDS' as const };
    await withRetry(() => kvs.setSecret(keys.mintedToken(this.integrationId), token, { ttl }));
    if (await this.integrationExists()) return;
    await withRetry(() => kvs.deleteSecret(keys.mintedToken(this.integrationId)));
    throw new GrantGoneError();
  }

  withLock<T>(fn: () => Promise<T>): Promise<T> {
    return this.lock.withLock(fn);
  }

  private async integrationExists(): Promise<boolean> {
    return (await withRetry(() => kvs.get(keys.integration(this.integrationId)))) !== undefined;
  }
}
