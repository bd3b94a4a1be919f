import { endOfDay, wallClockOf, zonedInstant } from '../../src/domain/zoned-time';

describe('wall clocks in a time zone', () => {
  it('finds the moment a zone shows a day and time, on both sides of daylight saving', () => {
    expect(zonedInstant('2026-01-15', '09:00', 'Europe/Berlin').toISOString()).toBe(
      '2026-01-15T08:00:00.000Z',
    );
    expect(zonedInstant('2026-07-15', '09:00', 'Europe/Berlin').toISOString()).toBe(
      '2026-07-15T07:00:00.000Z',
    );
    expect(zonedInstant('2026-07-15', '09:00', 'America/New_York').toISOString()).toBe(
      '2026-07-15T13:00:00.000Z',
    );
    expect(zonedInstant('2026-07-15', '09:00', 'UTC').toISOString()).toBe(
      '2026-07-15T09:00:00.000Z',
    );
  });

  it('takes the first showing of a doubled hour and the end of a skipped one', () => {
    // Berlin falls back at 03:00 CEST on 2026-10-25: 02:30 is shown twice.
    expect(zonedInstant('2026-10-25', '02:30', 'Europe/Berlin').toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    // Berlin springs forward at 02:00 CET on 2026-03-29: 02:30 is never shown.
    const skipped = zonedInstant('2026-03-29', '02:30', 'Europe/Berlin');
    expect(wallClockOf(skipped, 'Europe/Berlin').day).toBe('2026-03-29');
  });

  it('reads the weekday and minutes a zone shows', () => {
    expect(wallClockOf(new Date('2026-12-06T23:30:00Z'), 'Europe/Berlin')).toEqual({
      day: '2026-12-07',
      weekday: 1,
      minutes: 30,
    });
  });

  it('ends a day at its last moment in the zone, which the zone still calls that day', () => {
    const end = endOfDay('2026-12-20', 'Europe/Berlin');
    expect(end.toISOString()).toBe('2026-12-20T22:59:59.999Z');
    expect(wallClockOf(end, 'Europe/Berlin').day).toBe('2026-12-20');
  });
});
