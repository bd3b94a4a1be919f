import { kvs } from '@forge/kvs';
import type { GrantState, GrantStore } from '../probes/oauth/grant-store';
import { keys } from './keys';
import { acquireLease, releaseLease } from './lease';
import { withRetry } from './retry';

const LOCK_TTL_SECONDS = 60;
const LOCK_POLL_MS = 150;
const LOCK_WAIT_MS = 20_000;

/**
 * A kept OAuth grant on Forge storage: its tokens as a secret, its refresh lock as a lease, so
 * concurrent consumers never refresh one grant twice (a second refresh kills the first's tokens).
 */
export class KvsGrantStore implements GrantStore {
  constructor(
    private readonly integrationId: string,
    private readonly holder: string,
  ) {}

  async load(): Promise<GrantState | null> {
    return (await kvs.getSecret<GrantState>(keys.grant(this.integrationId))) ?? null;
  }

  /**
   * The refresh token in `state` may be the only live one (Atlassian rotates it on every use), so a
   * rate limit or server error on the save is retried rather than losing the grant over one blip.
   */
  async save(state: GrantState): Promise<void> {
    await withRetry(() => kvs.setSecret(keys.grant(this.integrationId), state));
  }

  async withLock<T>(fn: () => Promise<T>): Promise<T> {
    const lock = keys.grantLock(this.integrationId);
    const deadline = Date.now() + LOCK_WAIT_MS;
    while (!(await acquireLease(lock, this.holder, LOCK_TTL_SECONDS))) {
      if (Date.now() > deadline)
        throw new Error('another check is refreshing this grant; try again shortly');
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    }
    try {
      return await fn();
    } finally {
      await releaseLease(lock, this.holder);
    }
  }
}
