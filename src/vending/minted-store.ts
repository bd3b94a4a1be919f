/**
 * A token the app minted for vending: a GitHub App installation token or a client-credentials
 * access token. It has no refresh token; it is minted again when it nears its end. A secret.
 */
export interface MintedToken {
  accessToken: string;
  /** ISO time the token stops working, as the service said when minting it. */
  expiresAt: string;
  /**
   * Fingerprint of the credential and settings it was minted with: after the admin changes either,
   * the stored token is not handed out again.
   */
  seed: string;
}

/** Where minted tokens are kept, and the lock that lets one draw mint at a time. */
export interface MintedStore {
  load(): Promise<MintedToken | null>;
  /** Rejects, keeping nothing, when storage fails or the integration was deleted. */
  save(token: MintedToken, now: Date): Promise<void>;
  withLock<T>(fn: () => Promise<T>): Promise<T>;
}
