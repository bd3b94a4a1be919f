import { kvs } from '@forge/kvs';
import { GrantGoneError, type GrantState, type GrantStore } from '../probes/oauth/grant-store';
import { keys } from './keys';
import { acquireLease, releaseLease } from './lease';
import { withRetry } from './retry';

const LOCK_TTL_SECONDS = 60;
const LOCK_POLL_MS = 150;
const LOCK_WAIT_MS = 20_000;

/**
 * Rotated grants whose save failed even after retries, held by this process (warm Forge
 * invocations share it) until a later check can save them. `from` is the state they replace.
 */
const held = new Map<string, { state: GrantState; from: string }>();

/**
 * A kept OAuth grant on Forge storage: its tokens as a secret, its refresh lock as a lease, so
 * concurrent consumers never refresh one grant twice (a second refresh kills the first's tokens).
 */
export class KvsGrantStore implements GrantStore {
  /** The refresh token this store last saved: the origin of a rotation that follows. */
  private saved: string | undefined;

  constructor(
    private readonly integrationId: string,
    private readonly holder: string,
  ) {}

  /** A held rotated grant is saved before anything else, as long as storage still has its origin. */
  async load(): Promise<GrantState | null> {
    const stored = (await kvs.getSecret<GrantState>(keys.grant(this.integrationId))) ?? null;
    const waiting = held.get(this.integrationId);
    if (!waiting) return stored;
    if (stored?.refreshToken !== waiting.from) {
      held.delete(this.integrationId);
      return stored;
    }
    await this.save(waiting.state).catch((err: unknown) => {
      if (err instanceof GrantGoneError) throw err;
      throw new Error(
        'grant at risk: the rotated refresh token is still waiting to be saved because Forge storage keeps failing; it was not used, and it is saved before anything else at the next check',
      );
    });
    return waiting.state;
  }

  /**
   * The refresh token in `state` may be the only live one (Atlassian rotates it on every use), so a
   * rate limit or server error on the save is retried rather than losing the grant over one blip.
   * A deleted integration keeps nothing (see `written`).
   */
  async save(state: GrantState): Promise<void> {
    try {
      if (!(await this.integrationExists())) throw new GrantGoneError();
      await withRetry(() => kvs.setSecret(keys.grant(this.integrationId), state));
      await this.written();
      held.delete(this.integrationId);
      this.saved = state.refreshToken;
    } catch (err) {
      if (err instanceof GrantGoneError) held.delete(this.integrationId);
      // Only a rotation's result is worth holding: it carries the one live refresh token.
      else if (this.saved !== undefined && state.refreshToken !== this.saved)
        held.set(this.integrationId, { state, from: this.saved });
      throw err;
    }
  }

  /**
   * Takes back a save that a delete overtook. The delete removes the record before the grant, so
   * a save either lands before the delete removes the grant, or is followed by this read seeing
   * no record: whatever the interleaving, no token of a deleted integration stays in storage.
   */
  private async written(): Promise<void> {
    if (await this.integrationExists()) return;
    await withRetry(() => kvs.deleteSecret(keys.grant(this.integrationId)));
    throw new GrantGoneError();
  }

  private async integrationExists(): Promise<boolean> {
    return (await withRetry(() => kvs.get(keys.integration(this.integrationId)))) !== undefined;
  }

  async withLock<T>(fn: () => Promise<T>): Promise<T> {
    const lock = keys.grantLock(this.integrationId);
    const deadline = Date.now() + LOCK_WAIT_MS;
    while (!(await acquireLease(lock, this.holder, LOCK_TTL_SECONDS))) {
      if (Date.now() > deadline)
        throw new Error('another check or draw is renewing this token; try again shortly');
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    }
    try {
      return await fn();
    } finally {
      await releaseLease(lock, this.holder);
    }
  }
}
