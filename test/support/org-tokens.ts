import type { OrgToken } from '../../src/domain/inventory';

const DAY_MS = 86_400_000;

/** An instant `days` away from `now` (negative: before), as ISO text. */
export const daysFrom = (now: Date, days: number) =>
  new Date(now.getTime() + days * DAY_MS).toISOString();

/** A stored org token: an API token of Ada's, used yesterday, expiring in 200 days. */
export function orgToken(id: string, over: Partial<OrgToken> = {}, now = new Date()): OrgToken {
  return {
    id,
    kind: 'api-token',
    label: `script ${id}`,
    owner: { id: `acc-${id}`, name: 'Ada Lovelace', email: 'ada@example.com' },
    createdAt: daysFrom(now, -30),
    expiresAt: daysFrom(now, 200),
    lastActiveAt: daysFrom(now, -1),
    status: 'ALLOWED',
    revokedNoticedAt: null,
    alerted: null,
    ...over,
  };
}
