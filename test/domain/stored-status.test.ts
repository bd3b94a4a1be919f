import type { CheckResult } from '../../src/domain/result';
import {
  applyResult,
  initialStatus,
  type IntegrationRecord,
  type IntegrationStatus,
} from '../../src/domain/schedule';
import { loadedStatus, storedStatus } from '../../src/domain/stored-status';

const T0 = Date.parse('2026-11-23T12:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

const record = (extra: Partial<IntegrationRecord> = {}): IntegrationRecord => ({
  id: 'int-1',
  config: { kind: 'github-token' },
  interval: '1h',
  ownerAccountId: null,
  paused: false,
  snoozedUntil: null,
  revokedAt: null,
  secretFingerprint: '…abcd',
  createdAt: at(-1000),
  editedAt: at(-1000),
  ...extra,
});

const EVIDENCE: CheckResult['evidence'] = [
  {
    method: 'GET',
    url: 'https://api.github.com/user',
    status: 200,
    durationMs: 80,
    headers: {},
    excerpt: '',
  },
];

const result = (
  verdict: CheckResult['verdict'],
  minutes: number,
  extra: Partial<CheckResult> = {},
): CheckResult => ({
  verdict,
  severity: verdict === 'healthy' ? 'ok' : verdict === 'unreachable' ? 'unknown' : 'critical',
  message: verdict,
  identity: verdict === 'healthy' ? { id: '5840921', username: 'ci-bot' } : null,
  expiresAt: null,
  expirySource: null,
  daysLeft: null,
  retryAfterSeconds: null,
  checkedAt: at(minutes),
  durationMs: 5,
  evidence: EVIDENCE,
  facts: {},
  ...extra,
});

function fold(rec: IntegrationRecord, results: CheckResult[]): IntegrationStatus {
  return results.reduce(
    (s, r) => applyResult(rec, s, r, r.checkedAt),
    initialStatus(rec.id, new Date(T0)),
  );
}

/** What reading a stored status must give back: all of it but the evidence. */
function withoutEvidence(status: IntegrationStatus): IntegrationStatus {
  if (!status.last) return status;
  const last = { ...status.last };
  delete last.evidence;
  return { ...status, last };
}

describe('a status as stored', () => {
  const cases: [string, IntegrationRecord, CheckResult[]][] = [
    ['a first healthy check', record(), [result('healthy', 0)]],
    ['an outage after a success', record(), [result('healthy', 0), result('unreachable', 60)]],
    [
      'a refused token in back-off, with an expiry date and facts',
      record(),
      [
        result('healthy', 0, { expiresAt: at(90_000), daysLeft: 62, facts: { scopes: 'repo' } }),
        result('rejected', 60, { retryAfterSeconds: 30 }),
      ],
    ],
    [
      'a credential marked revoked',
      record({ revokedAt: at(-5) }),
      [result('healthy', 0), result('rejected', 5)],
    ],
  ];

  it.each(cases)('reads back whole after %s, but for the evidence', (_, rec, results) => {
    const status = fold(rec, results);
    const stored = JSON.parse(JSON.stringify(storedStatus(status)));
    expect(loadedStatus(stored)).toEqual(withoutEvidence(status));
  });

  it('leaves out the evidence, the identity the last check saw and fields at their defaults', () => {
    const status = fold(record(), [result('healthy', 0)]);
    const stored = JSON.stringify(storedStatus(status));
    expect(stored).not.toContain('api.github.com');
    expect(stored.split('ci-bot')).toHaveLength(2);
    expect(stored).not.toContain('null');
    expect(stored.length).toBeLessThan(JSON.stringify(withoutEvidence(status)).length * 0.75);
  });

  it('keeps an identity seen before an outage, which the last check did not see', () => {
    const status = fold(record(), [result('healthy', 0), result('unreachable', 60)]);
    const loaded = loadedStatus(JSON.parse(JSON.stringify(storedStatus(status))));
    expect(loaded.seenIdentity).toEqual({
      identity: { id: '5840921', username: 'ci-bot' },
      at: at(0),
      secretFingerprint: '…abcd',
    });
  });
});
