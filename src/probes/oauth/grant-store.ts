/** A kept OAuth grant's moving parts. Tokens here are secrets: they never leave the backend. */
export interface GrantState {
  refreshToken: string;
  accessToken?: string;
  /** ISO time the access token stops working. */
  accessTokenExpiresAt?: string;
  /** ISO consent date: the grant dies 365 days after it, however often it is refreshed. */
  consentedAt?: string;
  /** ISO time of the last refresh: a refresh token unused for 90 days dies. */
  lastRefreshedAt?: string;
  /**
   * Fingerprint (never the token) of the secret's refresh token this state grew from: when the
   * admin pastes a new refresh token after re-consent, the keeper starts over from it.
   */
  seed?: string;
  /**
   * Set (and saved) before a refresh is sent, cleared when its answer is kept: while set, the
   * server may already have rotated `refreshToken`, which may then be presented again only within
   * the server's reuse interval. `token` is the fingerprint of the refresh token that was sent.
   */
  inFlight?: { since: string; token: string };
}

/**
 * The integration the grant belongs to was deleted: its tokens were not kept (and whatever was
 * just written is taken back), so a deleted integration leaves no live token in storage.
 */
export class GrantGoneError extends Error {
  override name = 'GrantGoneError';
  constructor() {
    super('the integration was deleted during the check, so its rotated tokens were not kept');
  }
}

/**
 * Where a kept grant lives, and its refresh lock. The keeper refreshes only while holding the lock
 * and saves the rotated refresh token before it uses the new access token.
 */
export interface GrantStore {
  load(): Promise<GrantState | null>;
  /** Rejects with GrantGoneError, keeping nothing, when the grant's integration was deleted. */
  save(state: GrantState): Promise<void>;
  withLock<T>(fn: () => Promise<T>): Promise<T>;
}

/** One process's grant store: a promise chain is the lock. */
export class MemoryGrantStore implements GrantStore {
  private state: GrantState | null;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(initial: GrantState | null = null) {
    this.state = initial ? { ...initial } : null;
  }

  async load(): Promise<GrantState | null> {
    return this.state ? { ...this.state } : null;
  }

  async save(state: GrantState): Promise<void> {
    this.state = { ...state };
  }

  withLock<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn, fn);
    this.tail = run.catch(() => undefined);
    return run;
  }
}
