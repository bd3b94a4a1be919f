import {
  calendarDay,
  daysUntil,
  expirySentence,
  formatDate,
  formatTime,
  resolveZone,
  shiftDay,
  withLocalTimes,
  zoneSentence,
  type Dates,
} from '../../src/frontend/format';

/** Every formatter takes `now`: these fixed moments are the tests' whole clock. */
function seen(now: string, timeZone: string): Dates {
  return { timeZone, isUsers: true, now: new Date(now) };
}

const UTC_NOON = seen('2026-12-02T12:00:00Z', 'UTC');

describe('dates on the page', () => {
  it('writes a day with how far it is, in calendar days', () => {
    expect(formatDate('2027-03-01', UTC_NOON)).toBe('2027-03-01 · in 89 days');
    expect(formatDate('2026-11-29', UTC_NOON)).toBe('2026-11-29 · 3 days ago');
    expect(formatDate('2026-12-03', UTC_NOON)).toBe('2026-12-03 · tomorrow');
    expect(formatDate('2026-12-01', UTC_NOON)).toBe('2026-12-01 · yesterday');
    expect(formatDate('2026-12-02T23:59:00Z', UTC_NOON)).toBe('2026-12-02 · today');
    expect(formatDate(null, UTC_NOON)).toBe('—');
  });

  it('counts days by the calendar around midnight, not by 24-hour blocks', () => {
    // 48 h 40 min apart, but three midnights in between.
    const justAfterMidnight = seen('2026-12-02T00:30:00Z', 'UTC');
    expect(formatDate('2026-11-29T23:50:00Z', justAfterMidnight)).toBe('2026-11-29 · 3 days ago');
    expect(daysUntil('2026-12-02T23:59:00Z', justAfterMidnight)).toBe(0);
    expect(daysUntil('2026-12-03T00:01:00Z', seen('2026-12-02T23:59:00Z', 'UTC'))).toBe(1);
  });

  it("shows a moment on the user's own calendar and clock", () => {
    const moment = '2026-12-02T12:00:00Z';
    expect(formatTime(moment, seen(moment, 'Pacific/Auckland'))).toBe(
      '2026-12-03 01:00 · just now',
    );
    expect(formatTime(moment, seen(moment, 'America/Los_Angeles'))).toBe(
      '2026-12-02 04:00 · just now',
    );
    // Auckland's 00:30 on the 3rd is still the 2nd in UTC: "tomorrow" there, "today" here.
    const late = '2026-12-02T11:30:00Z';
    expect(daysUntil(late, seen('2026-12-02T10:00:00Z', 'Pacific/Auckland'))).toBe(1);
    expect(daysUntil(late, seen('2026-12-02T10:00:00Z', 'UTC'))).toBe(0);
  });

  it('keeps a plain calendar day as it is in every zone', () => {
    for (const zone of ['Pacific/Auckland', 'America/Los_Angeles', 'UTC']) {
      expect(formatDate('2027-03-01', seen('2027-02-28T12:00:00Z', zone))).toMatch(
        /^2027-03-01 · /,
      );
    }
  });

  it('counts calendar days across a daylight-saving change', () => {
    // Auckland springs forward at 02:00 on 2026-09-27: that day has 23 hours.
    const before = seen('2026-09-26T10:30:00Z', 'Pacific/Auckland'); // 22:30 on the 26th
    expect(calendarDay('2026-09-27T12:30:00Z', 'Pacific/Auckland')).toBe('2026-09-28'); // 01:30 NZDT
    expect(daysUntil('2026-09-27T12:30:00Z', before)).toBe(2);
    expect(shiftDay('2026-09-26', 1)).toBe('2026-09-27');
    // London falls back at 02:00 BST on 2026-10-25: the clock reads 01:30 twice.
    expect(formatTime('2026-10-25T00:30:00Z', seen('2026-10-25T03:00:00Z', 'Europe/London'))).toBe(
      '2026-10-25 01:30 · 3 h ago',
    );
    expect(formatTime('2026-03-29T01:30:00Z', seen('2026-03-29T01:35:00Z', 'Europe/London'))).toBe(
      '2026-03-29 02:30 · 5 min ago',
    );
  });

  it('hints at times in minutes and hours within a day, in days beyond it', () => {
    expect(formatTime('2026-12-02T11:55:00Z', UTC_NOON)).toBe('2026-12-02 11:55 · 5 min ago');
    expect(formatTime('2026-12-02T15:00:00Z', UTC_NOON)).toBe('2026-12-02 15:00 · in 3 h');
    expect(formatTime('2026-11-28T09:00:00Z', UTC_NOON)).toBe('2026-11-28 09:00 · 4 days ago');
    expect(formatTime(null, UTC_NOON, 'never')).toBe('never');
  });

  it('falls back to UTC, and says so, when Jira gives no usable time zone', () => {
    expect(resolveZone('Pacific/Auckland')).toEqual({
      timeZone: 'Pacific/Auckland',
      isUsers: true,
    });
    expect(resolveZone(undefined)).toEqual({ timeZone: 'UTC', isUsers: false });
    expect(resolveZone('Mars/Olympus_Mons')).toEqual({ timeZone: 'UTC', isUsers: false });
    expect(zoneSentence(resolveZone('Mars/Olympus_Mons'))).toBe(
      'Dates and times are in UTC: Jira did not say your time zone.',
    );
    expect(zoneSentence(resolveZone('Pacific/Auckland'))).toBe(
      'Dates and times are in your Jira time zone, Pacific/Auckland.',
    );
  });

  it('rewrites ISO moments inside a sentence as the page writes times', () => {
    const auckland = seen('2026-12-02T12:00:00Z', 'Pacific/Auckland');
    const text = withLocalTimes(
      'revoked at 2026-11-29T10:00:00.000Z: checked every 5 minutes; consent date 2026-01-01',
      auckland,
    );
    expect(text).toBe(
      'revoked at 2026-11-29 23:00 · 4 days ago: checked every 5 minutes; consent date 2026-01-01',
    );
  });

  it('says "no expiry known" without a date, and "never expires" only when the service said so', () => {
    expect(expirySentence(null, undefined, UTC_NOON)).toBe('No expiry known.');
    expect(expirySentence(null, 'never: the token has no expiry date', UTC_NOON)).toBe(
      'Never expires.',
    );
    expect(expirySentence('2027-03-01', undefined, UTC_NOON)).toBe(
      'Expires 2027-03-01 · in 89 days.',
    );
    expect(expirySentence('2026-11-29', undefined, UTC_NOON)).toBe(
      'Expired 2026-11-29 · 3 days ago.',
    );
  });
});
