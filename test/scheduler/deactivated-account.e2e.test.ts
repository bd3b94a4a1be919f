import type { LocalForge } from '../../local/forge-runtime';
import { inventorySource } from '../../src/storage/inventory';
import { startAtlassianCloud, type CloudDouble } from '../support/atlassian-cloud';
import { record, seed, startApp, statusOf, sweep } from '../support/app';
import { call, startAdminApp } from '../resolvers/support';

/**
 * A deactivated Atlassian account's token answers 401 like a revoked one (ACCESS-1816). When an
 * org inventory is configured, the app's real handlers tell the probe so, and the message sends
 * the admin to the Organisation tokens tab, where the two can be told apart.
 */
const EMAIL = 'ci-bot@acme.example';
const TOKEN = 'ATATT3xFfGF0-Dv4Kp8Zw2Nh6Qs-0001';
const ACCOUNT = '5b10ac8d82e05b22cc7d4ef5';
const ADMIN_KEY = 'ATCTT3xFfGN0-inventory-key-0001';

describe('a deactivated Atlassian account on the local Forge runtime', () => {
  let cloud: CloudDouble;
  let forge: LocalForge | undefined;

  beforeAll(async () => {
    cloud = await startAtlassianCloud([
      { email: EMAIL, token: TOKEN, accountId: ACCOUNT, displayName: 'CI bot' },
    ]);
    cloud.state.deactivated.add(ACCOUNT);
  });
  afterAll(() => cloud.server.close());
  afterEach(async () => forge?.stop());

  const config = () => ({
    kind: 'atlassian-api-token' as const,
    baseUrl: cloud.server.url,
    username: EMAIL,
  });
  const configureInventory = (app: LocalForge) =>
    app.run(async () => {
      await inventorySource.save({
        orgId: 'org-1',
        keyFingerprint: ADMIN_KEY.slice(-4),
        maxLifetimeDays: null,
        unusedDays: null,
      });
      await inventorySource.setKey(ADMIN_KEY);
    });

  it('reports rejected, not locked, and names the Organisation tokens tab when an inventory is configured', async () => {
    forge = await startApp([cloud.server]);
    await configureInventory(forge);
    await seed(forge, [{ record: record('a', config()), secret: TOKEN }]);
    await sweep(forge);
    const last = (await statusOf(forge, 'a'))?.last;
    expect(last?.verdict).toBe('rejected');
    expect(last?.message).toContain('deactivated');
    expect(last?.message).toContain('Organisation tokens tab');
  });

  it('leaves the tab out of the message when no inventory is configured', async () => {
    forge = await startApp([cloud.server]);
    await seed(forge, [{ record: record('a', config()), secret: TOKEN }]);
    await sweep(forge);
    const last = (await statusOf(forge, 'a'))?.last;
    expect(last?.verdict).toBe('rejected');
    expect(last?.message).toContain('deactivated');
    expect(last?.message).not.toContain('Organisation tokens');
  });

  it('still checks when reading whether an inventory is configured fails', async () => {
    forge = await startApp([cloud.server]);
    await configureInventory(forge);
    await seed(forge, [{ record: record('a', config()), secret: TOKEN }]);
    await forge.runScheduledTrigger('sweep-trigger');
    forge.kvs.failNext(1, { status: 500, op: 'get' });
    await forge.drainQueues();
    expect(forge.kvs.requests.some((r) => r.op === 'get' && r.status === 500)).toBe(true);
    expect((await statusOf(forge, 'a'))?.last?.verdict).toBe('rejected');
  });

  it('names the Organisation tokens tab in Test before saving when an inventory is configured', async () => {
    forge = await startAdminApp([cloud.server]);
    await configureInventory(forge);
    const answer = await call(forge, 'testIntegration', { config: config(), secret: TOKEN });
    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.data.verdict).toBe('rejected');
    expect(answer.data.message).toContain('Organisation tokens tab');
  });
});
