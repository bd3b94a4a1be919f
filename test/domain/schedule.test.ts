import { createHash } from 'node:crypto';
import { fingerprint } from '../../src/domain/fingerprint';
import type { CheckResult } from '../../src/domain/result';
import {
  applyResult,
  BACKOFF_MS,
  INTERVALS,
  initialStatus,
  isDue,
  newIntegration,
  type IntegrationRecord,
  type IntegrationStatus,
} from '../../src/domain/schedule';

const T0 = Date.parse('2026-11-23T12:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

const record = (extra: Partial<IntegrationRecord> = {}): IntegrationRecord => ({
  id: 'int-1',
  config: { kind: 'github-token' },
  interval: '1h',
  ownerAccountId: null,
  paused: false,
  snoozedUntil: null,
  revokedAt: null,
  secretFingerprint: '…abcd',
  createdAt: at(-1000).toISOString(),
  editedAt: at(-1000).toISOString(),
  ...extra,
});

const result = (
  verdict: CheckResult['verdict'],
  minutes: number,
  extra: Partial<CheckResult> = {},
): CheckResult => ({
  verdict,
  severity:
    verdict === 'healthy'
      ? 'ok'
      : verdict === 'unreachable' || verdict === 'rate-limited'
        ? 'unknown'
        : 'critical',
  message: verdict,
  identity: null,
  expiresAt: null,
  expirySource: null,
  daysLeft: null,
  retryAfterSeconds: null,
  checkedAt: at(minutes).toISOString(),
  durationMs: 5,
  evidence: [],
  facts: {},
  ...extra,
});

function fold(rec: IntegrationRecord, results: CheckResult[]): IntegrationStatus {
  return results.reduce(
    (s, r) => applyResult(rec, s, r, r.checkedAt),
    initialStatus(rec.id, at(0)),
  );
}

describe('applyResult()', () => {
  it('schedules the next check one interval later and records the success', () => {
    const s = fold(record({ interval: '15m' }), [result('healthy', 0)]);
    expect(Date.parse(s.nextDueAt) - T0).toBe(INTERVALS['15m']);
    expect(s.lastSuccessAt).toBe(at(0).toISOString());
    expect(s.severity).toBe('ok');
  });

  it('keeps one transient result unknown and turns the second consecutive one critical', () => {
    const once = fold(record(), [result('unreachable', 0)]);
    expect(once.severity).toBe('unknown');
    const twice = fold(record(), [result('unreachable', 0), result('rate-limited', 5)]);
    expect(twice.severity).toBe('critical');
    const cleared = fold(record(), [
      result('unreachable', 0),
      result('healthy', 5),
      result('unreachable', 10),
    ]);
    expect(cleared.severity).toBe('unknown');
  });

  it('rechecks a transient result after five minutes rather than a whole interval', () => {
    const s = fold(record({ interval: '24h' }), [result('unreachable', 0)]);
    expect(Date.parse(s.nextDueAt) - T0).toBe(INTERVALS['5m']);
  });

  it('backs off for a day after rejected or locked', () => {
    for (const verdict of ['rejected', 'locked'] as const) {
      const s = fold(record({ interval: '5m' }), [result(verdict, 0)]);
      expect(Date.parse(s.nextDueAt) - T0).toBe(BACKOFF_MS);
      expect(s.backoffSince).toBe(at(0).toISOString());
    }
  });

  it('runs the interval from the planned slot, so a check finished late in its sweep is due at the next one', () => {
    const rec = record({ interval: '5m' });
    const late = { ...result('healthy', 0), checkedAt: at(0.5).toISOString() };
    const s = applyResult(rec, initialStatus(rec.id, at(0)), late, at(0).toISOString());
    expect(s.nextDueAt).toBe(at(5).toISOString());
    expect(isDue(rec, s, at(5))).toBe(true);
  });

  it('checks again as soon as a result asks, however long the interval (a lost OAuth refresh)', () => {
    for (const verdict of ['unreachable', 'unexpected-response'] as const) {
      const s = fold(record({ interval: '24h' }), [
        result(verdict, 0, { recheckAfterSeconds: 60 }),
      ]);
      expect(Date.parse(s.nextDueAt) - T0).toBe(60_000);
    }
  });

  it('honours Retry-After when it is longer than the interval', () => {
    const s = fold(record({ interval: '5m' }), [
      result('rate-limited', 0, { retryAfterSeconds: 3600 }),
    ]);
    expect(Date.parse(s.nextDueAt) - T0).toBe(3_600_000);
  });

  it('counts checks and successes per day for the roll-up', () => {
    const s = fold(record(), [
      result('healthy', 0),
      result('rejected', 60),
      result('healthy', 24 * 60),
    ]);
    expect(s.daily).toEqual([
      ['2026-11-23', 2, 1],
      ['2026-11-24', 1, 1],
    ]);
  });

  it('records how long a revoked credential kept working once the service refuses it', () => {
    const rec = record({ revokedAt: at(0).toISOString() });
    const s = fold(rec, [result('healthy', 5), result('healthy', 10), result('rejected', 15)]);
    expect(s.revocation).toEqual({
      revokedAt: at(0).toISOString(),
      lastAcceptedAt: at(10).toISOString(),
      refusedAt: at(15).toISOString(),
      keptWorkingMs: 10 * 60_000,
    });
  });

  it('probes a revoked credential every five minutes until it is refused', () => {
    const rec = record({ interval: '24h', revokedAt: at(0).toISOString() });
    const watching = fold(rec, [result('healthy', 5)]);
    expect(Date.parse(watching.nextDueAt) - Date.parse(at(5).toISOString())).toBe(INTERVALS['5m']);
  });
});

describe('isDue()', () => {
  it('is due when the next check time has come, never when paused', () => {
    const status = { ...initialStatus('int-1', at(0)), nextDueAt: at(10).toISOString() };
    expect(isDue(record(), status, at(5))).toBe(false);
    expect(isDue(record(), status, at(10))).toBe(true);
    expect(isDue(record({ paused: true }), status, at(10))).toBe(false);
  });

  it('lifts a back-off as soon as the credential is edited', () => {
    const backedOff = fold(record(), [result('rejected', 0)]);
    expect(isDue(record(), backedOff, at(60))).toBe(false);
    expect(isDue(record({ editedAt: at(30).toISOString() }), backedOff, at(60))).toBe(true);
  });

  describe('what a check learned', () => {
    const expiresAt = new Date(T0 + 40 * 86_400_000).toISOString();
    const learned = result('healthy', 0, {
      expiresAt,
      daysLeft: 40,
      identity: { id: 'u-1', username: 'octocat' },
      facts: { scopes: 'repo' },
    });

    it('stays known when a later check times out or is rate-limited', () => {
      const s = fold(record(), [
        learned,
        result('unreachable', 60),
        result('rate-limited', 24 * 60),
      ]);
      expect(s.last).toMatchObject({
        verdict: 'rate-limited',
        expiresAt,
        daysLeft: 39,
        identity: { id: 'u-1', username: 'octocat' },
        facts: { scopes: 'repo' },
      });
    });

    it('gives way to what a conclusive result says', () => {
      const s = fold(record(), [learned, result('rejected', 60)]);
      expect(s.last).toMatchObject({
        verdict: 'rejected',
        expiresAt: null,
        identity: null,
        facts: {},
      });
    });

    it('is not carried over to a new secret', () => {
      const before = fold(record(), [learned]);
      const renewed = record({ secretFingerprint: '…wxyz', editedAt: at(30).toISOString() });
      const s = applyResult(renewed, before, result('unreachable', 60), at(60).toISOString());
      expect(s.last).toMatchObject({ expiresAt: null, identity: null, facts: {} });
    });
  });

  it('starts the revocation watch at once when a credential is marked revoked', () => {
    const s = fold(record(), [result('healthy', 0)]);
    expect(isDue(record({ revokedAt: at(1).toISOString() }), s, at(2))).toBe(true);
  });
});

describe('newIntegration()', () => {
  it('starts active, hourly by default, with only the last 4 characters of the secret', () => {
    const rec = newIntegration({
      id: 'n1',
      config: { kind: 'github-token' },
      secret: 'ghp_abcdefghijklmnop1234\n',
      fingerprintKey: Buffer.alloc(32),
      now: at(0),
    });
    expect(rec).toMatchObject({
      interval: '1h',
      paused: false,
      revokedAt: null,
      secretFingerprint: '…1234',
    });
    expect(JSON.stringify(rec)).not.toContain('abcdefgh');
    expect(rec.createdAt).toBe(at(0).toISOString());
  });
});

describe('the secret fingerprint', () => {
  const KEY = { key: Buffer.alloc(32, 1), scope: 'integration:int-1' };

  it('shows the last 4 characters only of a secret at least four times as long', () => {
    const secret = 'ghp_0123456789abcdefWXYZ';
    expect(fingerprint(secret, KEY)).toBe('…WXYZ');
    expect(fingerprint('0123456789abWXYZ', KEY)).toBe('…WXYZ');
  });

  it.each([['abc'], ['hunter2'], ['0123456789abcde']])(
    'shows nothing of the short secret %j: a keyed fingerprint no guess can be checked against',
    (secret) => {
      const shown = fingerprint(secret, KEY);
      expect(shown).toMatch(/^#[0-9a-f]{8}$/);
      expect(fingerprint(secret, KEY)).toBe(shown);
      expect(fingerprint(`${secret}x`, KEY)).not.toBe(shown);
      expect(fingerprint(secret, { ...KEY, key: Buffer.alloc(32, 2) })).not.toBe(shown);
      expect(fingerprint(secret, { ...KEY, scope: 'integration:int-2' })).not.toBe(shown);
      const unkeyed = createHash('sha256').update(secret).digest('hex');
      expect(unkeyed.startsWith(shown.slice(1, 7))).toBe(false);
    },
  );

  it('keys a JSON secret too, whose tail would be punctuation', () => {
    const secret = JSON.stringify({
      clientId: 'id',
      clientSecret: 's'.repeat(40),
      refreshToken: 'r',
    });
    expect(fingerprint(secret, KEY)).toMatch(/^#[0-9a-f]{8}$/);
  });
});
