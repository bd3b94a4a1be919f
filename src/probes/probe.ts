import type { IntegrationConfig } from '../domain/integration';
import type { ExpirySource, Identity } from '../domain/result';
import type { Verdict } from '../domain/verdict';
import type { HttpClient } from '../http/client';
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
  /**
   * Requests one check of this kind sends at most, on its longest path (paging, refresh retries,
   * a revoke). A consumer reserves this much of the invocation's budget before the probe starts,
   * and the HTTP client refuses to send more.
   */
  readonly maxRequests: number;
  /** The service in plain words, as in "Jira still accepts it". */
  service(config: IntegrationConfig): string;
  /**
   * How long the service may go on accepting a credential after it was revoked (each kind says
   * whether its figure is documented or only observed). An accepted check of a credential marked
   * revoked longer ago than this is critical: the revocation did not take.
   */
  readonly revocationLagMs: number;
  /**
   * The date the probe reads is the credential's end, not a date on file the service may
   * contradict (a certificate's notAfter): once passed, the verdict is expired.
   */
  readonly endsOnItsDate?: boolean;
  /** Turns the raw secret into what the probe needs, listing every string that must be redacted. */
  parseSecret(raw: string, config: IntegrationConfig): SecretParse<S>;
  check(ctx: ProbeContext<S>): Promise<ProbeOutcome>;
}

const MINUTE_MS = 60_000;

/**
 * For services that document no lag and are expected to refuse at once: one revocation-watch
 * interval, which covers the admin marking it a moment before clicking Revoke and clock drift.
 */
export const PROMPT_REVOCATION_MS = 5 * MINUTE_MS;

/**
 * Atlassian account API tokens: no documented figure; about 20 minutes has been observed
 * (community.atlassian.com/t5/Jira-questions/API-Token-expiry-and-error-handling/qaq-p/1246938,
 * where Atlassian staff explain the identity system's replication and caching delay).
 */
export const ATLASSIAN_TOKEN_REVOCATION_MS = 20 * MINUTE_MS;

/**
 * An OAuth access token issued before the revocation may keep working until it expires, and
 * Atlassian documents access tokens as living one hour (expires_in 3600).
 */
export const ACCESS_TOKEN_LIFETIME_MS = 60 * MINUTE_MS;

/** Jira or Confluence, whichever product the integration is about. */
export function atlassianProduct(config: IntegrationConfig): string {
  return config.product === 'confluence' ? 'Confluence' : 'Jira';
}
