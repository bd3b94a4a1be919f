import type { HistoryEntry } from '../../src/domain/history';
import type { DailyRollup } from '../../src/domain/schedule';
import { historySeries } from '../../src/frontend/history-series';
import type { Verdict } from '../../src/domain/verdict';

/** The series takes `now` as an argument: this fixed moment is the test's whole clock. */
const NOW = new Date('2026-12-02T12:00:00Z');
const HOUR = 3_600_000;

function check(hoursAgo: number, verdict: Verdict): HistoryEntry {
  const checkedAt = new Date(NOW.getTime() - hoursAgo * HOUR).toISOString();
  return {
    slot: checkedAt,
    checkedAt,
    verdict,
    severity: verdict === 'healthy' ? 'ok' : 'critical',
    message: `${verdict} at ${checkedAt}`,
    durationMs: 40,
    evidence: [],
  };
}

function hourly(fromHoursAgo: number, verdict: Verdict = 'healthy'): HistoryEntry[] {
  return Array.from({ length: fromHoursAgo + 1 }, (_, i) => check(fromHoursAgo - i, verdict));
}

describe('the history series', () => {
  it('draws one bar per check in the window, oldest first, and counts all good as 100 %', () => {
    const series = historySeries(hourly(30).reverse(), [], '24h', NOW);
    expect(series.bars).toHaveLength(25);
    const times = series.bars.map((b) => (b.type === 'check' ? b.entry.checkedAt : b.day));
    expect(times).toEqual([...times].sort());
    expect(series.uptime).toBe(1);
    expect(series.coveredFrom).toEqual(new Date(NOW.getTime() - 24 * HOUR));
  });

  it('counts the whole time from the last good check to the next good one as down, backed off or not', () => {
    // Good, then refused and backed off for 18 hours, then good again an hour before now.
    const history = [check(20, 'healthy'), check(19, 'rejected'), check(1, 'healthy')];
    const series = historySeries(history, [], '24h', NOW);
    expect(series.coveredFrom).toEqual(new Date(NOW.getTime() - 20 * HOUR));
    expect(series.uptime).toBeCloseTo(1 / 20, 10);
    expect(series.bars.map((b) => b.type === 'check' && b.good)).toEqual([true, false, true]);
  });

  it('keeps a credential down until now when its last check failed', () => {
    const series = historySeries([check(10, 'healthy'), check(4, 'expired')], [], '24h', NOW);
    expect(series.uptime).toBeCloseTo(0, 10);
  });

  it('clips a span that began before the window to the window', () => {
    // Failing since two days ago, good again 6 hours ago: 18 of the last 24 hours were down.
    const series = historySeries([check(48, 'rejected'), check(6, 'healthy')], [], '24h', NOW);
    expect(series.bars).toHaveLength(1);
    expect(series.uptime).toBeCloseTo(6 / 24, 10);
    expect(series.coveredFrom).toEqual(new Date(NOW.getTime() - 24 * HOUR));
  });

  it('fills the days the detailed history no longer holds from the daily counts', () => {
    // Detailed checks only since midnight; the three days before survive as roll-ups.
    const detailed = hourly(12);
    const daily: DailyRollup[] = [
      ['2026-11-29', 24, 24],
      ['2026-11-30', 24, 12],
      ['2026-12-01', 24, 0],
      ['2026-12-02', 13, 13],
    ];
    const series = historySeries(detailed, daily, '30d', NOW);
    const days = series.bars.filter((b) => b.type === 'day');
    expect(days).toEqual([
      { type: 'day', day: '2026-11-29', checks: 24, good: 24 },
      { type: 'day', day: '2026-11-30', checks: 24, good: 12 },
      { type: 'day', day: '2026-12-01', checks: 24, good: 0 },
    ]);
    expect(series.bars).toHaveLength(3 + 13);
    // 24 h up + 12 h up + 0 h up + 12 h up, over 3 days and 12 hours.
    expect(series.uptime).toBeCloseTo(48 / 84, 10);
    expect(series.coveredFrom).toEqual(new Date('2026-11-29T00:00:00Z'));
  });

  it('knows nothing before the first check of a new integration', () => {
    const series = historySeries(hourly(2), [['2026-12-02', 3, 3]], '30d', NOW);
    expect(series.bars.every((b) => b.type === 'check')).toBe(true);
    expect(series.coveredFrom).toEqual(new Date(NOW.getTime() - 2 * HOUR));
  });

  it('has no figure without a check', () => {
    expect(historySeries([], [], '7d', NOW)).toEqual({ bars: [], uptime: null, coveredFrom: null });
  });
});
