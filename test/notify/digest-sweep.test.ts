import { buildDigest } from '../../src/domain/alerts/digest';
import { digestNotification } from '../../src/notify/deliver-digest';

const now = new Date();
const digestWith = (lastSweepAt: string | null) =>
  buildDigest({
    channelId: 'slack-ops',
    day: now.toISOString().slice(0, 10),
    summaries: [],
    alerts: [],
    adminUrl: 'https://acme.atlassian.net/jira/settings/apps/token-health',
    now,
    lastSweepAt,
  });

describe('the daily digest', () => {
  it('says when the last scheduled sweep ran, in UTC', () => {
    const ranAt = new Date(now.getTime() - 4 * 60_000);
    const { summary } = digestNotification(digestWith(ranAt.toISOString()), now).content;
    const wall = ranAt.toISOString().slice(0, 16).replace('T', ' ');
    expect(summary).toBe(
      `Every credential is healthy and nothing happened.\n\nLast scheduled sweep: ${wall} UTC.`,
    );
  });

  it('says so when no sweep has run yet', () => {
    const { summary } = digestNotification(digestWith(null), now).content;
    expect(summary.split('\n\n').at(-1)).toBe('No scheduled sweep has run yet.');
  });
});
