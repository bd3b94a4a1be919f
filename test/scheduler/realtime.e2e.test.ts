import { record, seed, statusOf, sweep } from '../support/app';
import type { LocalForge, RealtimeEvent } from '../../local/forge-runtime';
import { basicAuth, sendJson, startServer, type TestServer } from '../support/server';
import { data, MAIL_CHANNEL, startAdminApp } from '../resolvers/support';
import { CHANGES_CHANNEL } from '../../src/domain/live';

/**
 * Stored changes announced over Forge Realtime (Preview), through the real handlers on the local
 * runtime: what reaches a global subscriber of the changes channel, and when.
 */
const SECRET = 'tok-revoked-9f3c2a';

describe('stored changes announced over Forge Realtime', () => {
  let jira: TestServer;
  let forge: LocalForge;
  let heard: { event: RealtimeEvent; markerThen: unknown }[];

  beforeAll(async () => {
    // Jira refusing the token, as it answers a revoked API token.
    jira = await startServer((req, res) =>
      basicAuth(req)?.password === SECRET
        ? sendJson(
            res,
            401,
            { errorMessages: ['Client must be authenticated'] },
            { 'X-Seraph-LoginReason': 'AUTHENTICATED_FAILED' },
          )
        : sendJson(res, 404, {}),
    );
  });
  afterAll(() => jira.close());

  beforeEach(async () => {
    forge = await startAdminApp([jira]);
    heard = [];
    forge.realtime.subscribe(CHANGES_CHANNEL, true, (event) =>
      heard.push({ event, markerThen: forge.kvs.get('changed:integrations') }),
    );
  });
  afterEach(() => forge.stop());

  const seedRevoked = () =>
    seed(forge, [
      {
        record: record('r', {
          kind: 'atlassian-api-token',
          baseUrl: jira.url,
          username: 'bot@acme.example',
        }),
        secret: SECRET,
      },
    ]);

  it('announces a sweep check from the check consumer, once its result is stored', async () => {
    await seedRevoked();
    await sweep(forge);
    expect((await statusOf(forge, 'r'))?.last?.verdict).toBe('rejected');
    const fromCheck = heard.filter((h) => h.event.publishedBy === 'check');
    expect(fromCheck.length).toBeGreaterThanOrEqual(1);
    for (const { event } of fromCheck) {
      expect(JSON.parse(event.payload)).toEqual({ area: 'integrations' });
      expect(event.global).toBe(true);
    }
    // Announced after the store: a page reloading on the event reads the new marker.
    expect(fromCheck.at(-1)?.markerThen).toBe(forge.kvs.get('changed:integrations'));
  });

  it('carries the area only: no secret, id or verdict in any event', async () => {
    await seedRevoked();
    await sweep(forge);
    expect(heard.length).toBeGreaterThan(0);
    for (const { event } of heard) {
      expect(Object.keys(JSON.parse(event.payload))).toEqual(['area']);
      expect(event.payload).not.toContain(SECRET);
    }
  });

  it('announces changes made on the page: settings in the overview, channels in alerts', async () => {
    await data(forge, 'saveSettings', { warnDays: [10], defaultInterval: '5m' });
    await data(forge, 'saveChannel', { config: MAIL_CHANNEL });
    expect(heard.map((h) => [h.event.publishedBy, JSON.parse(h.event.payload)])).toEqual([
      ['resolver', { area: 'integrations' }],
      ['resolver', { area: 'alerts' }],
    ]);
  });

  it('stores the check all the same when the realtime service is down', async () => {
    await seedRevoked();
    forge.realtime.failNext(100);
    await sweep(forge);
    expect((await statusOf(forge, 'r'))?.last?.verdict).toBe('rejected');
    expect(forge.kvs.get('changed:integrations')).toEqual(expect.any(String));
    expect(heard.filter((h) => h.event.publishedBy === 'check')).toEqual([]);
    expect(forge.queues.failed).toEqual([]);
  });

  it('goes on announcing after a publish that hangs, without waiting for it to answer', async () => {
    forge.realtime.stallNext(1, 60_000);
    await data(forge, 'saveChannel', { config: MAIL_CHANNEL });
    expect(heard).toEqual([]);
    // A later change, once the hung publish has been given up (5 s), is heard at once: before,
    // it queued behind the hung one for as long as that took (here a minute).
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    await data(forge, 'saveChannel', { config: { ...MAIL_CHANNEL, name: 'Mail again' } });
    const areas = heard.map((h) => JSON.parse(h.event.payload).area);
    expect(areas).toContain('alerts');
  }, 30_000);
});
