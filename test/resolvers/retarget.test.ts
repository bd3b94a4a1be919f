// First: the local platform must be installed before the app's code loads @forge/api.
import { call, data, startAdminApp } from './support';
import type { LocalForge } from '../../local/forge-runtime';
import type { IntegrationConfig } from '../../src/domain/integration';
import type { IntegrationRecord } from '../../src/domain/schedule';
import { RETARGETED } from '../../src/domain/target';
import type { ChannelInput } from '../../src/resolvers/contract';
import { inventorySource } from '../../src/storage/inventory';
import { answering, type TestServer } from '../support/server';

type Aim = (url: string) => IntegrationConfig;

interface Row {
  kind: string;
  /** The config aimed at one server; only where the secret goes differs between A and B. */
  aim: Aim;
  secret: string;
  /** A kept grant is never tested before saving: testing would spend its refresh token. */
  testable: boolean;
}

const plain = (kind: string, suffix: string): string => `${kind}-secret-${suffix}-0123456789`;
const OBSERVED = JSON.stringify({ accessToken: 'oauth-access-token-retarget-0001' });
const KEPT = JSON.stringify({
  clientId: 'client-retarget',
  clientSecret: 'client-secret-retarget-0001',
  refreshToken: 'refresh-token-retarget-0001',
});

/** Every kind, each aimed at a server by the field that decides where its secret goes. */
const ROWS: Row[] = [
  {
    kind: 'atlassian-api-token',
    aim: (url) => ({ kind: 'atlassian-api-token', username: 'bot@acme.example', baseUrl: url }),
    secret: plain('atlassian', 'a'),
    testable: true,
  },
  {
    kind: 'atlassian-admin-api-key',
    aim: (url) => ({ kind: 'atlassian-admin-api-key', orgId: 'org-1', baseUrl: url }),
    secret: plain('admin', 'b'),
    testable: true,
  },
  {
    kind: 'atlassian-oauth2 (observe: the API host)',
    aim: (url) => ({ kind: 'atlassian-oauth2', mode: 'observe', baseUrl: url }),
    secret: OBSERVED,
    testable: true,
  },
  {
    kind: 'atlassian-oauth2 (keep: the token endpoint)',
    aim: (url) => ({ kind: 'atlassian-oauth2', mode: 'keep', tokenUrl: `${url}/oauth/token` }),
    secret: KEPT,
    testable: false,
  },
  {
    kind: 'datacenter-pat',
    aim: (url) => ({ kind: 'datacenter-pat', baseUrl: url }),
    secret: plain('pat', 'c'),
    testable: true,
  },
  {
    kind: 'bitbucket-datacenter-token',
    aim: (url) => ({ kind: 'bitbucket-datacenter-token', baseUrl: url }),
    secret: plain('bbdc', 'd'),
    testable: true,
  },
  {
    kind: 'bitbucket-cloud-api-token',
    aim: (url) => ({ kind: 'bitbucket-cloud-api-token', baseUrl: url }),
    secret: plain('bbc', 'e'),
    testable: true,
  },
  {
    kind: 'github-token',
    aim: (url) => ({ kind: 'github-token', baseUrl: url }),
    secret: plain('ghp', 'f'),
    testable: true,
  },
  {
    kind: 'gitlab-token',
    aim: (url) => ({ kind: 'gitlab-token', baseUrl: url }),
    secret: plain('glpat', 'g'),
    testable: true,
  },
  {
    kind: 'slack-token',
    aim: (url) => ({ kind: 'slack-token', baseUrl: url }),
    secret: plain('xoxb', 'h'),
    testable: true,
  },
  {
    kind: 'http',
    aim: (url) => ({ kind: 'http', url: `${url}/health` }),
    secret: plain('http', 'i'),
    testable: true,
  },
  {
    kind: 'scim-directory-key',
    aim: (url) => ({ kind: 'scim-directory-key', baseUrl: url, directoryId: 'dir-1' }),
    secret: plain('scim', 'j'),
    testable: true,
  },
];

