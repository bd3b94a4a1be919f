/**
 * Why a date in the past is refused, in one place: the page says it next to the field before
 * sending, and the resolvers say the same when a past date reaches them anyway.
 */
export const SNOOZE_PAST = 'Snooze until: that day has already begun; choose tomorrow or later';
export const WINDOW_ENDED = 'Ends: that time has passed; choose a later end, or remove the window';
export const EXPIRY_PAST =
  'Expiry date: that date has passed (a day alone counts from 00:00 UTC); enter the day the credential really expires, or leave it empty';

/** A typed expiry date already reached: refused, since a credential that works has not expired. */
export function expiryPassed(expiresAt: string | undefined, now: Date): boolean {
  return expiresAt !== undefined && Date.parse(expiresAt) <= now.getTime();
}
