import { historyOf, record, seed, startApp, statusOf, sweep } from '../support/app';
import type { LocalForge } from '../../local/forge-runtime';
import { BOUNDS } from '../../src/domain/bounds';
import { bearerToken, sendJson, startServer, type TestServer } from '../support/server';
import { fakeDateOnly } from '../support/clock';

const TOKEN = 'xoxb-17653672481-19874698323-hostileAnswerTest';
const MINUTE = 60_000;
/** Slack's auth.test naming a workspace of 200 kB, with a hostile fact or two besides. */
const HUGE_TEAM = 'Acme "Corp" \u0000'.repeat(200_000 / 14);

/**
 * A service answering far more than any KVS value holds, through the real sweep on the local
 * Forge runtime: the check is stored, clipped to size, and not probed again until it is due.
 */
describe('a huge answer from the service', () => {
  let slack: TestServer;
  let forge: LocalForge;

  beforeAll(async () => {
    slack = await startServer((req, res) => {
      if (bearerToken(req) !== TOKEN)
        return sendJson(res, 200, { ok: false, error: 'invalid_auth' });
      sendJson(res, 200, {
        ok: true,
        user_id: 'U0AB12CDE',
        user: 'jira-alerts',
        team: HUGE_TEAM,
        team_id: 'T12345678',
        url: `https://${'a'.repeat(100_000)}.slack.com/`,
      });
    });
  });
  afterAll(() => slack.close());
  beforeEach(async () => {
    fakeDateOnly(Date.now());
    forge = await startApp([slack]);
  });
  afterEach(async () => {
    await forge.stop();
    jest.useRealTimers();
  });

  it('is stored with the workspace name clipped, and not probed again every few minutes', async () => {
    const start = Date.now();
    await seed(forge, [
      {
        record: record('slack', { kind: 'slack-token', name: 'Alerts bot', baseUrl: slack.url }),
        secret: TOKEN,
      },
    ]);
    for (const minutes of [0, 1, 5, 10, 15]) {
      jest.setSystemTime(start + minutes * MINUTE);
      await sweep(forge);
    }

    expect(slack.requests.length).toBe(1);
    const status = await statusOf(forge, 'slack');
    expect(status?.last?.verdict).toBe('healthy');
    const team = status?.last?.facts.team ?? '';
    expect(team.length).toBe(BOUNDS.text);
    expect(team.startsWith('Acme "Corp" ')).toBe(true);
    expect(status?.last?.identity?.displayName).toBe(team);
    expect(status?.last?.message.length).toBeLessThanOrEqual(BOUNDS.message);
    expect(await historyOf(forge, 'slack')).toHaveLength(1);
    expect(forge.kvs.get('summary:slack')).toMatchObject({ verdict: 'healthy' });
  });
});
