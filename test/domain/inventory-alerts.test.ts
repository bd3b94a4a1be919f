import { tokenContent } from '../../src/domain/alerts/token-content';
import type { OrgToken } from '../../src/domain/inventory';
import { orgToken } from '../support/org-tokens';
import { decideTokenAlerts, tokenSubjectId } from '../../src/domain/inventory-alerts';

const NOW = new Date('2026-11-23T06:00:00Z');
const DAY = 86_400_000;
const inDays = (d: number) => new Date(NOW.getTime() + d * DAY).toISOString();
const WARN = [30, 14, 7, 1];

const token = (id: string, extra: Partial<OrgToken> = {}) => orgToken(id, extra, NOW);

const decide = (tokens: OrgToken[], now = NOW, limit = 50) =>
  decideTokenAlerts({ tokens, warnDays: WARN, now, limit });

describe('decideTokenAlerts', () => {
  it('says nothing about a token far from expiry or without one', () => {
    const d = decide([token('a'), token('b', { expiresAt: null })]);
    expect(d.alerts).toEqual([]);
    expect(d.tokens.map((t) => t.alerted)).toEqual([null, null]);
  });

  it('fires the smallest threshold crossed, once, and remembers the larger ones with it', () => {
    const first = decide([token('a', { expiresAt: inDays(5) })]);
    expect(first.alerts.map((a) => [a.alert.kind, a.alert.threshold, a.alert.severity])).toEqual([
      ['expiring', 7, 'warning'],
    ]);
    expect(first.tokens[0]?.alerted).toEqual({ day: inDays(5).slice(0, 10), fired: [30, 14, 7] });
    expect(decide(first.tokens, new Date(NOW.getTime() + DAY)).alerts).toEqual([]);
  });

  it('fires each later threshold as it is crossed, then expiry itself as critical', () => {
    let tokens = [token('a', { expiresAt: inDays(8) })];
    const seen: string[] = [];
    for (const day of [0, 2, 7.5, 8.5]) {
      const d = decide(tokens, new Date(NOW.getTime() + day * DAY));
      seen.push(...d.alerts.map((a) => `${a.alert.threshold}:${a.alert.severity}`));
      tokens = d.tokens;
    }
    expect(seen).toEqual(['14:warning', '7:warning', '1:critical', '0:critical']);
  });

  it('starts over for a new expiry date', () => {
    const alerted = { day: inDays(3).slice(0, 10), fired: [30, 14, 7] };
    const d = decide([token('a', { expiresAt: inDays(20), alerted })]);
    expect(d.alerts.map((a) => a.alert.threshold)).toEqual([30]);
  });

  it('keeps quiet about a token that expired long before it was first seen', () => {
    const d = decide([token('a', { expiresAt: inDays(-30) })]);
    expect(d.alerts).toEqual([]);
    expect(d.tokens[0]?.alerted).toBeNull();
  });

  it('sends one closing notice for a revoked token it had warned about, and none otherwise', () => {
    const alerted = { day: inDays(5).slice(0, 10), fired: [30, 14, 7] };
    const d = decide([
      token('a', { revokedNoticedAt: NOW.toISOString(), alerted }),
      token('b', { revokedNoticedAt: NOW.toISOString() }),
    ]);
    expect(d.alerts.map((a) => [a.token.id, a.alert.kind])).toEqual([['a', 'recovery']]);
    expect(decide(d.tokens).alerts).toEqual([]);
  });

  it('sends the most urgent first up to the limit and leaves the rest for the next sync', () => {
    const tokens = [20, 3, 10].map((days, i) => token(`t${i}`, { expiresAt: inDays(days) }));
    const d = decide(tokens, NOW, 2);
    expect(d.alerts.map((a) => a.token.id)).toEqual(['t1', 't2']);
    expect(d.deferred).toBe(1);
    expect(d.tokens[0]?.alerted).toBeNull();
    expect(decide(d.tokens).alerts.map((a) => a.token.id)).toEqual(['t0']);
  });

  it('gives every alert a key of its own per token kind, threshold and expiry date', () => {
    const key = { ...token('a', { expiresAt: inDays(5) }), kind: 'api-key' as const };
    const d = decide([token('a', { expiresAt: inDays(5) }), key]);
    const ids = d.alerts.map((a) => a.alert.idempotencyKey);
    expect(new Set(ids).size).toBe(2);
    expect(d.alerts.map((a) => a.alert.integrationId)).toEqual([
      tokenSubjectId(d.tokens[0]!),
      tokenSubjectId(d.tokens[1]!),
    ]);
  });
});

describe('tokenContent', () => {
  it('names the token, its owner and expiry, and how to replace and revoke it', () => {
    const t = token('a', { expiresAt: inDays(5) });
    const [decided] = decide([t]).alerts;
    const c = tokenContent({
      alert: decided!.alert,
      token: t,
      adminUrl: 'https://acme.atlassian.net/jira/settings/apps/x/y',
      revokeUrl: 'https://admin.atlassian.com/o/org-1/user-api-tokens',
    });
    expect(c.title).toBe(
      `User API token "script a" of Ada Lovelace expires in 5 days (${inDays(5).slice(0, 10)})`,
    );
    expect(c.summary).toContain('Ada Lovelace <ada@example.com>');
    expect(c.renewal?.links.map((l) => l.url)).toEqual([
      'https://id.atlassian.com/manage-profile/security/api-tokens',
      'https://admin.atlassian.com/o/org-1/user-api-tokens',
    ]);
  });

  it('says an expired token has stopped working, and a revoked one needs nothing more', () => {
    const expired = token('a', { expiresAt: inDays(-1) });
    const [e] = decide([expired]).alerts;
    const input = { adminUrl: 'https://x', revokeUrl: 'https://y' };
    expect(tokenContent({ ...input, alert: e!.alert, token: expired }).action).toMatch(
      /stopped working/,
    );
    const alerted = { day: 'x', fired: [7] };
    const revoked = token('b', { revokedNoticedAt: NOW.toISOString(), alerted });
    const [r] = decide([revoked]).alerts;
    const c = tokenContent({ ...input, alert: r!.alert, token: revoked });
    expect(c.title).toMatch(/^Revoked: /);
    expect(c.renewal).toBeNull();
  });
});
