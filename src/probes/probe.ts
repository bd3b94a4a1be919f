import type { IntegrationConfig } from '../domain/integration';
import type { ExpirySource, Identity } from '../domain/result';
import type { Verdict } from '../domain/verdict';
import type { HttpClient } from './http';
import type { GrantStore } from './oauth/grant-store';

/** What a probe concludes from the service's answers, before expiry and identity policy. */
export interface ProbeOutcome {
  verdict: Verdict;
  message: string;
  identity?: Identity | null;
  expiresAt?: Date | null;
  expirySource?: ExpirySource;
  retryAfterSeconds?: number | null;
  /** Check again no later than this: a state that must be resolved soon (a lost OAuth refresh). */
  recheckAfterSeconds?: number;
  facts?: Record<string, string>;
  /** Kept when the expiry policy rewrites the message: what the admin can do ahead of expiry. */
  note?: string;
}

export interface ProbeContext<S> {
  config: IntegrationConfig;
  secret: S;
  http: HttpClient;
  now: Date;
  /** Only the OAuth keeper uses it: where a kept grant's tokens live, and its refresh lock. */
  grants?: GrantStore;
  /**
   * An org token inventory is configured: a 401 to an Atlassian account's token can then point
   * to it, since only the inventory tells a revoked token from a deactivated account.
   */
  orgInventory?: boolean;
}

export type SecretParse<S> =
  { ok: true; secret: S; sensitive: string[] } | { ok: false; error: string };

export interface Probe<S> {
  /** Human name of the service, used in messages ("Jira answered 401"). */
  readonly label: string;
  readonly defaultBaseUrl: string | null;
  /** Turns the raw secret into what the probe needs, listing every string that must be redacted. */
  parseSecret(raw: string, config: IntegrationConfig): SecretParse<S>;
  check(ctx: ProbeContext<S>): Promise<ProbeOutcome>;
}
