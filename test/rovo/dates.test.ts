import { readDay } from '../../src/rovo/dates';

// A Monday evening in UTC; the same moment is already Tuesday in Auckland (UTC+13 in December).
const MONDAY = new Date('2026-12-07T21:00:00.000Z');

describe('dates as a Rovo agent passes them on', () => {
  it.each([
    ['2026-12-31', '2026-12-31'],
    ['today', '2026-12-07'],
    ['Tomorrow.', '2026-12-08'],
    ['monday', '2026-12-07'],
    ['next Monday', '2026-12-14'],
    ['this friday', '2026-12-11'],
    ['next Friday', '2026-12-11'],
    ['end of week', '2026-12-13'],
    ['end of next week', '2026-12-20'],
    ['end of the month', '2026-12-31'],
    ['end of next month', '2027-01-31'],
    ['end of year', '2026-12-31'],
    ['in 10 days', '2026-12-17'],
    ['in  2   weeks', '2026-12-21'],
    ['in a month', '2027-01-07'],
    ['in 3 months', '2027-03-07'],
    ['in one year', '2027-12-07'],
  ])('reads "%s" as %s on the app clock', (words, day) => {
    expect(readDay(words, MONDAY, 'UTC')).toBe(day);
  });

  it('counts from the day the app time zone shows, not the UTC day', () => {
    expect(readDay('today', MONDAY, 'Pacific/Auckland')).toBe('2026-12-08');
    expect(readDay('end of week', MONDAY, 'Pacific/Auckland')).toBe('2026-12-13');
  });

  it('lands a month later on the last day when that month is shorter', () => {
    expect(readDay('in 1 month', new Date('2027-01-31T12:00:00Z'), 'UTC')).toBe('2027-02-28');
  });

  it.each([
    'when the moon is full',
    '2026-02-30',
    '31/12/2026',
    'next fortnight',
    'in 9999 years',
    'in several days',
    '',
  ])('reads nothing into "%s"', (words) => {
    expect(readDay(words, MONDAY, 'UTC')).toBeNull();
  });
});
