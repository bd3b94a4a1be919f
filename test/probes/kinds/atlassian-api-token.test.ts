import { answering, basicAuth, sendJson, startServer, type TestServer } from '../../support/server';
import { check, daysFromNow } from '../../support/probe';

const EMAIL = 'ci-bot@acme.example';
const TOKEN = 'ATATT3xFfGF0-live-token-0001';
const ACCOUNT = '5b10ac8d82e05b22cc7d4ef5';

/** Jira Cloud's /myself: 200 with an identity for the right token, 401 + Seraph header otherwise. */
function jiraCloud(options: { validToken?: string; anonymousOk?: boolean } = {}) {
  return startServer((req, res) => {
    const auth = basicAuth(req);
    const good = auth?.user === EMAIL && auth.password === (options.validToken ?? TOKEN);
    if (req.path !== '/rest/api/3/myself')
      return sendJson(res, 404, { errorMessages: ['no route'] });
    if (good) {
      return sendJson(
        res,
        200,
        { accountId: ACCOUNT, displayName: 'CI Bot', emailAddress: EMAIL, active: true },
        { 'X-AAccountId': ACCOUNT },
      );
    }
    if (options.anonymousOk) {
      return sendJson(res, 200, {}, { 'X-Seraph-LoginReason': 'AUTHENTICATED_FAILED' });
    }
    sendJson(
      res,
      401,
      { errorMessages: ['Client must be authenticated to access this resource.'] },
      {
        'X-Seraph-LoginReason': 'AUTHENTICATED_FAILED',
        'WWW-Authenticate': 'OAuth realm="https%3A%2F%2Facme.atlassian.net"',
      },
    );
  });
}

describe('atlassian-api-token probe', () => {
  let server: TestServer | undefined;
  afterEach(async () => server?.close());

  const config = (extra: Record<string, unknown> = {}) => ({
    kind: 'atlassian-api-token',
    baseUrl: server!.url,
    username: EMAIL,
    ...extra,
  });

  it('check() returns healthy with the account identity when Jira answers 200 with an accountId', async () => {
    server = await jiraCloud();
    const result = await check(config(), TOKEN);
    expect(result.verdict).toBe('healthy');
    expect(result.severity).toBe('ok');
    expect(result.identity).toEqual({ id: ACCOUNT, displayName: 'CI Bot', email: EMAIL });
    expect(server.requests[0]!.headers.accept).toBe('application/json');
  });

  it('check() returns rejected when Jira answers 401 with AUTHENTICATED_FAILED', async () => {
    server = await jiraCloud({ validToken: 'another-token-entirely' });
    const result = await check(config(), TOKEN);
    expect(result.verdict).toBe('rejected');
    expect(result.severity).toBe('critical');
    expect(result.evidence[0]!.headers['x-seraph-loginreason']).toBe('AUTHENTICATED_FAILED');
  });

  it('check() returns anonymous when Jira answers 200 but flags the login as failed', async () => {
    server = await jiraCloud({ validToken: 'another-token-entirely', anonymousOk: true });
    const result = await check(config(), TOKEN);
    expect(result.verdict).toBe('anonymous');
    expect(result.message).toMatch(/anonymous/);
    expect(result.identity).toBeNull();
  });

  it('check() returns anonymous when Confluence answers its anonymous user object', async () => {
    server = await startServer((req, res) =>
      req.path === '/wiki/rest/api/user/current'
        ? sendJson(res, 200, { type: 'anonymous', displayName: 'Anonymous', profilePicture: {} })
        : sendJson(res, 404, {}),
    );
    const result = await check(config({ product: 'confluence' }), TOKEN);
    expect(result.verdict).toBe('anonymous');
  });

  it('check() returns healthy for Confluence when the user object has an accountId', async () => {
    server = await answering(200, { type: 'known', accountId: ACCOUNT, displayName: 'CI Bot' });
    const result = await check(config({ product: 'confluence' }), TOKEN);
    expect(result.verdict).toBe('healthy');
    expect(server.requests[0]!.path).toBe('/wiki/rest/api/user/current');
  });

  it('check() goes through the scoped-token gateway /ex/{product}/{cloudId} when a cloudId is given', async () => {
    server = await startServer((req, res) =>
      req.path === '/ex/jira/c0ffee-1234/rest/api/3/myself'
        ? sendJson(res, 200, { accountId: ACCOUNT, displayName: 'CI Bot' })
        : sendJson(res, 404, {}),
    );
    const result = await check(
      { kind: 'atlassian-api-token', username: EMAIL, cloudId: 'c0ffee-1234', baseUrl: server.url },
      TOKEN,
    );
    expect(result.verdict).toBe('healthy');
  });

  it('check() returns locked when Jira denies the login with a CAPTCHA challenge', async () => {
    server = await answering(
      403,
      { errorMessages: ['CAPTCHA_CHALLENGE'] },
      {
        'X-Seraph-LoginReason': 'AUTHENTICATION_DENIED',
        'X-Authentication-Denied-Reason':
          'CAPTCHA_CHALLENGE; login-url=https://acme.atlassian.net/login.jsp',
      },
    );
    const result = await check(config(), TOKEN);
    expect(result.verdict).toBe('locked');
    expect(result.message).toContain('CAPTCHA_CHALLENGE');
  });

  it('check() returns identity-changed when the token authenticates as someone other than the pinned account', async () => {
    server = await jiraCloud();
    const result = await check(config({ expectedAccountId: '557058:someone-else' }), TOKEN);
    expect(result.verdict).toBe('identity-changed');
    expect(result.severity).toBe('critical');
  });

  it('check() returns expiring with days left when the admin-entered expiry is 5 days away', async () => {
    server = await jiraCloud();
    const result = await check(config({ expiresAt: daysFromNow(5.5).toISOString() }), TOKEN);
    expect(result.verdict).toBe('expiring');
    expect(result.severity).toBe('warning');
    expect(result.daysLeft).toBe(5);
    expect(result.expirySource).toBe('admin');
  });

  it('check() returns expired when Jira refuses a token whose expiry date has passed', async () => {
    server = await jiraCloud({ validToken: 'renewed-token-0002' });
    const result = await check(config({ expiresAt: daysFromNow(-2).toISOString() }), TOKEN);
    expect(result.verdict).toBe('expired');
    expect(result.severity).toBe('critical');
  });

  it('check() returns insufficient-scope when Jira answers 403 without a lockout', async () => {
    server = await answering(403, { errorMessages: ['Unauthorized; scope does not match'] });
    const result = await check(config(), TOKEN);
    expect(result.verdict).toBe('insufficient-scope');
  });
});
