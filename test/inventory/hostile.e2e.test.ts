// First: the local platform must be installed before the app's code loads @forge/api.
import { AlertWorld, type Received } from '../support/alert-world';
import { fakeDateOnly } from '../support/clock';
import { ADMIN_KEY, ORG, item, startAdminApi, type AdminApiDouble } from '../support/admin-api';
import type { OrgToken } from '../../src/domain/inventory';
import { inventory, inventorySource } from '../../src/storage/inventory';
import { keys } from '../../src/storage/keys';
import { STEP_ATTEMPTS } from '../../src/inventory/sync';

/**
 * An organisation listing written to hurt: dates no one can read, labels and names of 300 kB,
 * items of every wrong shape, a links.next that is no link, a step that can never be stored.
 * Through the real daily trigger, step consumer and resolvers on the local Forge runtime.
 */
const T0 = Date.parse('2026-11-23T06:00:00Z');
const DAY = 86_400_000;
const inDays = (d: number) => new Date(T0 + d * DAY).toISOString();
const slackTitles = (r: Received[]) => r.map((m) => String(m.body.text));

describe('a hostile organisation listing', () => {
  let api: AdminApiDouble;
  let world: AlertWorld;

  beforeAll(async () => {
    api = await startAdminApi();
  });
  afterAll(() => api.close());

  beforeEach(async () => {
    fakeDateOnly(T0);
    world = await AlertWorld.start([api]);
    api.tokens = [];
    api.keys = [];
    api.pageSize = 100;
    api.reshape = undefined;
    api.rateLimit(0, 0);
    await configureSource();
  });
  afterEach(async () => {
    await world.stop();
    api.reshape = undefined;
    jest.useRealTimers();
  });

  const configureSource = () =>
    world.forge.run(async () => {
      await inventorySource.save({
        orgId: ORG,
        baseUrl: api.url,
        keyFingerprint: ADMIN_KEY.slice(-4),
        maxLifetimeDays: 365,
        unusedDays: 90,
      });
      await inventorySource.setKey(ADMIN_KEY);
    });

  /** The daily trigger, then every step and alert; a step retried a minute later gets its minute. */
  const sync = async () => {
    await world.forge.runScheduledTrigger('inventory-trigger');
    await drain();
  };
  const drain = async () => {
    for (let i = 0; i < 6; i += 1) {
      const report = await world.forge.drainQueues();
      if (report.pending === 0) return;
      jest.setSystemTime(Math.max(Date.now(), report.nextDueAt ?? 0) + 1_000);
    }
  };
  const tokens = () => world.forge.run(() => inventory.load());
  const byId = async (id: string): Promise<OrgToken | undefined> =>
    (await tokens()).find((t) => t.id === id);
  const leftBehind = () => {
    const { values } = world.forge.kvs.dump();
    return [keys.inventorySync('org'), keys.inventorySyncLease('org')].filter(
      (k) => values[k] !== undefined,
    );
  };

  it('alerts about every other token when one has dates no one can read, and shows those as unknown', async () => {
    await world.everyChannel();
    api.tokens = [
      item(1, { label: 'deploy', expiresAt: inDays(20) }),
      item(2, { label: 'backup', expiresAt: inDays(10) }),
      item(3, {
        label: 'odd',
        createdAt: 'last Tuesday',
        lastActiveAt: 'soon',
        expiresAt: 'never',
      }),
      item(4, { label: 'half', createdAt: '2026-02-30T99:00:00Z', expiresAt: inDays(5) }),
    ];
    await sync();
    const state = await world.forge.run(() => inventory.state());
    expect(state).toMatchObject({ tokens: 4, error: null, skipped: [] });
    expect(slackTitles(world.slack)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('API token "half" of User 4 expires in 5 days'),
        expect.stringContaining('API token "backup" of User 2 expires in 10 days'),
        expect.stringContaining('API token "deploy" of User 1 expires in 20 days'),
      ]),
    );
    expect(world.slack).toHaveLength(3);

    const page = await world.call('listOrgTokens', {});
    // As the page receives it (main's row type had no `unreadable`: the test runs against both).
    const odd = page.rows.find((r) => r.id === 'tok-3') as { unreadable?: string[] } | undefined;
    expect(odd).toMatchObject({ createdAt: null, expiresAt: null, lastActiveAt: null });
    expect(odd?.unreadable?.sort()).toEqual(['createdAt', 'expiresAt', 'lastActiveAt']);
    // Unknown is not "never expires" nor "never used": no flag is raised on a date not known.
    expect(page.rows.find((r) => r.id === 'tok-3')?.flags).toEqual([]);
    const csv = await world.call('exportOrgTokensCsv', {});
    expect(csv.csv.split('\r\n').find((l) => l.startsWith('api-token,odd,'))).toContain(
      'unknown,unknown,unknown',
    );
  });

  it('clips a 300 kB label, name and email where the listing is read, and stores and alerts the rest', async () => {
    await world.everyChannel();
    const huge = 'x'.repeat(300_000);
    api.tokens = [
      item(1, {
        label: `deploy ${huge}`,
        expiresAt: inDays(5),
        user: { id: 'acc-1', orgId: ORG, name: `Ada ${huge}`, email: `${huge}@acme.example` },
      }),
      ...Array.from({ length: 30 }, (_, i) => item(10 + i)),
    ];
    await sync();
    expect(await world.forge.run(() => inventory.state())).toMatchObject({
      tokens: 31,
      error: null,
    });
    const stored = await byId('tok-1');
    expect(stored?.label.length).toBeLessThanOrEqual(200);
    expect(stored?.label).toMatch(/^deploy x+…$/);
    expect(stored?.owner.name.length).toBeLessThanOrEqual(200);
    expect(stored?.owner.email.length).toBeLessThanOrEqual(254);
    expect(slackTitles(world.slack)).toEqual([expect.stringContaining('API token "deploy xxx')]);
    expect(leftBehind()).toEqual([]);
  });

  it('reads items of every wrong shape without throwing, and says how many were no tokens', async () => {
    const longId = 'i'.repeat(1000);
    api.tokens = [item(1)];
    api.reshape = (page, url) => ({
      ...page,
      data: url.pathname.endsWith('/api-keys')
        ? page.data
        : [
            ...page.data,
            null,
            42,
            'tok-x',
            [],
            { id: 7 },
            { id: '' },
            {
              id: 'odd-1',
              user: null,
              status: 5,
              label: { text: 'x' },
              createdAt: 12345,
              expiresAt: ['2027-01-01'],
              lastActiveAt: {},
            },
            { id: 'odd-2', user: 'someone', owner: [1], createdBy: 3, label: 'a\u202eb\nc' },
            { id: longId, label: 'long 1' },
            { id: `${longId}2`, label: 'long 2' },
          ],
    });
    await sync();
    const state = await world.forge.run(() => inventory.state());
    expect(state).toMatchObject({ tokens: 5, error: null });
    expect(state?.skipped).toEqual([
      'listing: 6 listed item(s) had no readable id and are not in the inventory',
    ]);
    expect(await byId('odd-1')).toMatchObject({
      label: '',
      owner: { id: '', name: '', email: '' },
      status: 'ALLOWED',
      createdAt: null,
      expiresAt: null,
    });
    expect((await byId('odd-2'))?.label).toBe('a b c');
    const long = (await tokens()).filter((t) => t.label.startsWith('long'));
    expect(long).toHaveLength(2);
    expect(new Set(long.map((t) => t.id)).size).toBe(2);
    expect(long.every((t) => t.id.length <= 128)).toBe(true);
  });

  it('refuses a links.next that is no link instead of taking a part of the listing for all of it', async () => {
    api.tokens = Array.from({ length: 150 }, (_, i) => item(i));
    await sync();
    expect(await tokens()).toHaveLength(150);
    api.reshape = (page) => ({
      ...page,
      links: { ...page.links, next: page.links.next ? 100 : undefined },
    });
    jest.setSystemTime(T0 + DAY);
    await sync();
    const state = await world.forge.run(() => inventory.state());
    expect(state?.error).toMatch(/links\.next is not a link/);
    expect(state?.lastSuccessAt).toBe(inDays(0));
    expect((await tokens()).filter((t) => t.revokedNoticedAt !== null)).toEqual([]);
    expect(leftBehind()).toEqual([]);
  });

  it('ends a run whose step keeps failing with a reason the page shows, and frees its lease', async () => {
    await world.stop();
    // A platform that gives each event three attempts: the step ends its run on the last one.
    world = await AlertWorld.start([api], { maxRetries: STEP_ATTEMPTS - 1 });
    await configureSource();
    api.tokens = [item(1)];
    await world.forge.runScheduledTrigger('inventory-trigger');
    // KVS refuses the step's staged chunk on every attempt (a 400 is not retried).
    world.forge.kvs.failNext(STEP_ATTEMPTS, { status: 400, code: 'BAD_REQUEST', op: 'batch/set' });
    await drain();
    const info = await world.call('getInventory', {});
    expect(info.sync.running).toBeNull();
    expect(info.sync.error).toMatch(
      new RegExp(`^the sync stopped: step 1 failed ${STEP_ATTEMPTS} times \\(.+\\)$`),
    );
    expect(JSON.stringify(info)).not.toContain(ADMIN_KEY);
    expect(leftBehind()).toEqual([]);
    // Nothing waits for the lease's hour: the next sync starts and succeeds at once.
    await sync();
    expect(await world.forge.run(() => inventory.state())).toMatchObject({
      tokens: 1,
      error: null,
    });
  });
});