describe('a stored secret only goes where it was entered for', () => {
  let a: TestServer;
  let b: TestServer;
  let forge: LocalForge;

  beforeAll(async () => {
    // What they answer does not matter: only who is asked, and with what.
    a = await answering(200, { ok: true });
    b = await answering(200, { ok: true });
    forge = await startAdminApp([a, b]);
  });
  afterAll(async () => {
    await forge.stop();
    await Promise.all([a.close(), b.close()]);
  });
  beforeEach(() => {
    a.requests.length = 0;
    b.requests.length = 0;
  });

  const refusal = async (key: 'updateIntegration' | 'testIntegration', payload: unknown) => {
    const answer = await call(forge, key, payload);
    return answer.ok ? answer : answer.error;
  };
  const stored = (id: string) => forge.kvs.get(`integration:${id}`) as IntegrationRecord;
  const latestAudit = async () => (await data(forge, 'getAuditLog', {})).entries[0]?.detail;
  const hostOf = (server: TestServer) => new URL(server.url).host;

  it.each(ROWS)(
    '$kind: aimed elsewhere, the stored secret is refused and nothing is sent',
    async ({ aim, secret, testable }) => {
      const { id } = await data(forge, 'createIntegration', { config: aim(a.url), secret });
      const before = stored(id);
      const retargeted = { code: 'BAD_INPUT', fields: { secret: RETARGETED } };

      expect(await refusal('testIntegration', { id, config: aim(b.url) })).toMatchObject(
        retargeted,
      );
      expect(await refusal('updateIntegration', { id, config: aim(b.url) })).toMatchObject(
        retargeted,
      );
      expect(b.requests).toEqual([]);
      expect(stored(id)).toEqual(before);
      expect(forge.kvs.getSecret(`secret:${id}`)).toBe(secret);

      // Typed again, it may go there: whoever typed it knows it already.
      if (testable) await data(forge, 'testIntegration', { id, config: aim(b.url), secret });
      const updated = await data(forge, 'updateIntegration', { id, config: aim(b.url), secret });
      expect(updated.secretFingerprint).toBe(before.secretFingerprint);
      expect(stored(id).config).toEqual(aim(b.url));
      expect(await latestAudit()).toContain(`host ${hostOf(a)} → ${hostOf(b)}`);
    },
  );

  it.each(ROWS)(
    '$kind: a name, schedule or expiry edit keeps the stored secret',
    async ({ aim, secret }) => {
      const { id } = await data(forge, 'createIntegration', { config: aim(a.url), secret });
      const config = {
        ...aim(a.url),
        name: 'Renamed',
        warnDays: [9, 3],
        expiresAt: new Date(Date.now() + 40 * 86_400_000).toISOString(),
        expectedAccountId: 'acc-1',
      };
      const updated = await data(forge, 'updateIntegration', { id, config, interval: '6h' });
      expect(updated).toMatchObject({ name: 'Renamed', interval: '6h' });
      expect(forge.kvs.getSecret(`secret:${id}`)).toBe(secret);
      expect(b.requests).toEqual([]);
    },
  );

  it.each<[string, IntegrationConfig, (c: IntegrationConfig) => IntegrationConfig, string]>([
    [
      'a header of their naming',
      { kind: 'http', url: 'A/health' },
      (c) => ({ ...c, auth: 'header', headerName: 'X-Leak' }),
      'auth bearer → header',
    ],
    [
      'another header name',
      { kind: 'http', url: 'A/health', auth: 'header', headerName: 'X-Api-Key' },
      (c) => ({ ...c, headerName: 'X-Leak' }),
      'headerName x-api-key → x-leak',
    ],
    [
      'another Basic user',
      { kind: 'http', url: 'A/health', auth: 'basic', username: 'svc' },
      (c) => ({ ...c, username: 'mallory' }),
      'username svc → mallory',
    ],
    [
      'another path on a shared host',
      { kind: 'http', url: 'A/workflows/ours' },
      (c) => ({ ...c, url: c.url?.replace('ours', 'theirs') }),
      '/workflows/ours → ',
    ],
    [
      'another Atlassian site behind the gateway',
      {
        kind: 'atlassian-api-token',
        username: 'bot@acme.example',
        cloudId: 'site-1',
        baseUrl: 'A',
      },
      (c) => ({ ...c, cloudId: 'site-2' }),
      'cloudId site-1 → site-2',
    ],
    [
      'another organisation',
      { kind: 'atlassian-admin-api-key', orgId: 'org-1', baseUrl: 'A' },
      (c) => ({ ...c, orgId: 'org-2' }),
      'orgId org-1 → org-2',
    ],
  ])('sending it as %s on the same server needs it again', async (_, shape, edit, change) => {
    const config = JSON.parse(JSON.stringify(shape).replaceAll('"A', `"${a.url}`));
    const secret = plain('how', 'j');
    const { id } = await data(forge, 'createIntegration', { config, secret });
    const edited = edit(config);
    for (const key of ['testIntegration', 'updateIntegration'] as const) {
      expect(await refusal(key, { id, config: edited })).toMatchObject({
        fields: { secret: RETARGETED },
      });
    }
    expect(a.requests).toEqual([]);
    await data(forge, 'updateIntegration', { id, config: edited, secret });
    expect(await latestAudit()).toContain(change);
  });

  it('drops the tokens a kept grant rotated when its target changes, even with the secret typed again', async () => {
    const row = ROWS.find((r) => r.kind.startsWith('atlassian-oauth2 (keep'))!;
    const { id } = await data(forge, 'createIntegration', {
      config: row.aim(a.url),
      secret: row.secret,
    });
    forge.kvs.setSecret(`grant:${id}`, { refreshToken: 'rotated-by-a', seed: 'x' });
    await data(forge, 'updateIntegration', { id, config: { ...row.aim(a.url), name: 'Kept' } });
    expect(forge.kvs.getSecret(`grant:${id}`)).toEqual({ refreshToken: 'rotated-by-a', seed: 'x' });
    await data(forge, 'updateIntegration', { id, config: row.aim(b.url), secret: row.secret });
    expect(forge.kvs.getSecret(`grant:${id}`)).toBeUndefined();
  });
});

