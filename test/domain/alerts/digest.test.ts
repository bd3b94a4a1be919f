import { buildDigest, dueDigestDay } from '../../../src/domain/alerts/digest';
import { routeAlert, type ChannelPolicy } from '../../../src/domain/alerts/routing';
import type { Alert } from '../../../src/domain/alerts/types';
import type { IntegrationSummary } from '../../../src/domain/summary';
import { at } from './fixtures';

const ADMIN_URL = 'https://acme.atlassian.net/jira/settings/apps/token-health';
const now = at(20); // 2026-11-24 08:00 UTC

const summary = (id: string, extra: Partial<IntegrationSummary> = {}): IntegrationSummary => ({
  id,
  name: id.toUpperCase(),
  kind: 'github-token',
  ownerAccountId: null,
  interval: '1h',
  verdict: 'healthy',
  severity: 'ok',
  message: null,
  expiresAt: null,
  daysLeft: null,
  lastCheckedAt: now.toISOString(),
  lastSuccessAt: now.toISOString(),
  successRate7d: 1,
  paused: false,
  snoozedUntil: null,
  revokedAt: null,
  secretFingerprint: '…abcd',
  ...extra,
});

const alert = (extra: Partial<Alert>): Alert => ({
  kind: 'failure',
  integrationId: 'a',
  idempotencyKey: 'a:failure:x:0',
  severity: 'critical',
  channels: 'primary',
  at: at(2).toISOString(),
  verdict: 'rejected',
  ...extra,
});

describe('buildDigest()', () => {
  it('lists what needs attention, most urgent first, and what happened that day; org tokens apart, unchecked integrations left out', () => {
    const digest = buildDigest({
      channelId: 'slack-ops',
      day: '2026-11-23',
      now,
      adminUrl: ADMIN_URL,
      summaries: [
        summary('ok'),
        summary('soon', {
          verdict: 'expiring',
          severity: 'warning',
          expiresAt: at(20 + 24 * 9).toISOString(),
        }),
        summary('sooner', {
          verdict: 'expiring',
          severity: 'warning',
          expiresAt: at(20 + 24 * 3).toISOString(),
        }),
        summary('a', {
          verdict: 'rejected',
          severity: 'critical',
          snoozedUntil: at(48).toISOString(),
        }),
        summary('new', { verdict: null, severity: 'unknown' }),
      ],
      alerts: [
        alert({ suppressed: 'snoozed' }),
        alert({
          kind: 'expiring',
          integrationId: 'sooner',
          threshold: 7,
          at: at(3).toISOString(),
          verdict: 'expiring',
        }),
        alert({
          kind: 'recovery',
          integrationId: 'ok',
          at: at(4).toISOString(),
          severity: 'ok',
          verdict: 'healthy',
          incident: { id: 'ok:x', verdict: 'rejected', openedAt: at(1).toISOString() },
        }),
        alert({
          kind: 'expiring',
          integrationId: 'org-token:deploy',
          subject: 'API token "deploy" of Ann',
          threshold: 7,
          at: at(5).toISOString(),
          verdict: 'expiring',
        }),
        alert({
          kind: 'recovery',
          integrationId: 'org-token:old',
          subject: 'API token "old" of Ann',
          at: at(6).toISOString(),
          severity: 'ok',
          verdict: 'healthy',
        }),
      ],
    });
    expect(digest).toEqual({
      idempotencyKey: 'digest:slack-ops:2026-11-23',
      day: '2026-11-23',
      title: 'Token Health 2026-11-23: 1 critical, 2 warning, 3 alerts, 2 org token alerts',
      counts: { ok: 1, warning: 2, critical: 1, unknown: 0 },
      attention: [
        'A (critical): its credential is refused (snoozed)',
        'SOONER (warning): its credential expires soon; expires in 3 days (2026-11-27)',
        'SOON (warning): its credential expires soon; expires in 9 days (2026-12-03)',
      ],
      events: [
        'A: failed at 14:00 UTC: its credential is refused (not sent: snoozed)',
        'SOONER: crossed the 7-day expiry warning at 15:00 UTC',
        'OK: recovered at 16:00 UTC',
      ],
      tokenEvents: [
        'API token "deploy" of Ann: crossed the 7-day expiry warning at 17:00 UTC',
        'API token "old" of Ann: revoked (noticed at 18:00 UTC)',
      ],
      allClear: false,
      adminUrl: ADMIN_URL,
      lastSweepAt: null,
    });
  });

  it('says all is clear when nothing needs attention and nothing happened', () => {
    const digest = buildDigest({
      channelId: 'c',
      day: '2026-11-23',
      now,
      adminUrl: ADMIN_URL,
      summaries: [
        summary('x'),
        summary('y', { paused: true }),
        summary('new', { verdict: null, severity: 'unknown' }),
      ],
      alerts: [],
    });
    expect(digest).toMatchObject({
      title: 'Token Health 2026-11-23: all 2 credentials healthy',
      allClear: true,
      attention: [],
      events: [],
    });
  });
});

describe('dueDigestDay()', () => {
  it('is due for the day before, from the send hour on, until it was sent', () => {
    expect(dueDigestDay(new Date('2026-11-24T07:59:00Z'), 8, 'UTC', '2026-11-22')).toBeNull();
    expect(dueDigestDay(new Date('2026-11-24T08:00:00Z'), 8, 'UTC', '2026-11-22')).toBe(
      '2026-11-23',
    );
    expect(dueDigestDay(new Date('2026-11-24T23:00:00Z'), 8, 'UTC', '2026-11-23')).toBeNull();
  });

  it('goes out at the hour of its zone, on both sides of daylight saving', () => {
    const berlin = (iso: string) => dueDigestDay(new Date(iso), 8, 'Europe/Berlin', '2026-01-13');
    expect(berlin('2026-01-15T06:59:00Z')).toBeNull();
    expect(berlin('2026-01-15T07:00:00Z')).toBe('2026-01-14');
    const summer = (iso: string) => dueDigestDay(new Date(iso), 8, 'Europe/Berlin', '2026-07-13');
    expect(summer('2026-07-15T05:59:00Z')).toBeNull();
    expect(summer('2026-07-15T06:00:00Z')).toBe('2026-07-14');
  });

  it('catches up with only the latest missed day, never a burst', () => {
    expect(dueDigestDay(new Date('2026-11-24T09:00:00Z'), 8, 'UTC', '2026-11-01')).toBe(
      '2026-11-23',
    );
    expect(dueDigestDay(new Date('2026-11-24T09:00:00Z'), 8, 'UTC', null)).toBe('2026-11-23');
  });
});

describe('routeAlert()', () => {
  const channels: ChannelPolicy[] = [
    { id: 'jira', role: 'primary', digest: false },
    { id: 'mail-digest', role: 'primary', digest: true },
    { id: 'pager', role: 'escalation', digest: false },
  ];

  it('sends to the channels of its audience now, or keeps it for their digest', () => {
    expect(routeAlert(alert({}), channels)).toEqual({ now: ['jira'], digest: ['mail-digest'] });
    expect(routeAlert(alert({ channels: 'escalation' }), channels)).toEqual({
      now: ['pager'],
      digest: [],
    });
    expect(routeAlert(alert({ channels: 'all' }), channels)).toEqual({
      now: ['jira', 'pager'],
      digest: ['mail-digest'],
    });
  });

  it('sends a suppressed alert nowhere, though a digest still lists it', () => {
    expect(routeAlert(alert({ suppressed: 'maintenance' }), channels)).toEqual({
      now: [],
      digest: ['mail-digest'],
    });
  });
});
