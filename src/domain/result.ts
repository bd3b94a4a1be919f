import type { Severity, Verdict } from './verdict';

/** Who the service says we are. `id` is the stable id; `username` a human handle when there is one. */
export interface Identity {
  id: string;
  username?: string;
  displayName?: string;
  email?: string;
}

/** One HTTP exchange as kept for the admin: never a secret, a credential header or a cookie. */
export interface Evidence {
  method: string;
  url: string;
  status: number | null;
  durationMs: number;
  headers: Record<string, string>;
  excerpt: string;
  error?: string;
}

export type ExpirySource = 'service' | 'admin' | 'grant';

export interface CheckResult {
  verdict: Verdict;
  severity: Severity;
  /** One sentence in plain words: what happened and what it means. */
  message: string;
  identity: Identity | null;
  expiresAt: string | null;
  expirySource: ExpirySource | null;
  daysLeft: number | null;
  retryAfterSeconds: number | null;
  /** Check again no later than this many seconds from now, whatever the interval. */
  recheckAfterSeconds?: number;
  checkedAt: string;
  durationMs: number;
  evidence: Evidence[];
  /** Kind-specific facts worth showing (scopes, token name, last used…), never secret. */
  facts: Record<string, string>;
}
