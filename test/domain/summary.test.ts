import { initialStatus, newIntegration } from '../../src/domain/schedule';
import { successRate7d, toSummary } from '../../src/domain/summary';

const now = new Date('2026-11-23T12:00:00Z');
const record = newIntegration({
  id: 's1',
  config: { kind: 'github-token', name: 'CI bot', expiresAt: '2027-01-01' },
  // A real classic PAT is ghp_ + 36 characters: long enough to show its last four.
  secret: 'ghp_secretsecretsecretsecretsecret9876',
  fingerprintKey: Buffer.alloc(32),
  now,
});

describe('toSummary()', () => {
  it('shows a never-checked integration as unknown, with the admin-entered expiry', () => {
    expect(toSummary(record, undefined, now)).toMatchObject({
      id: 's1',
      name: 'CI bot',
      kind: 'github-token',
      verdict: null,
      severity: 'unknown',
      expiresAt: '2027-01-01',
      successRate7d: null,
      secretFingerprint: '…9876',
    });
  });

  it('never carries the secret', () => {
    const text = JSON.stringify(toSummary(record, initialStatus('s1', now), now));
    expect(text).not.toContain('ghp_secret');
  });
});

describe('successRate7d()', () => {
  it('counts only the roll-ups of the last 7 days', () => {
    const status = {
      ...initialStatus('s1', now),
      daily: [
        ['2026-11-10', 10, 0],
        ['2026-11-20', 4, 3],
        ['2026-11-23', 4, 4],
      ] as [string, number, number][],
    };
    expect(successRate7d(status, now)).toBe(7 / 8);
  });
});
