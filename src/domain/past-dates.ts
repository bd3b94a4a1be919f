/**
 * Why a date in the past is refused, in one place: the page says it next to the field before
 * sending, and the resolvers say the same when a past date reaches them anyway.
 */
export const SNOOZE_PAST = 'Snooze until: that day has already begun; choose tomorrow or later';
export const WINDOW_ENDED = 'Ends: that time has passed; choose a later end, or remove the window';