describe('a stored channel key or inventory key only goes where it was entered for', () => {
  let a: TestServer;
  let b: TestServer;
  let forge: LocalForge;
  const SIGNING_KEY = `whsec_${Buffer.from('retarget-signing-key-0123456789ab').toString('base64')}`;
  const HOOK = { name: 'Receiver', enabled: true, role: 'primary', digest: false };
  const ORG = '0a1b2c3d-4e5f-6789-abcd-ef0123456789';
  const KEY = 'ATCTT3xFfGN0-retarget-admin-key-0001';
  const NEW_KEY = 'ATCTT3xFfGN0-retarget-admin-key-0002';

  beforeAll(async () => {
    a = await answering(200, { data: { id: ORG, attributes: { name: 'Acme' } } });
    b = await answering(200, { data: { id: ORG, attributes: { name: 'Acme' } } });
    forge = await startAdminApp([a, b]);
  });
  afterAll(async () => {
    await forge.stop();
    await Promise.all([a.close(), b.close()]);
  });

  const latestAudit = async () => (await data(forge, 'getAuditLog', {})).entries[0]?.detail;
  const sawKey = (server: TestServer, key: string) =>
    server.requests.some((r) => JSON.stringify(r).includes(key));

  it('a webhook keeps its signing key for its receiver: a new URL needs the key again, even to test-send', async () => {
    const hook = (server: TestServer) => ({ ...HOOK, type: 'webhook', url: `${server.url}/hook` });
    const saved = await data(forge, 'saveChannel', {
      config: hook(a),
      secret: SIGNING_KEY,
    } as ChannelInput);
    const { id } = saved.config;

    const moved = await call(forge, 'saveChannel', { id, config: hook(b) } as ChannelInput);
    expect(moved).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', fields: { secret: RETARGETED } },
    });
    expect(await data(forge, 'listChannels', {})).toEqual([saved]);
    // The test send goes where the key was entered for, never to the address just refused.
    expect(await data(forge, 'sendTestAlert', { id })).toMatchObject({ ok: true });
    expect([a.requests.length, b.requests]).toEqual([1, []]);

    const renamed = { ...hook(a), name: 'Renamed' };
    await data(forge, 'saveChannel', { id, config: renamed } as ChannelInput);
    await data(forge, 'saveChannel', { id, config: hook(b), secret: SIGNING_KEY } as ChannelInput);
    expect(await latestAudit()).toContain(`host ${new URL(a.url).host} → ${new URL(b.url).host}`);
  });

  it('a key entered for the org inventory goes to its Admin API, not where an edit aimed its monitor', async () => {
    await forge.run(async () => {
      await inventorySource.setKey(KEY);
      await inventorySource.save({
        orgId: ORG,
        baseUrl: a.url,
        keyFingerprint: '…0001',
        maxLifetimeDays: null,
        unusedDays: null,
      });
    });
    const source = { orgId: ORG, maxLifetimeDays: null, unusedDays: null };
    const set = await data(forge, 'saveInventorySource', { ...source, apiKey: KEY });
    const id = set.source!.integrationId!;
    const monitor = forge.kvs.get(`integration:${id}`) as IntegrationRecord;
    expect(monitor.config.baseUrl).toBe(a.url);

    // Another org is another target: the stored key is not sent about it.
    expect(await call(forge, 'saveInventorySource', { ...source, orgId: 'org-2' })).toMatchObject({
      ok: false,
      error: { fields: { apiKey: expect.any(String) } },
    });
    // An admin aims the monitor elsewhere, with a secret of their own as they must…
    const elsewhere = { ...monitor.config, baseUrl: b.url };
    await data(forge, 'updateIntegration', { id, config: elsewhere, secret: 'their-own-junk-key' });
    // …then another admin rotates the inventory's key: it follows the source, not that edit.
    await data(forge, 'saveInventorySource', { ...source, apiKey: NEW_KEY });
    expect((forge.kvs.get(`integration:${id}`) as IntegrationRecord).config.baseUrl).toBe(a.url);
    await data(forge, 'checkNow', { id });
    expect(sawKey(a, NEW_KEY)).toBe(true);
    expect(sawKey(b, NEW_KEY) || sawKey(b, KEY)).toBe(false);
  });
});
