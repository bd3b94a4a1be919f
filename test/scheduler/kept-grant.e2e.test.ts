import { record, seed, startApp } from '../support/app';
import type { LocalForge } from '../../local/forge-runtime';
import { runProbe } from '../../src/probes/engine';
import type { FetchLike } from '../../src/http/client';
import { KvsGrantStore } from '../../src/storage/grant-store';
import { consumeChecks } from '../../src/scheduler/consumer';
import { DEFAULT_SETTINGS } from '../../src/domain/settings';
import { DEFAULT_ALERT_POLICY } from '../../src/domain/alerts/types';
import { startAtlassianApi, startOidcProvider, type OidcProvider } from '../support/oidc/provider';
import type { TestServer } from '../support/server';

describe('a kept OAuth grant on Forge storage', () => {
  let oidc: OidcProvider;
  let api: TestServer;
  let forge: LocalForge;
  beforeAll(async () => {
    oidc = await startOidcProvider();
    api = await startAtlassianApi(oidc, () => [
      { id: 'cloud-1', name: 'acme', url: 'https://acme.atlassian.net' },
    ]);
    forge = await startApp([api, { url: oidc.url }]);
  });
  afterAll(async () => {
    await forge.stop();
    await api.close();
    await oidc.close();
  });

  it('is refreshed exactly once by 20 concurrent checks in separate invocations, with no invalid_grant', async () => {
    const refreshToken = await oidc.mintRefreshToken('forge-lock');
    const secret = JSON.stringify({
      clientId: oidc.client.id,
      clientSecret: oidc.client.secret,
      refreshToken,
    });
    const config = {
      kind: 'atlassian-oauth2' as const,
      baseUrl: api.url,
      tokenUrl: oidc.tokenUrl,
      cloudId: 'cloud-1',
    };
    // A grant is kept only while its integration exists.
    forge.kvs.set('integration:grant-1', record('grant-1', config));
    await oidc.stats({ reset: true });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        forge.run(() =>
          runProbe(config, secret, {
            fetch: globalThis.fetch as unknown as FetchLike,
            now: () => new Date(),
            grants: new KvsGrantStore('grant-1', `holder-${i}`),
          }),
        ),
      ),
    );
    expect(results.map((r) => r.verdict)).toEqual(Array(20).fill('healthy'));
    expect(await oidc.stats()).toEqual({ refreshes: 1, errors: [] });
    const stored = forge.kvs.getSecret('grant:grant-1') as { refreshToken: string };
    expect(stored.refreshToken).not.toBe(refreshToken);
    expect(forge.kvs.get('lock:grant:grant-1')).toBeUndefined();
  });

  it.each([429, 500])(
    'saves the rotated refresh token through a KVS %s on the secret save, so the grant stays alive',
    async (status) => {
      const first = await oidc.mintRefreshToken(`forge-save-${status}`);
      const secret = JSON.stringify({
        clientId: oidc.client.id,
        clientSecret: oidc.client.secret,
        refreshToken: first,
      });
      const config = {
        kind: 'atlassian-oauth2' as const,
        baseUrl: api.url,
        tokenUrl: oidc.tokenUrl,
        cloudId: 'cloud-1',
      };
      const check = (holder: string, now: Date) =>
        forge.run(() =>
          runProbe(config, secret, {
            fetch: globalThis.fetch as unknown as FetchLike,
            now: () => now,
            grants: new KvsGrantStore(`save-${status}`, holder),
          }),
        );
      forge.kvs.set(`integration:save-${status}`, record(`save-${status}`, config));
      await oidc.stats({ reset: true });
      // The first secret write of the check is the save of the rotated refresh token.
      forge.kvs.failNext(1, { status, op: 'secret/set' });
      expect((await check('a', new Date())).verdict).toBe('healthy');
      const stored = forge.kvs.getSecret(`grant:save-${status}`) as { refreshToken: string };
      expect(stored.refreshToken).not.toBe(first);
      // An hour later the access token is spent: the next refresh presents the saved, live token.
      const later = await check('b', new Date(Date.now() + 3_600_000));
      expect(later.verdict).toBe('healthy');
      expect(await oidc.stats()).toEqual({ refreshes: 2, errors: [] });
    },
  );

  it('hands back what a consumer could not start before its deadline, storing nothing for it', async () => {
    await seed(forge, [
      { record: record('late', { kind: 'github-token', baseUrl: api.url }), secret: 'ghp_unused' },
    ]);
    const report = await forge.run(() =>
      consumeChecks(
        { slot: new Date().toISOString(), ids: ['late', 'missing'], reason: 'sweep' },
        {
          fetch: globalThis.fetch as unknown as FetchLike,
          now: () => new Date(),
          settings: DEFAULT_SETTINGS,
          invocationId: 'inv-late',
          remainingMs: () => 1_000,
          alerting: { policy: DEFAULT_ALERT_POLICY, channels: [], adminUrl: '' },
          deliveries: { push: async () => undefined },
          monotonicMs: () => 0,
        },
      ),
    );
    expect(report).toEqual({
      checked: [],
      skipped: ['missing'],
      leftover: ['late'],
      requests: 0,
      phases: { readMs: 0, probeMs: 0, storeMs: 0 },
    });
    expect(forge.kvs.get('status:late')).toBeUndefined();
  });
});
