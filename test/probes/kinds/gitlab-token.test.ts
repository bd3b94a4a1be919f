import { parseExpiresAt } from '../../../src/probes/kinds/gitlab-token';
import { check, NOW } from '../../support/probe';
import {
  answering,
  neverFinish,
  sendHtml,
  sendJson,
  startServer,
  urlOf,
  type Handler,
  type TestServer,
} from '../../support/server';

const TOKEN = 'glpat-xY9bQ2v7LmN4pR8sT1uW';
const SELF = '/api/v4/personal_access_tokens/self';
const TOKEN_INFO = {
  id: 4,
  name: 'jira-sync',
  revoked: false,
  created_at: '2026-01-23T14:31:47.729Z',
  scopes: ['api'],
  user_id: 24,
  last_used_at: '2026-11-22T17:58:37.550Z',
  active: true,
  expires_at: '2027-06-01',
};
const USER = {
  id: 24,
  username: 'sync-bot',
  name: 'Sync Bot',
  state: 'active',
  email: 'sync-bot@acme.example',
  web_url: 'https://gitlab.acme.example/sync-bot',
};
const INSUFFICIENT_SCOPE = {
  error: 'insufficient_scope',
  error_description: 'The request requires higher privileges than provided by the access token.',
  scope: 'api read_user',
};

/**
 * GitLab's OAuth-style 401, body and WWW-Authenticate alike: lib/api/api_guard.rb
 * (oauth2_bearer_token_error_handler) answers through rack-oauth2's Bearer::Unauthorized, whose
 * default realm is "Protected by OAuth 2.0".
 */
function invalidToken(description: string): Handler {
  return (req, res) =>
    sendJson(
      res,
      401,
      { error: 'invalid_token', error_description: description },
      {
        'WWW-Authenticate': `Bearer realm="Protected by OAuth 2.0", error="invalid_token", error_description="${description}"`,
      },
    );
}

/** GitLab's exact words (lib/api/api_guard.rb: ExpiredError, RevokedError). */
const EXPIRED = 'Token is expired. You can either do re-authorization or token refresh.';
const REVOKED = 'Token was revoked. You have to re-authorize from the user.';

/**
 * Authentication runs before any endpoint (AccessTokenValidationService): a revoked token, or one
 * whose `expires_at` date has come (it stops at the start of that day), never reaches
 * personal_access_tokens/self — GitLab answers 401 invalid_token instead. An unknown token gets
 * the plain `{"message":"401 Unauthorized"}` of Gitlab::Auth::UnauthorizedError.
 */
function refusal(token: Record<string, unknown>): Handler | null {
  if (token.revoked === true) return invalidToken(REVOKED);
  const expires = token.expires_at;
  const today = NOW.toISOString().slice(0, 10);
  return typeof expires === 'string' && expires <= today ? invalidToken(EXPIRED) : null;
}

function gitlab(options: { token?: object; user?: Handler; prefix?: string } = {}): Handler {
  const prefix = options.prefix ?? '';
  const token: Record<string, unknown> = { ...TOKEN_INFO, ...options.token };
  return (req, res) => {
    if (req.headers['private-token'] !== TOKEN) {
      return sendJson(res, 401, { message: '401 Unauthorized' });
    }
    const refused = refusal(token);
    if (refused) return refused(req, res);
    if (req.path === `${prefix}${SELF}`) return sendJson(res, 200, token);
    if (req.path === `${prefix}/api/v4/user`) {
      return options.user ? options.user(req, res) : sendJson(res, 200, USER);
    }
    sendJson(res, 404, { error: '404 Not Found' });
  };
}

