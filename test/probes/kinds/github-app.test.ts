import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { parseIntegrationConfig } from '../../../src/domain/integration-input';
import { parseAppKey } from '../../../src/probes/kinds/github-app-key';
import {
  appKeyPair,
  githubAppDouble,
  githubAppWorld,
  type GithubAppWorld,
} from '../../support/github-app';
import { NOW, check, serialised } from '../../support/probe';
import { sendHtml, startServer, urlOf, type TestServer } from '../../support/server';

const KEY = appKeyPair();
const NOW_S = Math.floor(NOW.getTime() / 1000);

describe('github-app probe', () => {
  let server: TestServer | undefined;
  let world: GithubAppWorld;
  afterEach(async () => server?.close());

  async function serve(extra: Partial<GithubAppWorld> = {}): Promise<void> {
    world = githubAppWorld(KEY.publicKey, () => NOW, extra);
    server = await startServer(githubAppDouble(world));
  }
  const config = (extra: Record<string, unknown> = {}) => ({
    kind: 'github-app',
    baseUrl: urlOf(server),
    appId: '482913',
    ...extra,
  });
  const paths = () => server?.requests.map((r) => `${r.method} ${r.path}`);
  /** Nothing the check learned that opens GitHub shows: the key, the JWT, the minted token. */
  function expectNoSecrets(result: Awaited<ReturnType<typeof check>>): void {
    const text = serialised(result);
    const jwts = (server?.requests ?? []).map((r) => r.headers.authorization?.slice(7) ?? '');
    const keyLines = KEY.pem.split('\n').filter((l) => l && !l.startsWith('-----'));
    for (const secret of [...world.minted, ...jwts, ...keyLines]) {
      expect(text).not.toContain(secret);
    }
  }

  it('check() returns healthy with the app as identity after GitHub verified the JWT, listed the installation and minted a token', async () => {
    await serve();
    const result = await check(config({ account: 'acme' }), KEY.pem);
    expect(result.verdict).toBe('healthy');
    expect(result.identity).toEqual({
      id: '482913',
      username: 'release-bot',
      displayName: 'Release Bot',
    });
    expect(result.message).toMatch(/private key of app release-bot \(482913\)/);
    expect(result.message).toMatch(/installation 61025893 on acme is active/);
    expect(result.facts).toMatchObject({
      app: 'release-bot',
      owner: 'acme',
      installationId: '61025893',
      account: 'acme',
      permissions: 'contents:read, metadata:read',
      expiry: expect.stringMatching(/^never: GitHub App private keys do not expire/),
    });
    expect(result.expiresAt).toBeNull();
    expect(paths()).toEqual([
      'GET /app',
      'GET /app/installations?per_page=100&page=1',
      'POST /app/installations/61025893/access_tokens',
      'DELETE /installation/token',
    ]);
    expect(world.minted).toHaveLength(1);
    expectNoSecrets(result);
  });

  it('revokes the token it minted for the check at once, with the token itself', async () => {
    await serve();
    const result = await check(config({ account: 'acme' }), KEY.pem);
    expect(world.revoked).toEqual(world.minted);
    const revoke = server?.requests.at(-1);
    expect(revoke?.headers.authorization).toBe(`Bearer ${world.minted[0]}`);
    expect(result.message).toMatch(/the token minted for the check was revoked at once$/);
    expect(result.facts).toMatchObject({ checkTokenRevoked: 'yes' });
    expectNoSecrets(result);
  });

  it('stays healthy when the revocation fails, saying the token expires within the hour', async () => {
    await serve({ revokeFails: 503 });
    const result = await check(config({ account: 'acme' }), KEY.pem);
    expect(result.verdict).toBe('healthy');
    expect(world.revoked).toEqual([]);
    expect(result.message).toMatch(
      /the token minted for the check was not revoked \(GitHub answered 503\): it expires within the hour, unused$/,
    );
    expect(result.facts).toMatchObject({ checkTokenRevoked: 'no' });
    expectNoSecrets(result);
  });

  it('signs an RS256 JWT issued 60 s in the past that expires within 10 minutes, for the app id', async () => {
    await serve();
    await check(config(), KEY.pem);
    const jwt = server?.requests[0]?.headers.authorization?.replace(/^Bearer /, '') ?? '';
    expect(decodeProtectedHeader(jwt).alg).toBe('RS256');
    const claims = decodeJwt(jwt);
    expect(claims.iss).toBe('482913');
    expect(claims.iat).toBe(NOW_S - 60);
    expect((claims.exp ?? Infinity) - NOW_S).toBeLessThanOrEqual(600);
    expect(claims.exp).toBeGreaterThan(NOW_S);
    expect(server?.requests[0]?.headers['x-github-api-version']).toBe('2022-11-28');
  });

  it('accepts the key pasted without its line breaks, as a password field leaves it', async () => {
    await serve();
    const result = await check(config(), KEY.pem.replace(/\n/g, ''));
    expect(result.verdict).toBe('healthy');
  });

  it('calls /api/v3/app on GitHub Enterprise Server when the base URL carries /api/v3', async () => {
    await serve({ basePath: '/api/v3' });
    const result = await check(config({ baseUrl: `${urlOf(server)}/api/v3` }), KEY.pem);
    expect(result.verdict).toBe('healthy');
    expect(server?.requests[0]?.path).toBe('/api/v3/app');
  });

  it('asks for a token with only the permissions the integration needs', async () => {
    await serve();
    const result = await check(config({ permissions: 'contents:read' }), KEY.pem);
    expect(result.verdict).toBe('healthy');
    expect(JSON.parse(server?.requests[2]?.body ?? '{}')).toEqual({
      permissions: { contents: 'read' },
    });
    expect(result.facts.permissions).toBe('contents:read');
  });

  it('check() returns rejected "the private key was revoked or the app id is wrong" when GitHub no longer holds the key', async () => {
    await serve({ publicKeys: [appKeyPair().publicKey] });
    const result = await check(config(), KEY.pem);
    expect(result.verdict).toBe('rejected');
    expect(result.message).toMatch(
      /^GitHub answered 401 \(A JSON web token could not be decoded\): the private key was revoked or the app id is wrong/,
    );
    expect(paths()).toEqual(['GET /app']);
    expectNoSecrets(result);
  });

  it('check() returns rejected when no app has the configured id', async () => {
    await serve();
    const result = await check(config({ appId: '999999' }), KEY.pem);
    expect(result.verdict).toBe('rejected');
    expect(result.message).toMatch(/Integration not found.*the app id is wrong/);
  });

  it('check() returns rejected when the expected installation is gone', async () => {
    await serve();
    const result = await check(config({ installationId: '70000001' }), KEY.pem);
    expect(result.verdict).toBe('rejected');
    expect(result.message).toMatch(/no longer lists the installation with id 70000001/);
    expect(result.message).toMatch(/it has: acme \(61025893\)/);
    expect(result.identity?.username).toBe('release-bot');
    expect(world.minted).toEqual([]);
  });

  it('check() returns rejected when the installation disappears between the list and the token', async () => {
    await serve();
    const real = githubAppDouble(world);
    await server?.close();
    server = await startServer((req, res) => {
      if (req.method === 'POST') world.installations = [];
      return real(req, res);
    });
    const result = await check(config(), KEY.pem);
    expect(result.verdict).toBe('rejected');
    expect(result.message).toMatch(
      /^GitHub answered 404 minting a token for installation 61025893 on acme/,
    );
  });

  it('check() returns rejected when the app is installed nowhere', async () => {
    await serve({ installations: [] });
    const result = await check(config(), KEY.pem);
    expect(result.verdict).toBe('rejected');
    expect(result.message).toMatch(/installed nowhere/);
  });

  it('check() finds the expected installation on a later page of the list', async () => {
    const many = Array.from({ length: 130 }, (_, i) => ({
      id: 50000000 + i,
      account: `team-${i}`,
      permissions: { contents: 'read' },
    }));
    await serve({ installations: many });
    const result = await check(config({ account: 'team-120' }), KEY.pem);
    expect(result.verdict).toBe('healthy');
    expect(result.facts.installationId).toBe('50000120');
    expect(paths()?.slice(1, 3)).toEqual([
      'GET /app/installations?per_page=100&page=1',
      'GET /app/installations?per_page=100&page=2',
    ]);
  });

  it('asks which installation is meant when the app has several and none is configured', async () => {
    await serve({
      installations: [
        { id: 1, account: 'acme', permissions: {} },
        { id: 2, account: 'beta', permissions: {} },
      ],
    });
    const result = await check(config(), KEY.pem);
    expect(result.verdict).toBe('unexpected-response');
    expect(result.message).toMatch(
      /several accounts \(acme \(1\), beta \(2\)\): set the installation id or account/,
    );
  });

  it('check() returns locked when the installation is suspended', async () => {
    await serve({
      installations: [
        {
          id: 61025893,
          account: 'acme',
          permissions: { contents: 'read' },
          suspended: { at: '2026-11-20T09:00:00Z', by: 'octo-admin' },
        },
      ],
    });
    const result = await check(config({ account: 'acme' }), KEY.pem);
    expect(result.verdict).toBe('locked');
    expect(result.severity).toBe('critical');
    expect(result.message).toMatch(/suspended by octo-admin on 2026-11-20T09:00:00Z/);
    expect(result.message).toMatch(/Unsuspend/);
    expect(world.minted).toEqual([]);
  });

  it('check() returns insufficient-scope when GitHub refuses permissions the installation was not granted', async () => {
    await serve();
    const result = await check(config({ permissions: 'contents:write, issues:read' }), KEY.pem);
    expect(result.verdict).toBe('insufficient-scope');
    expect(result.message).toMatch(
      /^GitHub answered 422 \(The permissions requested are not granted/,
    );
    expect(result.message).toContain('contents:write, issues:read');
    expect(world.minted).toEqual([]);
  });

  it('check() returns insufficient-scope naming what the minted token lacks', async () => {
    await serve();
    // A GitHub that grants less than was asked for: the token's permissions are what count.
    const real = githubAppDouble(world);
    await server?.close();
    server = await startServer((req, res) => {
      if (req.method === 'POST') req.body = '{}';
      return real(req, res);
    });
    const result = await check(config({ permissions: 'contents:write' }), KEY.pem);
    expect(result.verdict).toBe('insufficient-scope');
    expect(result.message).toMatch(/lacks contents:write \(has read\)/);
    expectNoSecrets(result);
  });

  it('check() returns identity-changed when the key signs for another app than the pinned one', async () => {
    await serve();
    const result = await check(config({ expectedAccountId: 'deploy-bot' }), KEY.pem);
    expect(result.verdict).toBe('identity-changed');
    expect(result.message).toMatch(
      /authenticated as release-bot, not the pinned identity deploy-bot/,
    );
  });

  it('pins by app id as well as by slug', async () => {
    await serve();
    const result = await check(config({ expectedAccountId: '482913' }), KEY.pem);
    expect(result.verdict).toBe('healthy');
  });

  it('check() returns rate-limited until the reset when GitHub has no requests left for the app', async () => {
    await serve({ remaining: 0 });
    const result = await check(config(), KEY.pem);
    expect(result.verdict).toBe('rate-limited');
    expect(result.retryAfterSeconds).toBe(3600);
    expect(result.severity).toBe('unknown');
  });

  it('check() returns unreachable when nothing listens at the base URL', async () => {
    await serve();
    const url = urlOf(server);
    await server?.close();
    server = undefined;
    const result = await check({ kind: 'github-app', baseUrl: url, appId: '482913' }, KEY.pem);
    expect(result.verdict).toBe('unreachable');
  });

  it('check() returns unexpected-response when a proxy answers the installation list with HTML', async () => {
    await serve();
    const real = githubAppDouble(world);
    await server?.close();
    server = await startServer((req, res) =>
      req.path.startsWith('/app/installations')
        ? sendHtml(res, 200, '<html><title>Sign in</title></html>')
        : real(req, res),
    );
    const result = await check(config(), KEY.pem);
    expect(result.verdict).toBe('unexpected-response');
    expect(result.message).toMatch(
      /^GitHub answered 200 with an HTML page where JSON was expected/,
    );
  });

  it('says the clock is off, not the key, when GitHub disputes the JWT times', async () => {
    world = githubAppWorld(KEY.publicKey, () => new Date(NOW.getTime() - 3_600_000));
    server = await startServer(githubAppDouble(world));
    const result = await check(config(), KEY.pem);
    expect(result.verdict).toBe('unexpected-response');
    expect(result.message).toMatch(/'Issued at' claim.*clock is off, and the key was not judged/);
  });
});

describe('github-app secret and config', () => {
  const refusal = (raw: string) => {
    const parsed = parseAppKey(raw);
    return parsed.ok ? null : parsed.error;
  };

  it('refuses a public key pasted instead of the private one', () => {
    const spki = KEY.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const pkcs1 = KEY.publicKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    for (const pem of [spki, pkcs1]) {
      expect(refusal(pem)).toMatch(/public key or certificate .*not the app’s private key/);
    }
    expect(refusal('ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ ci@host')).toMatch(/SSH public key/);
  });

  it('refuses a malformed or cut-short PEM, and text that is no PEM', () => {
    const cut = KEY.pem.slice(0, 400) + KEY.pem.slice(-30);
    expect(refusal(cut)).toMatch(/damaged or cut short/);
    expect(refusal(KEY.pem.replace(/[A-Za-z]{8}/, '!!!!!!!!'))).toMatch(/damaged or cut short/);
    expect(refusal('ghp_16C7e42F292c6912E7710c838347Ae178B4a')).toMatch(/not a PEM private key/);
    expect(refusal('  ')).toMatch(/empty/);
  });

  it('refuses keys GitHub never issues: a passphrase-locked one, or one that is not RSA', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(refusal(ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())).toMatch(
      /RSA key, this one is ec/,
    );
    const locked = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
      cipher: 'aes-256-cbc',
      passphrase: 'x',
    });
    expect(refusal(locked.toString())).toMatch(/passphrase/);
  });

  it('takes the PKCS#8 form and `\\n` escapes from an environment variable', () => {
    const pkcs8 = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(parseAppKey(pkcs8).ok).toBe(true);
    expect(parseAppKey(KEY.pem.replace(/\n/g, '\\n')).ok).toBe(true);
    const parsed = parseAppKey(KEY.pem);
    expect(parsed.ok && createPublicKey(parsed.secret).asymmetricKeyType).toBe('rsa');
  });

  it('refuses an app id, installation id, account or permission list GitHub would not accept', () => {
    const parse = (extra: Record<string, unknown>) =>
      parseIntegrationConfig({ kind: 'github-app', appId: '482913', ...extra });
    expect(parse({}).ok).toBe(true);
    expect(parseIntegrationConfig({ kind: 'github-app' })).toMatchObject({
      ok: false,
      errors: { appId: expect.stringMatching(/App ID is required/) },
    });
    for (const appId of ['release-bot', '12 34', '-1', '0123', 'Iv23liAcme']) {
      expect(parse({ appId })).toMatchObject({
        ok: false,
        errors: { appId: expect.stringMatching(/^must be a number/) },
      });
    }
    expect(parse({ installationId: 'acme' }).ok).toBe(false);
    expect(parse({ account: 'acme/repo' }).ok).toBe(false);
    expect(parse({ permissions: 'contents:read, issues:write' }).ok).toBe(true);
    for (const permissions of ['contents', 'contents:owner', 'contents:read;issues:write']) {
      expect(parse({ permissions })).toMatchObject({
        ok: false,
        errors: { permissions: expect.stringMatching(/name:level pairs/) },
      });
    }
  });
});
