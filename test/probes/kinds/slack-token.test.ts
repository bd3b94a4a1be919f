import { check, serialised } from '../../support/probe';
import {
  answering,
  bearerToken,
  sendJson,
  startServer,
  urlOf,
  type Handler,
  type TestServer,
} from '../../support/server';

const BOT_TOKEN = 'xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy';
const AUTH_TEST = {
  ok: true,
  url: 'https://acme.slack.com/',
  team: 'Acme Corp',
  user: 'jira-alerts',
  team_id: 'T12345678',
  user_id: 'U0AB12CDE',
  bot_id: 'B0ABCDEF1',
  is_enterprise_install: false,
};
const SLACK_HEADERS = {
  'X-OAuth-Scopes': 'chat:write,channels:read',
  'X-Accepted-OAuth-Scopes': '',
  'X-Slack-Req-Id': 'a1b2c3d4e5f6',
};

/** Slack's auth.test: HTTP 200 whatever happens; `ok` and `error` carry the outcome. */
function slack(answer: object = AUTH_TEST): Handler {
  return (req, res) => {
    if (req.path !== '/api/auth.test')
      return sendJson(res, 404, { ok: false, error: 'unknown_method' });
    if (bearerToken(req) !== BOT_TOKEN)
      return sendJson(res, 200, { ok: false, error: 'invalid_auth' });
    sendJson(res, 200, answer, SLACK_HEADERS);
  };
}

const failing = (error: string, extra: object = {}): Handler =>
  slack({ ok: false, error, warning: 'superfluous_charset', ...extra });

describe('slack-token probe', () => {
  let server: TestServer | undefined;
  afterEach(async () => server?.close());

  const config = () => ({ kind: 'slack-token', baseUrl: urlOf(server) });

  it('check() returns healthy with the user, team and scopes when Slack answers ok:true', async () => {
    server = await startServer(slack());
    const result = await check(config(), BOT_TOKEN);
    expect(result.verdict).toBe('healthy');
    expect(result.identity).toEqual({
      id: 'U0AB12CDE',
      username: 'jira-alerts',
      displayName: 'Acme Corp',
    });
    expect(result.facts).toEqual({
      team: 'Acme Corp',
      teamId: 'T12345678',
      url: 'https://acme.slack.com/',
      botId: 'B0ABCDEF1',
      scopes: 'chat:write,channels:read',
    });
    const sent = server.requests[0];
    expect([sent?.method, sent?.path, sent?.body]).toEqual(['POST', '/api/auth.test', '']);
    expect(sent?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(sent?.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
  });

  it('check() keeps a rotating token healthy and reports its 12-hour lifetime only as a fact', async () => {
    server = await startServer(slack({ ...AUTH_TEST, expires_in: 43_200 }));
    const result = await check(config(), BOT_TOKEN);
    expect(result.verdict).toBe('healthy');
    expect(result.expiresAt).toBeNull();
    expect(result.facts.rotatingTokenExpiresAt).toBe('2026-11-24T00:00:00.000Z');
  });

  it('check() returns rejected when Slack answers 200 with ok:false invalid_auth', async () => {
    server = await startServer(slack());
    const result = await check(config(), 'xoxb-0000-0000-revokedorwrong');
    expect(result.verdict).toBe('rejected');
    expect(result.message).toMatch(/^Slack answered invalid_auth/);
  });

  it.each([
    { error: 'not_authed', verdict: 'rejected', says: 'no token reached Slack' },
    { error: 'token_revoked', verdict: 'rejected', says: 'reinstall the app' },
    { error: 'token_expired', verdict: 'rejected', says: 'the app that owns it must refresh it' },
    // A deactivated user or a deleted workspace: no new token helps until an admin acts.
    { error: 'account_inactive', verdict: 'locked', says: 'a Slack admin must act' },
    { error: 'no_permission', verdict: 'insufficient-scope', says: 'ask a Slack admin' },
    { error: 'ratelimited', verdict: 'rate-limited', says: 'Slack is rate-limiting us' },
    // A code this check does not know is named, never guessed at.
    { error: 'ekm_access_denied', verdict: 'unexpected-response', says: '"ekm_access_denied"' },
  ])('check() returns $verdict when Slack answers 200 ok:false $error', async (row) => {
    server = await startServer(failing(row.error));
    const result = await check(config(), BOT_TOKEN);
    expect(result.verdict).toBe(row.verdict);
    expect(result.message).toContain(row.says);
  });

  // A hostile or broken service must not reach Object.prototype through the code table.
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    'check() treats the error code "%s" as an unknown code, not a property of Object',
    async (error) => {
      server = await startServer(failing(error));
      const result = await check(config(), BOT_TOKEN);
      expect(result.verdict).toBe('unexpected-response');
      expect(result.severity).toBeDefined();
      expect(result.message).toContain(`"${error}", which this check does not know`);
      expect(serialised(result)).not.toMatch(/function|native code|undefined/);
    },
  );

  it('check() returns insufficient-scope naming the needed scope when Slack answers missing_scope', async () => {
    server = await startServer(
      failing('missing_scope', { needed: 'users:read', provided: 'chat:write' }),
    );
    const result = await check(config(), BOT_TOKEN);
    expect(result.verdict).toBe('insufficient-scope');
    expect(result.message).toContain('needs users:read');
  });

  it('check() returns unexpected-response when a JSON answer has no ok field (wrong base URL)', async () => {
    server = await answering(200, { status: 'up' });
    const result = await check(config(), BOT_TOKEN);
    expect(result.verdict).toBe('unexpected-response');
  });

  it('check() never puts the token into its result, even when Slack echoes it', async () => {
    server = await startServer((req, res) =>
      sendJson(res, 200, {
        ok: false,
        error: 'invalid_auth',
        token: BOT_TOKEN,
        echoed: req.headers.authorization,
      }),
    );
    const result = await check(config(), BOT_TOKEN);
    expect(result.verdict).toBe('rejected');
    expect(serialised(result)).not.toContain(BOT_TOKEN);
    expect(serialised(result)).toContain('[redacted]');
  });
});
