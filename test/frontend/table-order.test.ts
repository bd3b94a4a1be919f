import type { IntegrationSummary } from '../../src/resolvers/contract';
import type { Dates } from '../../src/frontend/format';
import {
  arrange,
  comparator,
  ownerLabel,
  remember,
  URGENT_FIRST,
} from '../../src/frontend/components/tableOrder';
import { DEFAULT_INTERVAL } from '../../src/domain/schedule';

/** No row here has an expiry date: the order never depends on the day. */
const NOW: Dates = { now: new Date(), timeZone: 'UTC', isUsers: false };

function row(id: string, severity: IntegrationSummary['severity']): IntegrationSummary {
  return {
    id,
    name: id,
    kind: 'github-token',
    ownerAccountId: null,
    interval: DEFAULT_INTERVAL,
    verdict: null,
    severity,
    message: null,
    expiresAt: null,
    daysLeft: null,
    lastCheckedAt: null,
    lastSuccessAt: null,
    successRate7d: null,
    paused: false,
    snoozedUntil: null,
    revokedAt: null,
    secretFingerprint: '…abcd',
  };
}

describe('the table order', () => {
  const urgency = comparator(URGENT_FIRST, NOW);

  it('keeps the rows where they were shown, whatever their severity now', () => {
    const rows = [row('a', 'critical'), row('b', 'ok'), row('c', 'warning')];
    expect(arrange(rows, ['b', 'c', 'a'], urgency).map((r) => r.id)).toEqual(['b', 'c', 'a']);
  });

  it('puts rows not shown before at the end, sorted, and drops the ids of deleted rows', () => {
    const rows = [row('a', 'ok'), row('new-ok', 'ok'), row('new-bad', 'critical')];
    const shown = ['gone', 'a'];
    const arranged = arrange(rows, shown, urgency);
    expect(arranged.map((r) => r.id)).toEqual(['a', 'new-bad', 'new-ok']);
    expect(remember(shown, arranged)).toEqual(['gone', 'a', 'new-bad', 'new-ok']);
  });

  it('names the owner by display name when the row has one, else by account id', () => {
    expect(ownerLabel({ ...row('a', 'ok'), ownerAccountId: 'acc-1', ownerName: 'Ada' })).toBe(
      'Ada',
    );
    expect(ownerLabel({ ...row('a', 'ok'), ownerAccountId: 'acc-1' })).toBe('acc-1');
    expect(ownerLabel(row('a', 'ok'))).toBeNull();
  });
});
