import type { CheckResult } from '../../src/domain/result';
import {
  applyResult,
  initialStatus,
  newIntegration,
  type IntegrationStatus,
} from '../../src/domain/schedule';
import { mergedStatus, sameStable, stableOf, tickOf } from '../../src/domain/status-tick';
import { toSummary } from '../../src/domain/summary';
import { statusFromTick } from '../../src/domain/unread-stable';

/**
 * A sweep's check that reads only the tick of its status: when its result would store the
 * stable part the tick's hash names, the status it starts from, built from the tick and the
 * result, folds the result exactly as the status read whole does. Else it says it cannot tell.
 */
const DAY = 86_400_000;
const HOUR = 3_600_000;
const NOON = Math.floor(Date.now() / DAY) * DAY + 12 * HOUR;
const record = newIntegration({
  id: 'us',
  config: { kind: 'github-token', baseUrl: 'https://api.github.com' },
  secret: 'ghp_unread_stable_secret_0001',
  fingerprintKey: Buffer.alloc(32),
  now: new Date(NOON - 10 * DAY),
});

function result(
  at: number,
  verdict: CheckResult['verdict'] = 'healthy',
  username = 'ci-bot',
): CheckResult {
  const healthy = verdict === 'healthy';
  return {
    verdict,
    severity: healthy ? 'ok' : verdict === 'unreachable' ? 'unknown' : 'critical',
    message: healthy ? `GitHub accepted the token as ${username}` : 'GitHub refused it',
    identity: healthy ? { id: '5840921', username } : null,
    expiresAt: null,
    expirySource: null,
    daysLeft: null,
    retryAfterSeconds: null,
    checkedAt: new Date(at).toISOString(),
    durationMs: 120,
    evidence: [],
    facts: { scopes: 'repo' },
  };
}

const slotOf = (r: CheckResult) => r.checkedAt;
const fold = (status: IntegrationStatus, r: CheckResult) =>
  applyResult(record, status, r, slotOf(r));

/** Checks over the days before (one refused three days ago), then one at 11:00 today. */
const before = [
  result(NOON - 4 * DAY),
  result(NOON - 3 * DAY, 'rejected'),
  result(NOON - 2 * DAY),
  result(NOON - DAY),
  result(NOON - HOUR),
].reduce(fold, initialStatus(record.id, new Date(NOON - 5 * DAY)));
/** The status as a sweep's consumer reads it whole: stable part and tick. */
const read = mergedStatus(record.id, stableOf(before), tickOf(before))!;

describe('a status told by its tick and the result', () => {
  it('folds a result that finds what the check before found as the status read whole does', () => {
    const next = result(NOON);
    const told = statusFromTick(record, tickOf(before), next);

    expect(told).toBeDefined();
    const [fromRead, fromTick] = [fold(read, next), fold(told!, next)];
    expect(tickOf(fromTick)).toEqual(tickOf(fromRead));
    expect(toSummary(record, fromTick, new Date(NOON))).toEqual(
      toSummary(record, fromRead, new Date(NOON)),
    );
    expect(toSummary(record, fromRead, new Date(NOON)).successRate7d).toBeLessThan(1);
    expect(sameStable(told!, fromTick)).toBe(true);
    expect(sameStable(read, fromRead)).toBe(true);
  });

  it('cannot tell it when the result differs, on a new day, or for a transient result', () => {
    const tick = tickOf(before);
    expect(statusFromTick(record, tick, result(NOON, 'healthy', 'renamed-bot'))).toBeUndefined();
    expect(statusFromTick(record, tick, result(NOON, 'rejected'))).toBeUndefined();
    expect(statusFromTick(record, tick, result(NOON + 13 * HOUR))).toBeUndefined();
    expect(statusFromTick(record, tick, result(NOON, 'unreachable'))).toBeUndefined();
    expect(statusFromTick(record, { ...tick, stable: undefined }, result(NOON))).toBeUndefined();
  });
});
