import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const DAY_MS = 86_400_000;

/**
 * Demo expiry dates are relative to the moment they are asked for, read from `Date`: under the
 * local app's compressed clock that is simulated time, so they count down with it.
 */
export function daysFromNow(days: number): Date {
  return new Date(Date.now() + days * DAY_MS);
}

/** `2026-12-01`, as GitLab and the date fields of the admin page take it. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Where the demo's start is kept beside the saved state (see demoEpoch). */
export const DEMO_EPOCH_FILE = 'demo-epoch.json';

/**
 * When this demo was first started, in simulated ms: kept in `keyDir` so a date fixed at start
 * (the GitHub token's expiry) stays where it was across restarts. Moved, the app would read a
 * later expiry as a renewal, then warn again about the new one. `now` on a first start.
 */
export function demoEpoch(keyDir: string, now: number): number {
  const file = path.join(keyDir, DEMO_EPOCH_FILE);
  try {
    const kept = (JSON.parse(readFileSync(file, 'utf8')) as { startedAt?: unknown }).startedAt;
    if (typeof kept === 'number' && Number.isFinite(kept)) return kept;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' && !(err instanceof SyntaxError))
      throw err;
  }
  mkdirSync(keyDir, { recursive: true });
  writeFileSync(file, JSON.stringify({ startedAt: now }), { mode: 0o600 });
  return now;
}
