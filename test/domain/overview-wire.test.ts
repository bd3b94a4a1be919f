import { packRow, unpackRow } from '../../src/domain/overview-wire';
import type { IntegrationSummary } from '../../src/domain/summary';

/** An overview row travels packed and is restored whole on the page. */
const checked: IntegrationSummary = {
  id: 'int-1',
  name: 'CI bot',
  kind: 'github-token',
  ownerAccountId: '557058:0f9e8d7c-6b5a-4321-9876-abcdef012345',
  ownerName: 'Ada Lovelace',
  interval: '1h',
  verdict: 'healthy',
  severity: 'ok',
  message: null,
  expiresAt: '2027-06-01T00:00:00Z',
  daysLeft: 150,
  lastCheckedAt: '2026-12-08T00:15:00Z',
  lastSuccessAt: '2026-12-08T00:15:00Z',
  successRate7d: 1,
  paused: false,
  snoozedUntil: null,
  revokedAt: null,
  secretFingerprint: '#0a1b2c3d',
};

const rows: Record<string, IntegrationSummary> = {
  'checked and healthy': checked,
  'refused, last worked earlier': {
    ...checked,
    verdict: 'rejected',
    severity: 'critical',
    message: 'GitHub answered 401 Bad credentials',
    lastSuccessAt: '2026-12-01T10:00:00Z',
    successRate7d: 0.857,
  },
  'refused, never worked': { ...checked, verdict: 'rejected', lastSuccessAt: null },
  'never checked, paused, snoozed, revoked': {
    ...checked,
    ownerAccountId: null,
    interval: '6h',
    verdict: null,
    severity: 'unknown',
    expiresAt: '2027-06-01',
    daysLeft: null,
    lastCheckedAt: null,
    lastSuccessAt: null,
    successRate7d: null,
    paused: true,
    snoozedUntil: '2026-12-09T08:00:00.000Z',
    revokedAt: '2026-12-07T08:00:00.000Z',
  },
};

describe('an overview row on the wire', () => {
  it.each(Object.entries(rows))('comes back whole: %s', (_, row) => {
    expect(unpackRow(JSON.parse(JSON.stringify(packRow(row))))).toEqual(row);
  });

  it('leaves out the values most rows share: a healthy row in under half its size', () => {
    const { ownerName, ...row } = checked;
    expect(ownerName).toBeDefined();
    const packed = JSON.stringify(packRow(row));
    expect(packed.length).toBeLessThan(JSON.stringify(row).length / 2);
    expect(JSON.parse(packed)).not.toHaveProperty('u');
  });
});
