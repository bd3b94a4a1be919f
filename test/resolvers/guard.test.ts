// First: the local platform must be installed before the app's code loads @forge/api.
import { ADMIN, call, data, JIRA_FAILS_FOR, MEMBER, startAdminApp, MAIL_CHANNEL } from './support';
import type { LocalForge, ProductRequest } from '../../local/forge-runtime';
import type { ResolverKey } from '../../src/resolvers/contract';
import { handlers } from '../../src/resolvers/handlers';
import { endRun } from '../../src/inventory/sync';
import { inventorySync } from '../../src/storage/inventory';
import { bearerToken, sendJson, startServer, type TestServer } from '../support/server';

const TOKEN = 'ghp_guardTestToken000000000000000001';
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/**
 * A payload every resolver would accept from an admin, so a refusal can only be the guard's.
 * Typed by ResolverKey: a new resolver without a sample here does not compile.
 */
function samples(
  id: string,
  url: string,
  channelId = 'channel-x',
  keyId = 'key-x',
): Record<ResolverKey, unknown> {
  const input = { config: { kind: 'github-token', name: 'CI bot', baseUrl: url }, secret: TOKEN };
  return {
    getOverview: {},
    getIntegration: { id },
    createIntegration: input,
    updateIntegration: { ...input, id },
    testIntegration: input,
    deleteIntegration: { id },
    checkNow: { id },
    setPaused: { id, paused: true },
    snooze: { id, until: '2099-01-01T00:00:00.000Z' },
    markRevoked: { id, revokedAt: '2020-01-01T00:00:00.000Z' },
    getSettings: {},
    saveSettings: { warnDays: [10], defaultInterval: '5m' },
    getHeartbeat: {},
    saveHeartbeat: { method: 'GET', includeNames: false, successUrl: `${url}/hc/guard-ping-0001` },
    testHeartbeat: {},
    getAuditLog: {},
    listChannels: {},
    saveChannel: { config: MAIL_CHANNEL },
    deleteChannel: { id: 'channel-already-gone' },
    sendTestAlert: { id: channelId },
    getAlertPolicy: {},
    saveAlertPolicy: {
      reminderHours: 24,
      escalateAfterHours: null,
      maintenance: [],
      digestHour: 8,
      digestTimeZone: 'UTC',
    },
    getDeliveryLog: {},
    getInventory: {},
    saveInventorySource: {
      orgId: '0a1b2c3d-4e5f-6789-abcd-ef0123456789',
      apiKey: 'ATCTT3xFfGN0-guard-admin-api-key-0001',
      maxLifetimeDays: 365,
      unusedDays: null,
    },
    deleteInventorySource: {},
    syncInventoryNow: {},
    listOrgTokens: { flags: ['expired'], offset: 0 },
    exportOrgTokensCsv: { kind: 'api-key' },
    findCloudId: { siteUrl: url },
    getChanges: {},
    listConsumerKeys: { integrationId: id },
    createConsumerKey: { integrationId: id, name: 'CI', expiresAt: inDays(30) },
    rotateConsumerKey: { integrationId: id, id: keyId, overlapHours: 1 },
    revokeConsumerKey: { integrationId: id, id: keyId },
  };
}

describe('the admin guard in front of every resolver', () => {
  let github: TestServer;
  let forge: LocalForge;
  const asked: ProductRequest[] = [];
  let id: string;
  let channelId: string;
  let keyId: string;

  beforeAll(async () => {
    // It also plays a site's public /_edge/tenant_info, which findCloudId reads.
    github = await startServer((req, res) => {
      if (req.path === '/_edge/tenant_info') return sendJson(res, 200, { cloudId: 'cloud-1' });
      if (bearerToken(req) === TOKEN) return sendJson(res, 200, { login: 'ci-bot', id: 1 });
      sendJson(res, 401, { message: 'Bad credentials' });
    });
    forge = await startAdminApp([github], asked);
    ({ id } = await data(forge, 'createIntegration', samples('', github.url).createIntegration));
    ({ id: channelId } = (await data(forge, 'saveChannel', { config: MAIL_CHANNEL })).config);
    const made = await data(forge, 'createConsumerKey', samples(id, github.url).createConsumerKey);
    keyId = made.key.id;
  });
  afterAll(async () => {
    await forge.stop();
    await github.close();
  });

  const keys = () => Object.keys(handlers) as ResolverKey[];

  it('covers every resolver of the contract', () => {
    expect(keys().sort()).toEqual(Object.keys(samples('x', 'y')).sort());
  });

  it.each([
    ['a member without ADMINISTER', MEMBER],
    ['a caller Jira cannot answer for (500: fails closed)', JIRA_FAILS_FOR],
    ['a call with no accountId', null],
  ])('refuses %s on every resolver, storing and probing nothing', async (_who, accountId) => {
    const before = forge.kvs.dump();
    const requests = github.requests.length;
    for (const key of keys()) {
      const answer = await call(forge, key, samples(id, github.url, channelId)[key], accountId);
      expect({ key, answer }).toEqual({
        key,
        answer: { ok: false, error: { code: 'FORBIDDEN', message: expect.any(String) } },
      });
    }
    expect(forge.kvs.dump()).toEqual(before);
    expect(github.requests.length).toBe(requests);
  });

  it('asks Jira as the caller, never as the app', async () => {
    asked.length = 0;
    await call(forge, 'getOverview', {}, MEMBER);
    expect(asked).toEqual([
      expect.objectContaining({
        product: 'jira',
        provider: 'user',
        asUser: MEMBER,
        method: 'GET',
        path: '/rest/api/3/mypermissions?permissions=ADMINISTER',
      }),
    ]);
  });

  it("lets an admin through with the very same payloads, so the refusals were the guard's", async () => {
    // A sync needs the source saved first; deletes go last, so nothing after them finds nothing.
    const first: ResolverKey[] = ['saveInventorySource'];
    const last: ResolverKey[] = ['deleteInventorySource', 'deleteIntegration'];
    const middle = keys().filter((k) => !first.includes(k) && !last.includes(k));
    const order = [...first, ...middle, ...last];
    for (const key of order) {
      const answer = await call(forge, key, samples(id, github.url, channelId, keyId)[key], ADMIN);
      expect({ key, ok: answer.ok }).toEqual({ key, ok: true });
      if (key === 'saveInventorySource') await endSaveSync();
    }
  });

  /** Saving the source started a sync whose step would reach api.atlassian.com: end it unrun. */
  async function endSaveSync(): Promise<void> {
    forge.queues.dropNext('token-health-inventory');
    await forge.run(async () => {
      const run = await inventorySync.get();
      if (run) await endRun(run);
    });
  }
});
