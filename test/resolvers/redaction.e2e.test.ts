// First: the local platform must be installed before the app's code loads @forge/api.
import { call, data, startAdminApp } from './support';
import type { LocalForge } from '../../local/forge-runtime';
import { sendJson, startServer, type TestServer } from '../support/server';

/** Punctuation on purpose: every encoding below changes it. */
const TOKEN = 'ghp_R3d/act+Me=&"<x>_0123';
const CLIENT_SECRET = 'cs/Client+Secret=&Value9';
const REFRESH_TOKEN = 'rt/Refresh+Token=&Value7';
const USER = 'ci-bot@acme.com';

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** The forms issue #12 §4 names: URL, JSON (with \/), HTML, base64 and Basic user:secret. */
function forms(secret: string): string[] {
  return [
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ x: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1).replace(/\//g, '\\/'),
    secret
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/\//g, '&#x2F;'),
    b64(secret),
    b64(secret).replace(/=+$/, ''),
    Buffer.from(secret).toString('base64url'),
    b64(`${USER}:${secret}`),
  ];
}

/** One line holding every form, as a hostile service would echo it. */
const echo = (secret: string) => forms(secret).join(' ');

/** Whatever a string holds, none of the forms of any of the secrets. */
function expectClean(what: unknown): void {
  const text = JSON.stringify(what);
  for (const secret of [TOKEN, CLIENT_SECRET, REFRESH_TOKEN]) {
    for (const form of forms(secret)) {
      // JSON.stringify escapes quotes and backslashes: look for the form both ways.
      expect(text).not.toContain(form);
      expect(text).not.toContain(JSON.stringify(form).slice(1, -1));
    }
  }
}

describe('a service echoing the secret in any encoding', () => {
  let server: TestServer;
  let forge: LocalForge;

  beforeAll(async () => {
    server = await startServer((req, res) => {
      const headers = {
        // Headers carry only visible ASCII: the echo is URL-encoded there, as a redirect would be.
        Location: `${server.url}/login?next=${encodeURIComponent(echo(TOKEN))}`,
        'WWW-Authenticate': `Bearer error="invalid_token", error_description="${b64(`${USER}:${TOKEN}`)} ${encodeURIComponent(TOKEN)}"`,
      };
      if (req.path.startsWith('/oauth/token')) {
        // RFC 6749 §5.2: 400 with error and error_description; this server echoes the form body.
        const description = new URLSearchParams({
          client_secret: CLIENT_SECRET,
          refresh_token: REFRESH_TOKEN,
        }).toString();
        return sendJson(res, 400, {
          error: 'invalid_grant',
          error_description: `${description} ${echo(CLIENT_SECRET)}`,
        });
      }
      if (req.path.startsWith('/basic')) {
        return sendJson(res, 401, { message: echo(TOKEN) }, headers);
      }
      // GitHub's GET /user names the account; this one puts the token in its display name.
      return sendJson(
        res,
        200,
        { login: 'ci-bot', id: 1, name: echo(TOKEN), bio: echo(TOKEN) },
        headers,
      );
    });
    forge = await startAdminApp([server]);
  });
  afterAll(async () => {
    await forge.stop();
    await server.close();
  });

  const configs = () => [
    { config: { kind: 'github-token', name: 'echo', baseUrl: server.url }, secret: TOKEN },
    {
      config: {
        kind: 'http',
        name: 'basic',
        url: `${server.url}/basic`,
        auth: 'basic',
        username: USER,
      },
      secret: TOKEN,
    },
    {
      config: {
        kind: 'atlassian-oauth2',
        name: 'grant',
        mode: 'keep',
        baseUrl: server.url,
        tokenUrl: `${server.url}/oauth/token`,
      },
      secret: JSON.stringify({
        clientId: 'client-1',
        clientSecret: CLIENT_SECRET,
        refreshToken: REFRESH_TOKEN,
      }),
    },
  ];

  it('keeps every form out of the answers, the stored result, the history and the audit', async () => {
    const answers: unknown[] = [];
    for (const input of configs()) {
      answers.push(await call(forge, 'testIntegration', input));
      const { id } = await data(forge, 'createIntegration', input);
      answers.push(await call(forge, 'checkNow', { id }));
      answers.push(await call(forge, 'getIntegration', { id }));
    }
    expect(answers.length).toBe(9);
    expectClean(answers);
    const { values, entities } = forge.kvs.dump();
    expectClean({ values, entities });
    // The forms did reach the probes: the test would prove nothing otherwise.
    const paths = server.requests.map((r) => r.path);
    expect(paths).toEqual(expect.arrayContaining(['/user', '/basic', '/oauth/token']));
    expect(JSON.stringify(answers)).toContain('[redacted]');
  });
});
