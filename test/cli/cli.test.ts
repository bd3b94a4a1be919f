import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { main, type CliIo } from '../../src/cli/main';
import type { FetchLike } from '../../src/http/client';
import { appKeyPair, githubAppDouble, githubAppWorld } from '../support/github-app';
import {
  SA_SITE,
  SERVICE_ACCOUNT,
  startAtlassianServiceAccounts,
} from '../support/atlassian-service-accounts';
import { DC_SERVICE_ACCOUNT, startDatacenterOauth2 } from '../support/datacenter-oauth2';
import { NOW, daysFromNow } from '../support/probe';
import { basicAuth, sendJson, startServer, type TestServer } from '../support/server';
import { dayFromToday } from '../support/clock';

const TOKEN = 'ATATT3xFfGF0-cli-secret-7781';
const APP_KEY = appKeyPair();
const EMAIL = 'bot@acme.example';

let server: TestServer;
let dir: string;
beforeAll(async () => {
  server = await startServer((req, res) => {
    const auth = basicAuth(req);
    if (auth?.password !== TOKEN)
      return sendJson(res, 401, { errorMessages: ['Client must be authenticated'] });
    sendJson(res, 200, { accountId: 'acc-1', displayName: 'CI Bot' });
  });
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'th-cli-'));
});
afterAll(async () => {
  await server.close();
  await fs.rm(dir, { recursive: true, force: true });
});

async function writeConfig(name: string, config: unknown): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, typeof config === 'string' ? config : JSON.stringify(config));
  return file;
}

async function run(argv: string[], secret: string | null = TOKEN) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    env: secret === null ? {} : { TOKEN_HEALTH_SECRET: secret },
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    fetch: globalThis.fetch as unknown as FetchLike,
    now: () => NOW,
  };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const jira = (extra: Record<string, unknown> = {}) => ({
  kind: 'atlassian-api-token',
  name: 'CI bot',
  baseUrl: server.url,
  username: EMAIL,
  ...extra,
});

