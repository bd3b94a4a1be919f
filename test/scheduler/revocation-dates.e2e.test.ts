// First: the local platform must be installed before the app's code loads @forge/api.
import { AlertWorld, type Received } from '../support/alert-world';
import { record, seed, statusOf } from '../support/app';
import { startAtlassianCloud, type CloudDouble } from '../support/atlassian-cloud';
import { fakeDateOnly } from '../support/clock';
import { overviewOf } from '../../src/frontend/overview-pages';

/**
 * Verdicts an admin can trust, through the real sweep, check and alert handlers on the local
 * Forge runtime: a credential marked revoked that the service still accepts, and a typed expiry
 * date that passes while the service still accepts the credential.
 */
const T0 = Date.parse('2026-11-23T12:00:00Z');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const EMAIL = 'ci-bot@acme.example';
const TOKEN = 'ATATT3xFfGF0-revocation-watch-0001';

const titles = (r: Received[]) => r.map((m) => m.body.text as string);

describe('verdicts about revocation and expiry dates on the local Forge runtime', () => {
  let cloud: CloudDouble;
  let world: AlertWorld;

  beforeEach(async () => {
    fakeDateOnly(T0);
    cloud = await startAtlassianCloud([
      { email: EMAIL, token: TOKEN, accountId: '5b10ac8d82e05b22cc7d4ef5', displayName: 'CI bot' },
    ]);
    world = await AlertWorld.start([cloud.server]);
    await world.call('saveChannel', {
      config: { enabled: true, role: 'primary', digest: false, type: 'slack', name: 'Slack' },
      secret: 'https://hooks.slack.com/services/T0ALERT/B0WORLD/slackHookToken42',
    });
  });
  afterEach(async () => {
    await world.stop();
    await cloud.server.close();
    jest.useRealTimers();
  });

  const at = (ms: number) => jest.setSystemTime(T0 + ms);
  const sweepAt = async (ms: number) => {
    at(ms);
    await world.sweep();
  };
  const jira = (extra: Record<string, unknown> = {}) =>
    record(
      'jira',
      { kind: 'atlassian-api-token', name: 'CI bot', baseUrl: cloud.server.url, username: EMAIL },
      { interval: '1h', ...extra },
    );

  it('calls an Atlassian API token still accepted 20 minutes after it was marked revoked critical, and alerts', async () => {
    const revokedAt = new Date(T0).toISOString();
    await seed(world.forge, [{ record: jira({ revokedAt }), secret: TOKEN }]);
    // Atlassian has been seen to take about 20 minutes to stop accepting a revoked API token.
    for (const minutes of [0.5, 5.5, 10.5, 15.5]) await sweepAt(minutes * MINUTE);
    expect((await statusOf(world.forge, 'jira'))?.last?.verdict).toBe('healthy');
    expect(world.slack).toEqual([]);

    await sweepAt(20.5 * MINUTE);
    const status = await statusOf(world.forge, 'jira');
    expect(status?.severity).toBe('critical');
    expect(status?.last).toMatchObject({
      verdict: 'revocation-ignored',
      message: `revoked at ${revokedAt}, still accepted at ${new Date(T0 + 20.5 * MINUTE).toISOString()} (21 minutes later): the revocation did not take`,
    });
    expect(titles(world.slack)).toEqual([
      'CI bot: it was revoked, yet the service still accepts it',
    ]);
    const row = overviewOf(await world.call('getOverview', {}));
    expect(row.integrations[0]).toMatchObject({
      verdict: 'revocation-ignored',
      severity: 'critical',
    });
  });

  it('calls a credential accepted again after it was refused critical at once, within the lag', async () => {
    const revokedAt = new Date(T0).toISOString();
    await seed(world.forge, [{ record: jira({ revokedAt }), secret: TOKEN }]);
    cloud.state.revoked.add(TOKEN);
    await sweepAt(0.5 * MINUTE);
    expect((await statusOf(world.forge, 'jira'))?.revocation?.refusedAt).not.toBeNull();

    cloud.state.revoked.delete(TOKEN);
    at(2 * MINUTE);
    const row = await world.call('checkNow', { id: 'jira' });
    expect(row).toMatchObject({ verdict: 'revocation-ignored', severity: 'critical' });
    expect(row.message).toContain(`revoked at ${revokedAt}, refused at`);
    expect(row.message).toContain('the revocation did not take');
    await world.forge.drainQueues();
    expect(titles(world.slack)).toEqual([
      'CI bot: its credential is refused',
      'CI bot: it was revoked, yet the service still accepts it',
    ]);
  });

  it('warns that a typed date which has passed is wrong while Jira still accepts the token, and says expired once Jira refuses it', async () => {
    const expiresAt = new Date(T0 + 2 * DAY).toISOString();
    await seed(world.forge, [{ record: jira({ config: jiraConfig(expiresAt) }), secret: TOKEN }]);
    await sweepAt(0);
    const warned = world.slack.length;

    await sweepAt(3 * DAY);
    const status = await statusOf(world.forge, 'jira');
    expect(status?.severity).toBe('warning');
    expect(status?.last).toMatchObject({
      verdict: 'wrong-expiry-date',
      message: `the date on file (${expiresAt.slice(0, 10)}) has passed but Jira still accepts it: correct the date`,
    });
    // No "expired" alert against the evidence, and no failure either.
    expect(world.slack).toHaveLength(warned);

    cloud.state.revoked.add(TOKEN);
    await sweepAt(3 * DAY + 2 * 60 * MINUTE);
    expect((await statusOf(world.forge, 'jira'))?.last?.verdict).toBe('expired');
    expect(titles(world.slack).slice(warned)).toEqual(['CI bot: its credential has expired']);
  });

  function jiraConfig(expiresAt: string) {
    return {
      kind: 'atlassian-api-token' as const,
      name: 'CI bot',
      baseUrl: cloud.server.url,
      username: EMAIL,
      expiresAt,
    };
  }
});
