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