describe('token-health probe', () => {
  it('prints one JSON object with verdict, severity, expiresAt, identity and message, and exits 0 when healthy', async () => {
    const file = await writeConfig('ok.json', jira());
    const { code, out } = await run(['probe', file, '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json).toMatchObject({
      verdict: 'healthy',
      severity: 'ok',
      expiresAt: null,
      identity: { id: 'acc-1', displayName: 'CI Bot' },
    });
    expect(typeof json.message).toBe('string');
  });

  it('exits 1 for a warning: the token expires in 10 days', async () => {
    const expiresAt = daysFromNow(10).toISOString();
    const file = await writeConfig('warn.json', jira({ expiresAt }));
    const { code, out } = await run(['probe', file, '--json']);
    expect(code).toBe(1);
    expect(JSON.parse(out)).toMatchObject({ verdict: 'expiring', severity: 'warning', expiresAt });
  });

  it('exits 2 for a critical verdict and never prints the secret, in text or JSON', async () => {
    const file = await writeConfig('bad.json', jira());
    for (const argv of [
      ['probe', file],
      ['probe', file, '--json'],
    ]) {
      const { code, out, err } = await run(argv, 'ATATT3xFfGF0-revoked-token-0000');
      expect(code).toBe(2);
      expect(out).toContain('rejected');
      expect(out + err).not.toContain('revoked-token-0000');
    }
  });

  it('exits 3 with verdict unreachable when nothing listens at the base URL', async () => {
    const file = await writeConfig('down.json', jira({ baseUrl: 'http://127.0.0.1:9' }));
    const { code, out } = await run(['probe', file, '--json']);
    expect(code).toBe(3);
    expect(JSON.parse(out)).toMatchObject({ verdict: 'unreachable', severity: 'unknown' });
  });

  it('checks Atlassian service account credentials, with the expiry entered in the file, and never prints the client secret', async () => {
    const auth = await startAtlassianServiceAccounts(() => NOW.getTime());
    try {
      const credential = auth.create();
      const file = await writeConfig('sa.json', {
        kind: 'atlassian-service-account',
        baseUrl: auth.url,
        tokenUrl: auth.tokenUrl,
        cloudId: SA_SITE.id,
        expiresAt: daysFromNow(200).toISOString(),
      });
      const { code, out } = await run(['probe', file, '--json'], JSON.stringify(credential));
      expect(code).toBe(0);
      expect(JSON.parse(out)).toMatchObject({
        verdict: 'healthy',
        identity: { id: SERVICE_ACCOUNT.accountId },
        expirySource: 'admin',
      });
      expect(out).not.toContain(credential.clientSecret);
    } finally {
      await auth.close();
    }
  });

  it('checks a Data Center service account and exits 2 once its credentials are revoked', async () => {
    const dc = await startDatacenterOauth2('jira');
    try {
      const credential = dc.create();
      const file = await writeConfig('dc-sa.json', {
        kind: 'datacenter-oauth2-client',
        baseUrl: dc.base,
      });
      const secret = JSON.stringify(credential);
      const ok = await run(['probe', file, '--json'], secret);
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.out)).toMatchObject({
        verdict: 'healthy',
        identity: { username: DC_SERVICE_ACCOUNT.name },
      });
      dc.revoke(credential.clientId);
      const refused = await run(['probe', file], secret);
      expect(refused.code).toBe(2);
      expect(refused.out).not.toContain(credential.clientSecret);
    } finally {
      await dc.close();
    }
  });

  describe('bad input gets one line on stderr, exit 3, and sends nothing', () => {
    const cases: [string, () => Promise<string[]>, string | null, RegExp][] = [
      ['a missing file', async () => ['probe', path.join(dir, 'nope.json')], TOKEN, /no such file/],
      [
        'a file that is not JSON',
        async () => ['probe', await writeConfig('x.json', '{kind:')],
        TOKEN,
        /not valid JSON/,
      ],
      [
        'an unknown kind',
        async () => ['probe', await writeConfig('k.json', { kind: 'jira' })],
        TOKEN,
        /kind must be one of/,
      ],
      [
        'plain http to a remote host',
        async () => [
          'probe',
          await writeConfig('h.json', jira({ baseUrl: 'http://acme.example' })),
        ],
        TOKEN,
        /https/,
      ],
      [
        'a name over its length limit',
        async () => ['probe', await writeConfig('n.json', jira({ name: 'n'.repeat(121) }))],
        TOKEN,
        /name: Name: at most 120 characters/,
      ],
      [
        'no secret in the environment',
        async () => ['probe', await writeConfig('s.json', jira())],
        null,
        /TOKEN_HEALTH_SECRET/,
      ],
      [
        'an OAuth secret that is not JSON',
        async () => ['probe', await writeConfig('o.json', { kind: 'atlassian-oauth2' })],
        'not-json',
        /JSON/,
      ],
      [
        'a rotating Slack token, which lives 12 hours',
        async () => [
          'probe',
          await writeConfig('r.json', { kind: 'slack-token', baseUrl: server.url }),
        ],
        'xoxe.xoxb-1-MS0yLTE3NjUzNjcyNDgx',
        /rotating Slack token .* monitor the refresh token/,
      ],
      [
        'a GitHub App installation token, which lives one hour',
        async () => ['probe', await writeConfig('g.json', { kind: 'github-token' })],
        'ghs_16C7e42F292c6912E7710c838347Ae178B4a',
        /installation token.*lives one hour.*GitHub App kind/,
      ],
      [
        'a GitHub App id that is not a number',
        async () => [
          'probe',
          await writeConfig('a.json', { kind: 'github-app', appId: 'release-bot' }),
        ],
        APP_KEY.pem,
        /appId: must be a number/,
      ],
      [
        'a public key where the GitHub App private key belongs',
        async () => ['probe', await writeConfig('p.json', { kind: 'github-app', appId: '482913' })],
        APP_KEY.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        /public key or certificate .*not the app’s private key/,
      ],
      [
        'a service account client id with spaces',
        async () => [
          'probe',
          await writeConfig('sa-bad.json', {
            kind: 'atlassian-service-account',
            baseUrl: server.url,
            tokenUrl: `${server.url}/oauth/token`,
            cloudId: SA_SITE.id,
            expiresAt: dayFromToday(200),
          }),
        ],
        '{"clientId":"sa client","clientSecret":"ATOA-cli-1"}',
        /clientId must be text without spaces/,
      ],
      [
        'a service account without its cloud id',
        async () => [
          'probe',
          await writeConfig('sa-site.json', { kind: 'atlassian-service-account' }),
        ],
        '{"clientId":"sa-1","clientSecret":"ATOA-cli-1"}',
        /cloudId: the site's Cloud ID is required/,
      ],
      [
        'an expiry date already passed',
        async () => [
          'probe',
          await writeConfig('past.json', jira({ expiresAt: daysFromNow(-1).toISOString() })),
        ],
        TOKEN,
        /past\.json: Expiry date: that date has passed .*enter the day the credential really expires, or leave it empty/,
      ],
      ['an unknown option', async () => ['probe', 'x.json', '--yaml'], TOKEN, /unknown option/],
      ['an unknown command', async () => ['check', 'x.json'], TOKEN, /unknown command/],
    ];
    it.each(cases)('%s', async (_name, argv, secret, expected) => {
      const before = server.requests.length;
      const { code, out, err } = await run(await argv(), secret);
      expect(code).toBe(3);
      expect(out).toBe('');
      expect(err.split('\n')).toHaveLength(1);
      expect(err).toMatch(expected);
      expect(err).not.toMatch(/\n\s+at /);
      expect(server.requests.length).toBe(before);
    });
  });
});

