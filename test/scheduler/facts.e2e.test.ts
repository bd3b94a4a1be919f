import type { LocalForge } from '../../local/forge-runtime';
import { record, seed, statusOf, sweep } from '../support/app';
import { fakeDateOnly } from '../support/clock';
import { sendJson, startServer, type TestServer } from '../support/server';
import { data, startAdminApp } from '../resolvers/support';
import { overviewOf } from '../../src/frontend/overview-pages';

/**
 * What a check learned stays known: the sweep end to end on the local Forge runtime, with a
 * GitHub double that first answers with the token's expiry and identity, then goes down.
 */
const T0 = Date.parse('2026-11-23T12:00:00Z');
const DAY = 86_400_000;
const TOKEN = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
const EXPIRES = new Date(T0 + 60 * DAY);
/** GitHub's own format: `2027-01-22 12:00:00 UTC`. */
const expirationHeader = (d: Date) => `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;

describe('facts learned by an earlier check', () => {
  let github: TestServer;
  let forge: LocalForge;
  let down = false;

  beforeAll(async () => {
    github = await startServer((req, res) => {
      if (down) return sendJson(res, 503, { message: 'Service Unavailable' });
      sendJson(
        res,
        200,
        { login: 'ci-bot', id: 5840921, name: 'CI Bot', type: 'User' },
        { 'GitHub-Authentication-Token-Expiration': expirationHeader(EXPIRES) },
      );
    });
  });
  afterAll(() => github.close());

  beforeEach(async () => {
    fakeDateOnly(T0);
    down = false;
    forge = await startAdminApp([github]);
    const config = { kind: 'github-token' as const, name: 'CI bot', baseUrl: github.url };
    await seed(forge, [{ record: record('gh', config, { interval: '1h' }), secret: TOKEN }]);
  });
  afterEach(async () => {
    await forge.stop();
    jest.useRealTimers();
  });

  it('keeps the expiry date and identity when a later check finds the service unreachable', async () => {
    await sweep(forge);
    expect((await statusOf(forge, 'gh'))?.last?.expiresAt).toBe(EXPIRES.toISOString());

    down = true;
    jest.setSystemTime(T0 + DAY);
    await sweep(forge);

    const last = (await statusOf(forge, 'gh'))?.last;
    expect(last).toMatchObject({
      verdict: 'unreachable',
      expiresAt: EXPIRES.toISOString(),
      daysLeft: 59,
      identity: { username: 'ci-bot' },
    });
    const { integrations } = overviewOf(await data(forge, 'getOverview', {}));
    expect(integrations[0]).toMatchObject({ verdict: 'unreachable', daysLeft: 59 });
    expect(Date.parse(integrations[0]?.expiresAt ?? '')).toBe(EXPIRES.getTime());
    const detail = await data(forge, 'getIntegration', { id: 'gh' });
    expect(detail.identity).toMatchObject({ username: 'ci-bot' });
  });
});
