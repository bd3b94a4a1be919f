import {
  flagsOf,
  mergeListing,
  type InventoryPolicy,
  type ListedToken,
  type OrgToken,
} from '../../src/domain/inventory';

const NOW = new Date('2026-06-01T00:00:00Z');
const DAY = 86_400_000;
const daysFromNow = (d: number) => new Date(NOW.getTime() + d * DAY).toISOString();
const POLICY: InventoryPolicy = { warnDays: [30, 7], maxLifetimeDays: 365, unusedDays: 90 };

function listed(id: string, extra: Partial<ListedToken> = {}): ListedToken {
  return {
    id,
    kind: 'api-token',
    label: `token ${id}`,
    owner: { id: `acc-${id}`, name: 'Ada', email: 'ada@acme.example' },
    createdAt: daysFromNow(-10),
    expiresAt: daysFromNow(200),
    lastActiveAt: daysFromNow(-1),
    status: 'ALLOWED',
    ...extra,
  };
}
const token = (id: string, extra: Partial<OrgToken> = {}): OrgToken => ({
  ...listed(id),
  revokedNoticedAt: null,
  alerted: null,
  ...extra,
});

describe('flagsOf', () => {
  it('flags nothing on a fresh, used, short-lived token', () => {
    expect(flagsOf(token('a'), POLICY, NOW)).toEqual([]);
  });

  it('flags expiry inside the largest warning threshold, and past expiry', () => {
    expect(flagsOf(token('a', { expiresAt: daysFromNow(30) }), POLICY, NOW)).toEqual(['expiring']);
    expect(flagsOf(token('a', { expiresAt: daysFromNow(31) }), POLICY, NOW)).toEqual([]);
    expect(flagsOf(token('a', { expiresAt: daysFromNow(-1) }), POLICY, NOW)).toEqual(['expired']);
  });

  it('flags no expiry as also above any maximum lifetime', () => {
    expect(flagsOf(token('a', { expiresAt: null }), POLICY, NOW)).toEqual([
      'no-expiry',
      'long-lifetime',
    ]);
    const lax = { ...POLICY, maxLifetimeDays: null };
    expect(flagsOf(token('a', { expiresAt: null }), lax, NOW)).toEqual(['no-expiry']);
  });

  it('flags a lifetime above the maximum', () => {
    const long = token('a', { createdAt: daysFromNow(-10), expiresAt: daysFromNow(356) });
    expect(flagsOf(long, POLICY, NOW)).toEqual(['long-lifetime']);
    expect(flagsOf({ ...long, expiresAt: daysFromNow(355) }, POLICY, NOW)).toEqual([]);
  });

  it('flags unused tokens, counting a never-used one from its creation', () => {
    expect(flagsOf(token('a', { lastActiveAt: daysFromNow(-91) }), POLICY, NOW)).toEqual([
      'unused',
    ]);
    const never = token('a', { lastActiveAt: null, createdAt: daysFromNow(-5) });
    expect(flagsOf(never, POLICY, NOW)).toEqual([]);
    expect(flagsOf({ ...never, createdAt: daysFromNow(-100) }, POLICY, NOW)).toEqual(['unused']);
    expect(
      flagsOf({ ...never, createdAt: daysFromNow(-100) }, { ...POLICY, unusedDays: null }, NOW),
    ).toEqual([]);
  });

  it('flags blocked tokens, and a revoked token only as revoked', () => {
    expect(flagsOf(token('a', { status: 'BLOCKED' }), POLICY, NOW)).toEqual(['blocked']);
    const revoked = token('a', { expiresAt: null, revokedNoticedAt: NOW.toISOString() });
    expect(flagsOf(revoked, POLICY, NOW)).toEqual(['revoked']);
  });
});

describe('mergeListing', () => {
  it('takes the listing as is and marks what disappeared as revoked now', () => {
    const merged = mergeListing([token('a'), token('b')], [listed('a', { label: 'renamed' })], NOW);
    expect(merged).toEqual([
      { ...listed('a', { label: 'renamed' }), revokedNoticedAt: null, alerted: null },
      { ...token('b'), revokedNoticedAt: NOW.toISOString() },
    ]);
  });

  it('keeps when a revocation was first noticed, and drops it after 90 days', () => {
    const noticed = daysFromNow(-30);
    const old = token('b', { revokedNoticedAt: daysFromNow(-91) });
    const merged = mergeListing([token('a', { revokedNoticedAt: noticed }), old], [], NOW);
    expect(merged).toEqual([token('a', { revokedNoticedAt: noticed })]);
  });

  it('un-revokes a token that is listed again, and tells kinds apart', () => {
    const key = { ...token('a'), kind: 'api-key' as const };
    const merged = mergeListing(
      [token('a', { revokedNoticedAt: daysFromNow(-1) }), key],
      [listed('a')],
      NOW,
    );
    expect(merged).toEqual([token('a'), { ...key, revokedNoticedAt: NOW.toISOString() }]);
  });

  it('keeps what was alerted about a token across syncs', () => {
    const alerted = { day: '2026-06-20', fired: [30] };
    const merged = mergeListing([token('a', { alerted })], [listed('a')], NOW);
    expect(merged[0]?.alerted).toEqual(alerted);
  });
});
