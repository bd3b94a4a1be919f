import type { CheckResult } from '../../src/domain/result';
import { applyResult, initialStatus, newIntegration } from '../../src/domain/schedule';
import { mergedStatus, sameStable, stableOf, tickOf } from '../../src/domain/status-tick';
import { storedStatus } from '../../src/domain/stored-status';

/** A status in two parts (stable, tick) reads back as the status it was split from. */
const NOW = Date.now();
const HOUR = 3_600_000;
const record = newIntegration({
  id: 'st',
  config: { kind: 'github-token', baseUrl: 'https://api.github.com' },
  secret: 'ghp_status_tick_secret_0001',
  fingerprintKey: Buffer.alloc(32),
  now: new Date(NOW - 48 * HOUR),
});

function result(at: number, verdict: CheckResult['verdict'] = 'healthy'): CheckResult {
  return {
    verdict,
    severity: verdict === 'healthy' ? 'ok' : 'critical',
    message: verdict === 'healthy' ? 'GitHub accepted the token as ci-bot' : 'GitHub refused it',
    identity: verdict === 'healthy' ? { id: '5840921', username: 'ci-bot' } : null,
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

const after = (...checks: [number, CheckResult['verdict']][]) =>
  checks.reduce(
    (status, [at, verdict]) =>
      applyResult(record, status, result(at, verdict), new Date(at).toISOString()),
    initialStatus(record.id, new Date(NOW - 30 * HOUR)),
  );

describe('a status kept as a stable part and a tick', () => {
  const withoutEvidence = (status: ReturnType<typeof after>) => ({
    ...status,
    last: status.last && { ...status.last, evidence: undefined },
  });

  it('reads back whole, over days and after a refusal that keeps the identity seen', () => {
    const status = after(
      [NOW - 26 * HOUR, 'healthy'],
      [NOW - 2 * HOUR, 'healthy'],
      [NOW, 'rejected'],
    );
    const merged = mergedStatus('st', stableOf(status), tickOf(status));
    expect(withoutEvidence(merged!)).toEqual(withoutEvidence(status));
  });

  it('keeps its stable part when a check changes nothing but its time', () => {
    const once = after([NOW - HOUR, 'healthy']);
    const twice = after([NOW - HOUR, 'healthy'], [NOW, 'healthy']);
    expect(sameStable(once, twice)).toBe(
      new Date(NOW - HOUR).toISOString().slice(0, 10) === new Date(NOW).toISOString().slice(0, 10),
    );
    expect(sameStable(twice, after([NOW - HOUR, 'healthy'], [NOW, 'rejected']))).toBe(false);
  });

  it('reads a status stored whole before ticks existed, and lets a newer tick win', () => {
    const old = after([NOW - HOUR, 'healthy']);
    const whole = storedStatus(old);
    expect(withoutEvidence(mergedStatus('st', whole, undefined)!)).toEqual(withoutEvidence(old));
    const newer = after([NOW - HOUR, 'healthy'], [NOW, 'healthy']);
    const merged = mergedStatus('st', whole, tickOf(newer));
    expect(merged?.last?.checkedAt).toBe(newer.last?.checkedAt);
    expect(merged?.nextDueAt).toBe(newer.nextDueAt);
    expect(merged?.daily).toEqual(newer.daily);
  });

  it('is due at once when its tick was lost, its last check (whose time went with it) unknown', () => {
    const status = after([NOW, 'healthy']);
    const merged = mergedStatus('st', stableOf(status), undefined);
    expect(Date.parse(merged?.nextDueAt ?? '')).toBeLessThan(NOW);
    expect(merged?.last).toBeNull();
    expect(merged?.daily).toEqual([]);
  });
});
