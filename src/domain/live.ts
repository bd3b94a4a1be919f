/**
 * What the admin page keeps live. Each area has a change marker that every write it shows moves
 * in the same KVS request; the page polls the markers and reloads only the open tab's data.
 */
export const LIVE_AREAS = ['integrations', 'inventory', 'alerts'] as const;
export type LiveArea = (typeof LIVE_AREAS)[number];

/** Each write gives its area a new random token: the page compares tokens, it never orders them. */
export type ChangeMarks = Record<LiveArea, string | null>;

/**
 * The page's default poll: one KVS request a minute, plus what a moved marker makes it reload
 * (the page then waits longer before its next poll, see src/frontend/hooks/useLive.ts).
 */
export const DEFAULT_POLL_SECONDS = 60;

/** What `TOKEN_HEALTH_POLL_SECONDS` may set: quick for local tests, never hammering storage. */
export function pollSeconds(setting: string | undefined): number {
  if (setting === undefined || !/^\d{1,4}$/.test(setting)) return DEFAULT_POLL_SECONDS;
  return Math.min(Math.max(Number(setting), 1), 3_600);
}

/**
 * The installation-wide Forge Realtime (Preview) channel on which the backend announces each
 * stored change as `{ area }` once it is stored; the open page polls the markers on hearing it.
 */
export const CHANGES_CHANNEL = 'token-health-changes';
