// First: the local platform must be installed before the app's code loads @forge/api.
import { call, data, startAdminApp } from './support';
import type { LocalForge } from '../../local/forge-runtime';
import type { OrgToken } from '../../src/domain/inventory';
import { daysFrom, orgToken } from '../support/org-tokens';
import { fingerprint } from '../../src/domain/fingerprint';
import { ANY_FINGERPRINT_KEY } from '../support/fingerprint';
import type { InventorySourceInput, ResolverKey } from '../../src/resolvers/contract';
import { endRun } from '../../src/inventory/sync';
import { inventory, inventorySync } from '../../src/storage/inventory';
import { overviewOf } from '../../src/frontend/overview-pages';

const ORG = '0a1b2c3d-4e5f-6789-abcd-ef0123456789';
const KEY = 'ATCTT3xFfGN0-first-admin-api-key-0001';
const NEW_KEY = 'ATCTT3xFfGN0-second-admin-api-key-0002';
/** The resolvers read the real clock, so the seeded dates are relative to it. */
const inDays = (n: number) => daysFrom(new Date(), n);

const SOURCE: InventorySourceInput = {
  orgId: ORG,
  apiKey: KEY,
  maxLifetimeDays: 365,
  unusedDays: 90,
};

const token = (id: string, over: Partial<OrgToken> = {}) => orgToken(id, over);

const LATER = inDays(200);

/** One token per flag, bar `expiring` and `no-expiry`, which two of them also carry. */
const SEEDED: OrgToken[] = [
  token('fine', { expiresAt: LATER }),
  token('soon', { expiresAt: inDays(5) }),
  token('gone', { expiresAt: inDays(-2.5), label: '=HYPERLINK("http://evil")' }),
  token('forever', {
    kind: 'api-key',
    expiresAt: null,
    owner: { id: 'acc-g', name: 'Grace Hopper', email: 'grace@navy.example' },
  }),
  token('idle', { createdAt: inDays(-400), lastActiveAt: inDays(-200), expiresAt: inDays(100) }),
  token('blocked', { status: 'BLOCKED', expiresAt: LATER }),
  token('revoked', { revokedNoticedAt: inDays(-1) }),
];

