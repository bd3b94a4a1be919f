import type { FetchLike } from '../http/client';

export interface DrawDeps {
  fetch: FetchLike;
  now: () => Date;
  /** Names the holder of the grant's refresh lock. */
  holder: string;
  /** Time the draw may spend on the token endpoint, all requests together. */
  deadlineMs: number;
}

export type Drawn =
  | { ok: true; accessToken: string; expiresAt: string }
  /** `grant`: the credential itself failed (at risk, rejected), which a check of it alerts about. */
  | { ok: false; reason: string; grant?: true };
