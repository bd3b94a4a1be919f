import { BadInputError } from '../../../src/probes/engine';
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

/**
 * Slack's auth.test (docs.slack.dev/reference/methods/auth.test): HTTP 200 whatever happens; `ok`
 * and `error` carry the outcome. Its answer names the user, team and bot, never an expiry: there
 * is no `expires_in`, not even for a rotating token.
 */
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

  it('check() returns rejected when Slack answers 200 with ok:false invalid_auth', async () => {
    server = await startServer(slack());
    const result = await check(config(), 'xoxb-0000-0000-revokedorwrong');
    expect(result.verdict).toBe('rejected');
    expect(result.message).toMatch(/^Slack answered invalid_auth/);
  });

  it.each([
    { error: 'not_authed', verdict: 'rejected', says: 'no token reached Slack' },
    { error: 'token_revoked', verdict: 'rejected', says: 'reinstall the app' },
    // Only rotating tokens expire; one stored before rotating tokens were refused ends here.
    { error: 'token_expired', verdict: 'expired', says: 'it was a rotating token' },
    // A deactivated user or a deleted workspace: no new token helps until an admin acts.
    { error: 'account_inactive', verdict: 'locked', says: 'a Slack admin must act' },
    // Slack's error tables: "Administrators have suspended the ability to post a message" (EKM),
    // "The workspace is undergoing an enterprise migration…": people must act, not the token.
    { error: 'ekm_access_denied', verdict: 'locked', says: 'Enterprise Key Management' },
    { error: 'org_login_required', verdict: 'locked', says: 'enterprise migration' },
    { error: 'two_factor_setup_required', verdict: 'locked', says: 'two-factor' },
    { error: 'no_permission', verdict: 'insufficient-scope', says: 'ask a Slack admin' },
    { error: 'ratelimited', verdict: 'rate-limited', says: 'Slack is rate-limiting us' },
    // A code this check does not know is named, never guessed at.
    { error: 'team_added_to_org', verdict: 'unexpected-response', says: '"team_added_to_org"' },
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
  // docs.slack.dev "Using token rotation" and oauth.v2.access: with rotation on, access tokens are
  // `xoxe.xoxb-1-…` / `xoxe.xoxp-1-…` and live 12 hours (expires_in 43200); refresh tokens `xoxe-1-…`.
  it.each([
    ['bot', 'xoxe.xoxb-1-MS0yLTE3NjUzNjcyNDgxLTE5ODc0Njk4MzIz'],
    ['user', 'xoxe.xoxp-1-Mi0yLTE3NjUzNjcyNDgxLTE5ODc0Njk4MzIz'],
  ])(
    'check() refuses a rotating %s token at input, sends nothing and says to monitor the refresh token',
    async (_type, token) => {
      server = await startServer(slack());
      const attempt = check(config(), token);
      await expect(attempt).rejects.toThrow(BadInputError);
      const message = await attempt.catch((err: Error) => err.message);
      expect(message).toMatch(/^this is a rotating Slack token \(xoxe\.\): it expires 12 hours/);
      expect(message).toMatch(/monitor the refresh token/);
      expect(message).not.toContain(token);
      expect(server.requests).toHaveLength(0);
    },
  );

  it('check() refuses a refresh token at input and never spends it', async () => {
    server = await startServer(slack());
    const refresh = 'xoxe-1-My0xLTE3NjUzNjcyNDgxLTE5ODc0Njk4MzIz';
    const attempt = check(config(), refresh);
    await expect(attempt).rejects.toThrow(/this is a Slack refresh token \(xoxe-\)/);
    expect(server.requests).toHaveLength(0);
  });
});
