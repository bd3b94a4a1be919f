import { DAY_MS, earliest, expiryStatus } from '../../src/domain/expiry';
import { severityOf } from '../../src/domain/severity';
import { VERDICTS } from '../../src/domain/verdict';

const now = new Date('2026-11-23T12:00:00Z');
const inDays = (d: number) => new Date(now.getTime() + d * DAY_MS);

describe('expiryStatus()', () => {
  it('is none when no expiry is known', () => {
    expect(expiryStatus(null, now)).toEqual({ state: 'none', daysLeft: null, threshold: null });
  });

  it('is ok outside the widest default threshold of 30 days', () => {
    expect(expiryStatus(inDays(45), now)).toEqual({ state: 'ok', daysLeft: 45, threshold: null });
  });

  it.each([
    [30, 30],
    [20, 30],
    [14, 14],
    [10, 14],
    [7, 7],
    [2, 7],
  ])('is expiring with %s days left, having crossed the %s-day threshold', (days, threshold) => {
    expect(expiryStatus(inDays(days), now)).toEqual({
      state: 'expiring',
      daysLeft: days,
      threshold,
    });
  });

  it('is critical with one day or less left', () => {
    expect(expiryStatus(inDays(1), now).state).toBe('critical');
    expect(expiryStatus(inDays(0.2), now)).toEqual({
      state: 'critical',
      daysLeft: 0,
      threshold: 1,
    });
  });

  it('is expired once the date has passed, with negative days left', () => {
    expect(expiryStatus(inDays(-3), now)).toMatchObject({ state: 'expired', daysLeft: -3 });
  });

  it('honours custom thresholds', () => {
    expect(expiryStatus(inDays(50), now, [60, 10]).state).toBe('expiring');
    expect(expiryStatus(inDays(20), now, [10]).state).toBe('ok');
  });
});

describe('earliest()', () => {
  it('picks the earliest known date and ignores missing or invalid ones', () => {
    expect(earliest(inDays(5), null, undefined, new Date('nope'), inDays(2))).toEqual(inDays(2));
    expect(earliest(null, undefined)).toBeNull();
  });
});

describe('severityOf()', () => {
  it('maps every verdict to a severity', () => {
    for (const verdict of VERDICTS) {
      expect(['ok', 'warning', 'critical', 'unknown']).toContain(severityOf(verdict, null, now));
    }
  });

  it('makes expiring a warning, and critical with a day or less left', () => {
    expect(severityOf('expiring', inDays(5), now)).toBe('warning');
    expect(severityOf('expiring', inDays(0.5), now)).toBe('critical');
  });

  it('keeps one transient result unknown and credential verdicts critical at once', () => {
    expect(severityOf('unreachable', null, now)).toBe('unknown');
    expect(severityOf('rate-limited', null, now)).toBe('unknown');
    for (const v of ['rejected', 'anonymous', 'locked', 'identity-changed', 'expired'] as const) {
      expect(severityOf(v, null, now)).toBe('critical');
    }
    expect(severityOf('healthy', null, now)).toBe('ok');
  });
});