describe('the installed binary', () => {
  const exec = promisify(execFile);
  const root = path.resolve(__dirname, '../..');

  beforeAll(async () => {
    await exec('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root });
  }, 60_000);

  it('runs as `token-health probe <file> --json`, reading the secret from the environment', async () => {
    const file = await writeConfig('bin.json', jira());
    const { stdout } = await exec(
      process.execPath,
      [path.join(root, 'bin/token-health.js'), 'probe', file, '--json'],
      {
        env: { ...process.env, TOKEN_HEALTH_SECRET: TOKEN },
      },
    );
    expect(JSON.parse(stdout)).toMatchObject({ verdict: 'healthy', severity: 'ok' });
  });

  it('exits with the severity status code', async () => {
    const file = await writeConfig('bin-bad.json', jira());
    const failure = await exec(
      process.execPath,
      [path.join(root, 'bin/token-health.js'), 'probe', file],
      {
        env: { ...process.env, TOKEN_HEALTH_SECRET: 'wrong-token-value-123' },
      },
    ).catch((e: { code: number; stdout: string }) => e);
    expect(failure).toMatchObject({ code: 2 });
  });
});

describe('token-health probe for a GitHub App', () => {
  const exec = promisify(execFile);
  const root = path.resolve(__dirname, '../..');
  const keyLines = APP_KEY.pem.split('\n').filter((l) => l && !l.startsWith('-----'));

  it('signs with the private key from the environment and prints the app, never the key or the minted token', async () => {
    const world = githubAppWorld(APP_KEY.publicKey, () => NOW);
    const github = await startServer(githubAppDouble(world));
    try {
      const config = { kind: 'github-app', appId: '482913', account: 'acme', baseUrl: github.url };
      const file = await writeConfig('app.json', config);
      const { code, out } = await run(['probe', file, '--json'], APP_KEY.pem);
      expect(code).toBe(0);
      expect(JSON.parse(out)).toMatchObject({
        verdict: 'healthy',
        identity: { id: '482913', username: 'release-bot' },
      });
      expect(world.minted).toHaveLength(1);
      for (const secret of [...world.minted, ...keyLines]) expect(out).not.toContain(secret);
    } finally {
      await github.close();
    }
  });

  it('runs from the installed binary, where the JWT library is loaded by Node itself', async () => {
    await exec('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root });
    const world = githubAppWorld(APP_KEY.publicKey, () => new Date());
    const github = await startServer(githubAppDouble(world));
    try {
      const config = { kind: 'github-app', appId: '482913', baseUrl: github.url };
      const file = await writeConfig('app-bin.json', config);
      const { stdout } = await exec(
        process.execPath,
        [path.join(root, 'bin/token-health.js'), 'probe', file, '--json'],
        { env: { ...process.env, TOKEN_HEALTH_SECRET: APP_KEY.pem } },
      );
      expect(JSON.parse(stdout)).toMatchObject({ verdict: 'healthy', severity: 'ok' });
    } finally {
      await github.close();
    }
  }, 60_000);
});
