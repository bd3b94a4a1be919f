import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main, type CliIo } from '../../src/cli/main';
import type { FetchLike } from '../../src/http/client';
import { startAtlassianApi, startOidcProvider, type OidcProvider } from '../support/oidc/provider';
import { NOW } from '../support/probe';
import type { TestServer } from '../support/server';

describe('token-health probe with a kept OAuth grant', () => {
  let oidc: OidcProvider;
  let api: TestServer;
  let dir: string;
  beforeAll(async () => {
    oidc = await startOidcProvider();
    api = await startAtlassianApi(oidc, () => [
      { id: 'cloud-1', name: 'acme', url: 'https://acme.atlassian.net' },
    ]);
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'th-cli-oauth-'));
  });
  afterAll(async () => {
    await api.close();
    await oidc.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function run(argv: string[], secret: string) {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      env: { TOKEN_HEALTH_SECRET: secret },
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      fetch: globalThis.fetch as unknown as FetchLike,
      now: () => NOW,
    };
    return { code: await main(argv, io), out: out.join('\n'), err: err.join('\n') };
  }

  it('saves the rotated refresh token to --grant-file and reuses it on the next run without refreshing again', async () => {
    const refreshToken = await oidc.mintRefreshToken('cli-keep');
    const secret = JSON.stringify({
      clientId: oidc.client.id,
      clientSecret: oidc.client.secret,
      refreshToken,
    });
    const config = path.join(dir, 'oauth.json');
    const grantFile = path.join(dir, 'grant.json');
    await fs.writeFile(
      config,
      JSON.stringify({
        kind: 'atlassian-oauth2',
        baseUrl: api.url,
        tokenUrl: oidc.tokenUrl,
        cloudId: 'cloud-1',
      }),
    );
    await oidc.stats({ reset: true });

    const first = await run(['probe', config, '--json', '--grant-file', grantFile], secret);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toMatchObject({ verdict: 'healthy', severity: 'ok' });
    const saved = JSON.parse(await fs.readFile(grantFile, 'utf8')) as { refreshToken: string };
    expect(saved.refreshToken).not.toBe(refreshToken);

    const second = await run(['probe', config, '--json', '--grant-file', grantFile], secret);
    expect(JSON.parse(second.out)).toMatchObject({ verdict: 'healthy' });
    expect(await oidc.stats()).toEqual({ refreshes: 1, errors: [] });
    for (const output of [first.out, second.out, first.err, second.err]) {
      expect(output).not.toContain(refreshToken);
      expect(output).not.toContain(saved.refreshToken);
      expect(output).not.toContain(oidc.client.secret);
    }
  });
});
