import type { LocalForge } from '../../local/forge-runtime';
import { keys } from '../../src/storage/keys';
import { record, seed, statusOf, sweep } from '../support/app';
import { fakeDateOnly } from '../support/clock';
import { sendJson, startServer, type TestServer } from '../support/server';
import { data, startAdminApp } from '../resolvers/support';

/**
 * A check's evidence is written once, with its history entry; the status leaves it out (KVS is
 * billed by the bytes written and read) and the detail view still shows it. The sweep end to
 * end on the local Forge runtime, against a GitHub double whose answer changes between checks.
 */
const T0 = Date.parse('2026-11-23T12:00:00Z');
const HOUR = 3_600_000;
const TOKEN = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';

describe('the evidence of the last check', () => {
  let github: TestServer;
  let forge: LocalForge;
  let login = 'ci-bot';

  beforeAll(async () => {
    // GET /user answers the authenticated user (docs.github.com/en/rest/users/users).
    github = await startServer((req, res) =>
      sendJson(res, 200, { login, id: 5840921, name: 'CI Bot', type: 'User' }),
    );
  });
  afterAll(() => github.close());

  beforeEach(async () => {
    fakeDateOnly(T0);
    forge = await startAdminApp([github]);
    const config = { kind: 'github-token' as const, name: 'CI bot', baseUrl: github.url };
    await seed(forge, [{ record: record('gh', config, { interval: '1h' }), secret: TOKEN }]);
  });
  afterEach(async () => {
    await forge.stop();
    jest.useRealTimers();
  });

  const historyEntries = () =>
    forge.kvs.keys().filter((k) => k.startsWith(keys.historyPrefix('gh')));

  it('is stored in the history entry only, and the detail shows the newest check’s', async () => {
    await sweep(forge);
    login = 'ci-bot-renamed';
    jest.setSystemTime(T0 + HOUR);
    await sweep(forge);

    expect((await statusOf(forge, 'gh'))?.last).not.toHaveProperty('evidence');
    expect(historyEntries()).toHaveLength(2);
    const detail = await data(forge, 'getIntegration', { id: 'gh' });
    expect(detail.evidence).toHaveLength(1);
    expect(detail.evidence[0]?.excerpt).toContain('ci-bot-renamed');
    expect(detail.evidence).toEqual(detail.history[0]?.evidence);
  });
});