describe('the org token inventory resolvers', () => {
  let forge: LocalForge;
  const answers: unknown[] = [];

  /** Every answer is kept, to prove none of them ever held the key. */
  async function ok<K extends ResolverKey>(key: K, payload: unknown) {
    const answer = await data(forge, key, payload);
    answers.push(answer);
    return answer;
  }

  const seed = (tokens: OrgToken[]) =>
    forge.run(() =>
      inventory.save(tokens, {
        lastSyncAt: inDays(0),
        lastSuccessAt: inDays(0),
        error: null,
        apiRequests: 2,
      }),
    );

  beforeEach(async () => {
    answers.length = 0;
    forge = await startAdminApp([]);
  });
  afterEach(async () => {
    expect(JSON.stringify(answers)).not.toContain(KEY);
    expect(JSON.stringify(answers)).not.toContain(NEW_KEY);
    await forge.stop();
  });

  it('refuses bad input naming the fields, and stores nothing', async () => {
    const cases: [ResolverKey, unknown, string[]][] = [
      ['saveInventorySource', {}, ['orgId', 'apiKey']],
      ['saveInventorySource', { ...SOURCE, orgId: '  ' }, ['orgId']],
      ['saveInventorySource', { ...SOURCE, orgId: 'acme org/../x' }, ['orgId']],
      ['saveInventorySource', { ...SOURCE, apiKey: 'too-short' }, ['apiKey']],
      ['saveInventorySource', { ...SOURCE, apiKey: `${KEY} ${KEY}` }, ['apiKey']],
      ['saveInventorySource', { ...SOURCE, maxLifetimeDays: 0 }, ['maxLifetimeDays']],
      ['saveInventorySource', { ...SOURCE, unusedDays: 1.5 }, ['unusedDays']],
      ['saveInventorySource', { ...SOURCE, unusedDays: 3651 }, ['unusedDays']],
      ['saveInventorySource', { ...SOURCE, maxLifetimeDays: '90' }, ['maxLifetimeDays']],
      ['listOrgTokens', { flags: ['stale'] }, ['flags']],
      ['listOrgTokens', { offset: -1 }, ['offset']],
      ['exportOrgTokensCsv', { kind: 'pat' }, ['kind']],
      ['exportOrgTokensCsv', { part: 0 }, ['part']],
      ['exportOrgTokensCsv', { part: '2' }, ['part']],
      ['exportOrgTokensCsv', { part: 1.5 }, ['part']],
      ['exportOrgTokensCsv', { part: 2 }, ['part']],
    ];
    for (const [key, payload, fields] of cases) {
      const before = forge.kvs.dump();
      const answer = await call(forge, key, payload);
      answers.push(answer);
      const got = answer.ok
        ? answer
        : { code: answer.error.code, fields: Object.keys(answer.error.fields ?? {}).sort() };
      expect({ key, payload, got }).toEqual({
        key,
        payload,
        got: { code: 'BAD_INPUT', fields: [...fields].sort() },
      });
      expect(forge.kvs.dump()).toEqual(before);
    }
  });

  it('stores the key only as secrets and monitors it with an integration it creates, then updates', async () => {
    const first = await ok('saveInventorySource', SOURCE);
    const id = first.source?.integrationId;
    expect(first.source).toEqual({
      orgId: ORG,
      keyFingerprint: fingerprint(KEY, ANY_FINGERPRINT_KEY),
      maxLifetimeDays: 365,
      unusedDays: 90,
      integrationId: expect.any(String),
    });
    expect(forge.kvs.getSecret('inventory-source-key')).toBe(KEY);
    expect(forge.kvs.getSecret(`secret:${id}`)).toBe(KEY);
    expect(JSON.stringify(forge.kvs.dump().values)).not.toContain(KEY);
    const monitor = await ok('getIntegration', { id });
    expect(monitor.config).toEqual({
      kind: 'atlassian-admin-api-key',
      name: 'Organisation tokens: Admin API key',
      orgId: ORG,
    });

    const second = await ok('saveInventorySource', {
      ...SOURCE,
      apiKey: NEW_KEY,
      maxLifetimeDays: null,
    });
    expect(second.source).toMatchObject({
      keyFingerprint: fingerprint(NEW_KEY, ANY_FINGERPRINT_KEY),
      maxLifetimeDays: null,
      integrationId: id,
    });
    expect(forge.kvs.getSecret(`secret:${id}`)).toBe(NEW_KEY);
    expect(overviewOf(await ok('getOverview', {})).integrations).toHaveLength(1);

    // Without a key the stored one stays, and so does the integration.
    const third = await ok('saveInventorySource', { ...SOURCE, apiKey: undefined });
    expect(third.source?.keyFingerprint).toBe(fingerprint(NEW_KEY, ANY_FINGERPRINT_KEY));
    expect(forge.kvs.getSecret('inventory-source-key')).toBe(NEW_KEY);

    const audit = await ok('getAuditLog', {});
    expect(audit.entries.map((e) => e.action)).toEqual([
      'save-inventory-source',
      'save-inventory-source',
      'update',
      'save-inventory-source',
      'create',
    ]);
    expect(JSON.stringify(audit)).not.toContain(KEY.slice(0, -4));
  });

  it('creates the monitoring integration afresh if the admin deleted it', async () => {
    const first = await ok('saveInventorySource', SOURCE);
    await ok('deleteIntegration', { id: first.source?.integrationId });
    const again = await ok('saveInventorySource', { ...SOURCE, apiKey: undefined });
    const id = again.source?.integrationId;
    expect(id).not.toBe(first.source?.integrationId);
    expect(forge.kvs.getSecret(`secret:${id}`)).toBe(KEY);
  });

  it('asks for a new key when the organisation changes', async () => {
    await ok('saveInventorySource', SOURCE);
    const before = forge.kvs.dump();
    const answer = await call(forge, 'saveInventorySource', { ...SOURCE, apiKey: '', orgId: 'o2' });
    expect(answer).toMatchObject({ ok: false, error: { fields: { apiKey: expect.any(String) } } });
    expect(forge.kvs.dump()).toEqual(before);
  });

  it('lists tokens most urgent first, filtered, with counts over the whole inventory', async () => {
    await ok('saveInventorySource', SOURCE);
    await seed(SEEDED);

    const page = await ok('listOrgTokens', {});
    expect(page.rows.map((r) => r.id)).toEqual([
      'gone',
      'soon',
      'idle',
      // Same expiry: by label.
      'blocked',
      'fine',
      'forever',
      'revoked',
    ]);
    expect(page.counts).toEqual({
      all: 7,
      expiring: 1,
      expired: 1,
      'no-expiry': 1,
      'long-lifetime': 2,
      unused: 1,
      blocked: 1,
      revoked: 1,
    });
    expect(page.rows[0]).toMatchObject({
      flags: ['expired'],
      daysLeft: -3,
      revokeUrl: `https://admin.atlassian.com/o/${ORG}/user-api-tokens`,
    });
    expect(page.rows[0]).not.toHaveProperty('alerted');
    expect(page.sync).toMatchObject({ tokens: 7, error: null });

    const ids = async (filter: object) => (await ok('listOrgTokens', filter)).rows.map((r) => r.id);
    expect(await ids({ flags: ['long-lifetime'] })).toEqual(['idle', 'forever']);
    expect(await ids({ flags: ['long-lifetime', 'unused'] })).toEqual(['idle']);
    expect(await ids({ owner: 'NAVY' })).toEqual(['forever']);
    expect(await ids({ kind: 'api-key' })).toEqual(['forever']);
    const filtered = await ok('listOrgTokens', { flags: ['expired'] });
    expect(filtered).toMatchObject({ total: 1, counts: { all: 7 } });
  });

  it('flags expiring tokens by the warning days of the settings', async () => {
    await ok('saveInventorySource', SOURCE);
    await seed([token('t', { expiresAt: inDays(20) })]);
    expect((await ok('listOrgTokens', {})).rows[0]?.flags).toEqual(['expiring']);
    await ok('saveSettings', { warnDays: [10], defaultInterval: '1h' });
    expect((await ok('listOrgTokens', {})).rows[0]?.flags).toEqual([]);
  });

  it('pages 50 rows at a time', async () => {
    await ok('saveInventorySource', SOURCE);
    await seed(Array.from({ length: 55 }, (_, i) => token(`t${String(i).padStart(2, '0')}`)));
    const first = await ok('listOrgTokens', {});
    expect(first).toMatchObject({ total: 55, pageSize: 50 });
    expect(first.rows).toHaveLength(50);
    const second = await ok('listOrgTokens', { offset: 50 });
    expect(second.rows.map((r) => r.id)).toEqual(['t50', 't51', 't52', 't53', 't54']);
  });

  it('exports the filtered tokens as formula-safe CSV', async () => {
    await ok('saveInventorySource', SOURCE);
    await seed(SEEDED);
    const csv = await ok('exportOrgTokensCsv', { flags: ['expired'] });
    expect(csv.filename).toBe(`org-tokens-${new Date().toISOString().slice(0, 10)}.csv`);
    expect(csv.rows).toBe(1);
    const lines = csv.csv.split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(
      'kind,label,owner name,owner email,owner id,created,expires,last active,status,flags,revoked noticed,revoke url',
    );
    expect(lines[1]).toMatch(/^api-token,"'=HYPERLINK\(""http:\/\/evil""\)",Ada Lovelace,/);
    expect(lines[1]).toMatch(/,ALLOWED,expired,,https:\/\/admin\.atlassian\.com\/o\/.+$/);
    expect((await ok('exportOrgTokensCsv', {})).rows).toBe(7);
  });

  it('starts a sync on the first save and on Sync now, refusing a second one meanwhile', async () => {
    const none = await call(forge, 'syncInventoryNow', {});
    expect(none).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });

    const saved = await ok('saveInventorySource', SOURCE);
    expect(saved.sync.running).toEqual({
      startedAt: expect.any(String),
      listed: 0,
      listing: 'api-token',
      progressAt: expect.any(String),
      stuck: false,
    });
    expect(forge.queues.pending('token-health-inventory')).toHaveLength(1);
    const again = await call(forge, 'syncInventoryNow', {});
    expect(again).toEqual({
      ok: false,
      error: { code: 'UNAVAILABLE', message: 'A sync is under way already.' },
    });

    // The queued step would reach api.atlassian.com: drop it and end the run instead.
    forge.queues.dropNext('token-health-inventory');
    await forge.run(async () => endRun((await inventorySync.get())!));
    const started = await ok('syncInventoryNow', {});
    expect(started.sync.running).toEqual({
      startedAt: expect.any(String),
      listed: 0,
      listing: 'api-token',
      progressAt: expect.any(String),
      stuck: false,
    });
    expect((await ok('getInventory', {})).sync.running).not.toBeNull();
  });

  it('removes the source, its key and the inventory, keeping the monitoring integration', async () => {
    const saved = await ok('saveInventorySource', SOURCE);
    await seed(SEEDED);
    const removed = await ok('deleteInventorySource', {});
    expect(removed).toEqual({
      source: null,
      sync: {
        lastSyncAt: null,
        lastSuccessAt: null,
        error: null,
        skipped: [],
        tokens: 0,
        running: null,
      },
    });
    expect(forge.kvs.dump().secrets).toEqual({
      [`secret:${saved.source?.integrationId}`]: KEY,
      // The installation's fingerprint key stays: other secrets' fingerprints are made with it.
      'fingerprint-key': expect.any(String),
    });
    expect(forge.kvs.keys().filter((k) => k.startsWith('inventory'))).toEqual([]);
    expect((await ok('listOrgTokens', {})).counts.all).toBe(0);
    expect(await ok('deleteInventorySource', {})).toEqual(removed);
  });
});