describe('gitlab-token probe', () => {
  let server: TestServer | undefined;
  let other: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    await other?.close();
    other = undefined;
  });

  const config = (extra: Record<string, unknown> = {}) => ({
    kind: 'gitlab-token',
    baseUrl: urlOf(server),
    ...extra,
  });

  it('check() returns healthy with the owner, token facts and 00:00 UTC expiry when GitLab answers 200', async () => {
    server = await startServer(gitlab());
    const result = await check(config(), TOKEN);
    expect(result.verdict).toBe('healthy');
    expect(result.identity).toEqual({
      id: '24',
      username: 'sync-bot',
      displayName: 'Sync Bot',
      email: 'sync-bot@acme.example',
    });
    expect(result.expiresAt).toBe('2027-06-01T00:00:00.000Z');
    expect(result.expirySource).toBe('service');
    expect(result.facts).toEqual({
      tokenName: 'jira-sync',
      scopes: 'api',
      lastUsedAt: '2026-11-22T17:58:37.550Z',
      createdAt: '2026-01-23T14:31:47.729Z',
    });
    expect(server.requests.map((r) => r.path)).toEqual([SELF, '/api/v4/user']);
    expect(server.requests[0]?.headers['private-token']).toBe(TOKEN);
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('check() keeps the context path of a self-managed GitLab base URL', async () => {
    server = await startServer(gitlab({ prefix: '/gitlab' }));
    const result = await check(config({ baseUrl: `${server.url}/gitlab` }), TOKEN);
    expect(result.verdict).toBe('healthy');
    expect(server.requests[0]?.path).toBe(`/gitlab${SELF}`);
  });

  it('check() returns expiring when the token expires in under a week', async () => {
    server = await startServer(gitlab({ token: { expires_at: '2026-11-30' } }));
    const result = await check(config(), TOKEN);
    expect(result.verdict).toBe('expiring');
    expect(result.daysLeft).toBe(6);
  });

  it('check() stays healthy with the user id when /user answers 403 insufficient_scope', async () => {
    server = await startServer(
      gitlab({
        token: { scopes: ['read_repository'], expires_at: null, last_used_at: null },
        user: (req, res) => sendJson(res, 403, INSUFFICIENT_SCOPE),
      }),
    );
    const result = await check(config(), TOKEN);
    expect(result.verdict).toBe('healthy');
    expect(result.identity).toEqual({ id: '24' });
    expect(result.expiresAt).toBeNull();
    expect(result.facts).toMatchObject({ scopes: 'read_repository', lastUsedAt: 'never' });
  });

  it('check() stays healthy with the user id when /user never finishes answering', async () => {
    server = await startServer(gitlab({ user: (req, res) => neverFinish(res) }));
    const result = await check(config(), TOKEN);
    expect(result.verdict).toBe('healthy');
    expect(result.identity).toEqual({ id: '24' });
    expect(result.evidence[1]?.error).toMatch(/no answer/);
  });

  it("check() returns rejected with GitLab's reason when a revoked token gets 401 invalid_token", async () => {
    server = await startServer(gitlab({ token: { revoked: true, active: false } }));
    const result = await check(config(), TOKEN);
    expect(result.verdict).toBe('rejected');
    expect(result.message).toContain(`(${REVOKED.replace(/\.$/, '')})`);
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    ['passed', '2026-11-20'],
    ['today', '2026-11-23'],
  ])(
    'check() returns expired, not rejected, when a token whose expiry date %s gets 401 "Token is expired"',
    async (_when, expiresAt) => {
      server = await startServer(gitlab({ token: { expires_at: expiresAt } }));
      const result = await check(config(), TOKEN);
      expect(result.verdict).toBe('expired');
      expect(result.severity).toBe('critical');
      expect(result.message).toMatch(/^GitLab answered 401 \(Token is expired\. You can either/);
      expect(result.message).toMatch(/expired: create a new token/);
      expect(server.requests).toHaveLength(1);
    },
  );

  it('check() returns rejected when GitLab answers 401 invalid_token for another reason', async () => {
    server = await startServer(invalidToken('Bad Access Token.'));
    const result = await check(config(), TOKEN);
    expect(result.verdict).toBe('rejected');
    expect(result.message).toMatch(/^GitLab answered 401 \(Bad Access Token\):/);
  });

  // GitLab refuses such tokens before the endpoint runs (see the double), so these bodies are
  // never seen in practice; the probe still reads them right if a version ever sends them.
  it('check() returns rejected should GitLab ever describe the token as revoked', async () => {
    server = await answering(200, { ...TOKEN_INFO, revoked: true, active: false });
    const result = await check(config(), TOKEN);
    expect(result.verdict).toBe('rejected');
    expect(result.message).toMatch(/revoked/);
  });

  it('check() returns expired should GitLab ever describe the token as inactive past its expiry date', async () => {
    server = await answering(200, { ...TOKEN_INFO, active: false, expires_at: '2026-11-20' });
    const result = await check(config(), TOKEN);
    expect(result.verdict).toBe('expired');
    expect(result.expiresAt).toBe('2026-11-20T00:00:00.000Z');
  });

  it('check() returns rejected when GitLab answers a bare 401 Unauthorized for an unknown token', async () => {
    server = await startServer(gitlab());
    const result = await check(config(), 'glpat-not-a-real-token-0000');
    expect(result.verdict).toBe('rejected');
    expect(result.message).toMatch(/^GitLab answered 401: /);
  });

  it('check() returns insufficient-scope when GitLab answers 403 insufficient_scope', async () => {
    server = await answering(403, INSUFFICIENT_SCOPE);
    const result = await check(config(), TOKEN);
    expect(result.verdict).toBe('insufficient-scope');
    expect(result.message).toContain('requires higher privileges');
  });

  it('check() returns unexpected-response for a 302 to /users/sign_in and never sends the token there', async () => {
    const signIn = await startServer((req, res) => sendHtml(res, 200, '<html>Sign in</html>'));
    other = signIn;
    server = await startServer((req, res) => {
      res.writeHead(302, { Location: `${signIn.url}/users/sign_in` });
      res.end('<html><body>You are being <a href="/users/sign_in">redirected</a>.</body></html>');
    });
    const result = await check(config(), TOKEN);
    expect(result.verdict).toBe('unexpected-response');
    expect(result.message).toMatch(/login page/);
    expect(signIn.requests).toHaveLength(0);
  });

  it('check() returns unexpected-response when an old GitLab answers 404 for personal_access_tokens/self', async () => {
    server = await answering(404, { error: '404 Not Found' });
    const result = await check(config(), TOKEN);
    expect(result.verdict).toBe('unexpected-response');
    expect(result.message).toMatch(/15\.5/);
  });
});

describe('parseExpiresAt', () => {
  it('reads a date-only expiry as 00:00 UTC and refuses anything else', () => {
    expect(parseExpiresAt('2026-12-01')?.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    for (const bad of [null, undefined, '', '2026-02-30', '2026-12-01T00:00:00Z', 20261201]) {
      expect(parseExpiresAt(bad)).toBeNull();
    }
  });
});
