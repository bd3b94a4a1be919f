// First: the local platform must be installed before the app's code loads @forge/api.
import { AlertWorld, type Received } from '../support/alert-world';
import { fakeDateOnly } from '../support/clock';
import { ADMIN_KEY, ORG, item, startAdminApi, type AdminApiDouble } from '../support/admin-api';
import type { OrgToken } from '../../src/domain/inventory';
import { inventory, inventorySource, inventorySync } from '../../src/storage/inventory';
import { keys } from '../../src/storage/keys';
import {
  INVENTORY_TIMEOUT_SECONDS,
  INVENTORY_TRIGGER_TIMEOUT_SECONDS,
} from '../../src/scheduler/limits';

/**
 * The inventory sync end to end: the real daily trigger and step consumer on the local Forge
 * runtime, the Admin API double with cursor paging, the Jira double and the alert channels'
 * stand-ins. Only Date is faked, so days pass while sockets and waits run for real.
 */
const T0 = Date.parse('2026-11-23T06:00:00Z');
const DAY = 86_400_000;
const inDays = (d: number) => new Date(T0 + d * DAY).toISOString();
const slackTitles = (r: Received[]) => r.map((m) => String(m.body.text));

describe('the org token inventory sync on the local Forge runtime', () => {
  let api: AdminApiDouble;
  let world: AlertWorld;

  beforeAll(async () => {
    api = await startAdminApi();
  });
  afterAll(() => api.close());

  beforeEach(async () => {
    fakeDateOnly(T0);
    world = await AlertWorld.start([api]);
    api.tokens = Array.from({ length: 120 }, (_, i) => item(i));
    api.keys = [item(9000, { expiresAt: undefined })];
    api.pageSize = 100;
    api.rateLimit(0, 0);
    await configureSource();
  });
  afterEach(async () => {
    await world.stop();
    jest.useRealTimers();
  });

  /** The organisation and its Admin API key, as the setup form stores them. */
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
  const sync = async () => {
    await world.forge.runScheduledTrigger('inventory-trigger');
    await world.forge.drainQueues();
  };
  const tokens = () => world.forge.run(() => inventory.load());
  const state = () => world.forge.run(() => inventory.state());
  const byId = async (id: string): Promise<OrgToken | undefined> =>
    (await tokens()).find((t) => t.id === id);

  it('runs the trigger and each step on functions of their own, with the limits it plans for', () => {
    const fns = world.forge.manifest.functions;
    expect(fns.get('inventory-sync')?.timeoutSeconds).toBe(INVENTORY_TRIGGER_TIMEOUT_SECONDS);
    expect(fns.get('inventory-step')?.timeoutSeconds).toBe(INVENTORY_TIMEOUT_SECONDS);
  });

  it('fans 5,000 tokens out over queued steps and stores each once, with no token value anywhere', async () => {
    api.tokens = Array.from({ length: 5000 }, (_, i) => item(i));
    api.pageSize = 50;
    await sync();
    const stored = await tokens();
    expect(stored).toHaveLength(5001);
    expect(new Set(stored.map((t) => `${t.kind}:${t.id}`)).size).toBe(5001);
    expect(await state()).toMatchObject({ tokens: 5001, error: null, apiRequests: 101 });
    const steps = world.forge.invocations.filter((i) => i.functionKey === 'inventory-step');
    expect(steps.length).toBeGreaterThanOrEqual(2);
    const { values } = world.forge.kvs.dump();
    expect(JSON.stringify(values)).not.toContain(ADMIN_KEY);
    expect(Object.keys(values).filter((k) => k.startsWith('inventory-staged:'))).toEqual([]);
    expect(values[keys.inventorySync('org')]).toBeUndefined();
    expect(values[keys.inventorySyncLease('org')]).toBeUndefined();
  });

  it('syncs an organisation of 50,000 tokens over several steps and stores each once', async () => {
    api.tokens = Array.from({ length: 50_000 }, (_, i) => item(i));
    api.pageSize = 500;
    await sync();
    expect(await state()).toMatchObject({ tokens: 50_001, error: null, apiRequests: 101 });
    const stored = await tokens();
    expect(new Set(stored.map((t) => `${t.kind}:${t.id}`)).size).toBe(50_001);
    const steps = world.forge.invocations.filter((i) => i.functionKey === 'inventory-step');
    expect(steps.length).toBeGreaterThanOrEqual(2);
    await exportsInParts(50_001);
  }, 120_000);

  /**
   * A resolver answers in at most 6 MB of JSON (../shared/FORGE-PLATFORM.md, the tunnel's body
   * limit): a whole export of this many tokens is about 10 MB, so it comes in parts that each fit
   * and together hold every row once; a part past the last is refused in words, not audited.
   */
  async function exportsInParts(total: number) {
    const first = await world.call('exportOrgTokensCsv', {});
    expect(first.parts).toBeGreaterThan(1);
    const rows: string[] = [];
    for (let part = 1; part <= first.parts; part += 1) {
      const answer = await world.answer('exportOrgTokensCsv', { part });
      expect(JSON.stringify(answer).length).toBeLessThan(6_000_000);
      if (!answer.ok) throw new Error(answer.error.message);
      expect(answer.data).toMatchObject({ part, parts: first.parts, rows: total });
      rows.push(...answer.data.csv.split('\r\n').slice(1, -1));
    }
    expect(rows).toHaveLength(total);
    expect(new Set(rows).size).toBe(total);
    const audited = () => JSON.stringify(world.forge.kvs.dump());
    const before = audited();
    const past = await world.answer('exportOrgTokensCsv', { part: first.parts + 1 });
    const message = `There are ${first.parts} parts of this export, so no part ${first.parts + 1}.`;
    expect(past).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message } });
    expect(audited()).toBe(before);
  }

  it('records a token that disappeared between syncs as revoked, with when it was noticed', async () => {
    await sync();
    api.tokens = api.tokens.filter((t) => t.id !== 'tok-3');
    jest.setSystemTime(T0 + DAY);
    await sync();
    expect(await byId('tok-3')).toMatchObject({ revokedNoticedAt: inDays(1) });
    expect(await byId('tok-4')).toMatchObject({ revokedNoticedAt: null });
  });

  it('waits out a 429 in the middle of a sync and still stores the complete listing', async () => {
    api.rateLimit(2, 1, 1);
    await sync();
    expect(await state()).toMatchObject({ tokens: 121, error: null, apiRequests: 5 });
  });

  it('keeps the inventory as it was when a listing fails, says why, and can sync again', async () => {
    await sync();
    await world.forge.run(() => inventorySource.setKey('revoked-admin-key-000000000'));
    api.tokens = [];
    jest.setSystemTime(T0 + DAY);
    await sync();
    expect(await tokens()).toHaveLength(121);
    expect((await tokens()).every((t) => t.revokedNoticedAt === null)).toBe(true);
    const failed = await state();
    expect(failed?.error).toMatch(/answered 401/);
    expect(failed?.error).not.toContain('revoked-admin-key');
    expect(failed?.lastSuccessAt).toBe(inDays(0));
    await world.forge.run(() => inventorySource.setKey(ADMIN_KEY));
    await sync();
    expect(await state()).toMatchObject({ error: null, lastSuccessAt: inDays(1), tokens: 121 });
  });

  it('ignores a redelivered step and refuses a second sync while one is under way', async () => {
    api.pageSize = 10;
    world.forge.queues.duplicateNext(3, 'token-health-inventory');
    await world.forge.runScheduledTrigger('inventory-trigger');
    const second = await world.forge.run(() => inventorySync.get());
    expect(second).toBeDefined();
    await world.forge.runScheduledTrigger('inventory-trigger');
    expect((await world.forge.run(() => inventorySync.get()))?.syncId).toBe(second?.syncId);
    await world.forge.drainQueues();
    expect(await state()).toMatchObject({ tokens: 121, error: null, apiRequests: 13 });
  });

  it('alerts each threshold once, to the admins and to an owner Jira knows, and closes on revocation', async () => {
    await world.everyChannel();
    world.jira.users.add('acc-jira');
    const owner = (id: string) => ({
      id,
      orgId: ORG,
      name: `Owner ${id}`,
      email: `${id}@acme.example`,
    });
    api.tokens = [
      item(1, { label: 'deploy', expiresAt: inDays(20), user: owner('acc-jira') }),
      item(2, { label: 'backup', expiresAt: inDays(10), user: owner('acc-elsewhere') }),
      item(3, { label: 'far', expiresAt: inDays(200) }),
    ];
    api.keys = [];
    await sync();
    await world.forge.drainQueues();
    expect(slackTitles(world.slack)).toEqual(
      [
        'User API token "backup" of Owner acc-elsewhere expires in 10 days (2026-12-03)',
        'User API token "deploy" of Owner acc-jira expires in 20 days (2026-12-13)',
      ].map((t) => expect.stringContaining(t)),
    );
    const issues = [...world.jira.issues.values()];
    expect(issues.map((i) => i.assignee).sort()).toEqual(['acc-jira', null].sort());
    const mailed = world.jira.mails.map((m) => (m.body.to as { users: unknown[] }).users);
    expect(mailed).toContainEqual([{ accountId: 'acc-jira' }]);
    expect(mailed).toContainEqual([]);

    jest.setSystemTime(T0 + DAY / 2);
    await sync();
    await world.forge.drainQueues();
    expect(world.slack).toHaveLength(2);

    api.tokens = api.tokens.filter((t) => t.label !== 'backup');
    jest.setSystemTime(T0 + 7 * DAY);
    await sync();
    await world.forge.drainQueues();
    expect(slackTitles(world.slack).slice(2)).toEqual([
      expect.stringContaining('User API token "deploy" of Owner acc-jira expires in 13 days'),
      expect.stringContaining('Revoked: User API token "backup" of Owner acc-elsewhere is gone'),
    ]);
    const closed = issues.find((i) => i.assignee === null);
    expect(closed?.status.category).toBe('done');
    expect(JSON.stringify(world.slack)).not.toContain(ADMIN_KEY);
  });

  const ownedBy = (id: string) => ({
    id,
    orgId: ORG,
    name: `Owner ${id}`,
    email: `${id}@acme.example`,
  });

  it('looks owners up in Jira in bulk, one request per 100 owners, counted in the step', async () => {
    for (let i = 0; i < 30; i += 1) world.jira.users.add(`acc-${i}`);
    api.tokens = Array.from({ length: 40 }, (_, i) =>
      item(i, { expiresAt: inDays(5), user: ownedBy(`acc-${i}`) }),
    );
    api.keys = [];
    await sync();
    const lookups = world.jira.calls.filter((c) => c.path.startsWith('/rest/api/3/user'));
    expect(lookups).toHaveLength(1);
    expect(lookups[0]?.path).toMatch(/^\/rest\/api\/3\/user\/bulk\?/);
    expect(await state()).toMatchObject({ tokens: 40, error: null, skipped: [] });
  });

  it('stores the complete listing when the owner lookup fails, and says what it skipped', async () => {
    await world.everyChannel();
    world.jira.users.add('acc-jira');
    world.jira.failNext('GET', /^\/rest\/api\/3\/user\/bulk/, 503, {
      errorMessages: ['Service unavailable'],
    });
    api.tokens = [
      item(1, { label: 'deploy', expiresAt: inDays(20), user: ownedBy('acc-jira') }),
      ...Array.from({ length: 200 }, (_, i) => item(100 + i)),
    ];
    api.keys = [];
    await sync();
    await world.forge.drainQueues();
    const stored = await state();
    expect(stored).toMatchObject({ tokens: 201, error: null });
    expect(stored?.skipped).toEqual([
      expect.stringMatching(
        /^owner mail: 1 owner\(s\) could not be looked up in Jira \(Jira answered 503/,
      ),
    ]);
    // The admins still hear about it; only the owner's own mail waits for the next sync.
    expect(slackTitles(world.slack)).toEqual([expect.stringContaining('API token "deploy"')]);
    const mailed = world.jira.mails.map((m) => (m.body.to as { users: unknown[] }).users);
    expect(mailed).not.toContainEqual([{ accountId: 'acc-jira' }]);
  });

  it('stores the complete listing when alerts cannot be queued, leaving them to be decided again at the next sync', async () => {
    await world.stop();
    // Forge's 500 events per minute per install, made small: the alert push is refused.
    world = await AlertWorld.start([api], { eventsPerMinute: 2 });
    await configureSource();
    await world.everyChannel();
    api.tokens = [item(1, { label: 'deploy', expiresAt: inDays(20) })];
    api.keys = [];
    await sync();
    const first = await state();
    expect(first).toMatchObject({ tokens: 1, error: null });
    expect(first?.skipped).toEqual([
      expect.stringMatching(/^alerts: 1 alert\(s\) could not be queued/),
    ]);
    expect((await byId(api.tokens[0]!.id))?.alerted ?? null).toBeNull();
  });
});
