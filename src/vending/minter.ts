import type { IntegrationConfig } from '../domain/integration';
import type { HttpClient } from '../http/client';

/** A mint's result: a token with its end, or why there is none, in plain words. */
export type Mint =
  { ok: true; accessToken: string; expiresAt: Date } | { ok: false; reason: string };

export interface MintContext {
  config: IntegrationConfig;
  /** The integration's stored secret, as the admin entered it. */
  raw: string;
  /** Its redactor learns every spelling of the secret before the first request. */
  http: HttpClient;
  now: Date;
}

/** How one credential kind mints a short-lived token the app can hand out. */
export interface Minter {
  /** Outbound requests one mint may need, its undo included. */
  maxRequests: number;
  mint(ctx: MintContext): Promise<Mint>;
  /** Undoes a minted token the app could not keep; best effort. */
  discard(ctx: MintContext, accessToken: string): Promise<void>;
}
