import {
  startAtlassianCloud,
  type CloudAccount,
  type CloudDouble,
} from '../../support/atlassian-cloud';
import { answering, sendJson, startServer, type TestServer } from '../../support/server';
import { check, daysFromNow } from '../../support/probe';

const EMAIL = 'ci-bot@acme.example';
const TOKEN = 'ATATT3xFfGF0-live-token-0001';
const ACCOUNT = '5b10ac8d82e05b22cc7d4ef5';

const CLASSIC: CloudAccount = {
  email: EMAIL,
  token: TOKEN,
  accountId: ACCOUNT,
  displayName: 'CI Bot',
};

/** Jira Cloud as documented (test/support/atlassian-cloud.ts), or Jira ignoring the token. */
async function jiraCloud(options: { anonymousOk?: boolean; revoked?: boolean } = {}) {
  if (options.anonymousOk) {
    return startServer((req, res) =>
      sendJson(res, 200, {}, { 'X-Seraph-LoginReason': 'AUTHENTICATED_FAILED' }),
    );
  }
  const cloud = await startAtlassianCloud([CLASSIC]);
  if (options.revoked) cloud.state.revoked.add(TOKEN);
  return cloud.server;
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
    server = await jiraCloud({ revoked: true });
    const result = await check(config(), TOKEN);
    expect(result.verdict).toBe('rejected');
    expect(result.severity).toBe('critical');
    expect(result.evidence[0]!.headers['x-seraph-loginreason']).toBe('AUTHENTICATED_FAILED');
  });

  it('check() returns anonymous when Jira answers 200 but flags the login as failed', async () => {
    server = await jiraCloud({ anonymousOk: true });
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
    server = await jiraCloud({ revoked: true });
    const result = await check(config({ expiresAt: daysFromNow(-2).toISOString() }), TOKEN);
    expect(result.verdict).toBe('expired');
    expect(result.severity).toBe('critical');
  });

  it('check() returns insufficient-scope when Jira answers 403 without a lockout', async () => {
    server = await answering(403, { errorMessages: ['Unauthorized; scope does not match'] });
    const result = await check(config(), TOKEN);
    expect(result.verdict).toBe('insufficient-scope');
    expect(result.message).toContain('read:jira-user');
    expect(result.message).not.toContain('read:me');
  });
});

describe('atlassian-api-token probe with tokens with scopes', () => {
  const CLOUD_ID = 'a436116f-02ce-4520-8fbb-7301462a1674';
  const SCOPED = 'ATATT3xFfGF0-scoped-token-0003';
  const scoped = (scopes: string[]): CloudAccount => ({ ...CLASSIC, token: SCOPED, scopes });
  let cloud: CloudDouble | undefined;
  afterEach(async () => cloud?.server.close());

  const viaGateway = (extra: Record<string, unknown> = {}) => ({
    kind: 'atlassian-api-token',
    username: EMAIL,
    cloudId: CLOUD_ID,
    baseUrl: cloud!.server.url,
    ...extra,
  });
  const onSite = () => ({
    kind: 'atlassian-api-token',
    username: EMAIL,
    baseUrl: cloud!.server.url,
  });

  it('check() returns healthy through the gateway for a token with read:jira-user', async () => {
    cloud = await startAtlassianCloud([scoped(['read:jira-user'])], CLOUD_ID);
    const result = await check(viaGateway(), SCOPED);
    expect(result.verdict).toBe('healthy');
    expect(result.identity?.id).toBe(ACCOUNT);
    expect(cloud.server.requests[0]!.path).toBe(`/ex/jira/${CLOUD_ID}/rest/api/3/myself`);
  });

  it('check() returns healthy through the gateway for a token with the granular user scopes', async () => {
    const granular = [
      'read:application-role:jira',
      'read:group:jira',
      'read:user:jira',
      'read:avatar:jira',
    ];
    cloud = await startAtlassianCloud([scoped(granular)], CLOUD_ID);
    expect((await check(viaGateway(), SCOPED)).verdict).toBe('healthy');
  });

  it('check() returns insufficient-scope when the gateway answers 401 "scope does not match"', async () => {
    cloud = await startAtlassianCloud([scoped(['read:jira-work'])], CLOUD_ID);
    const result = await check(viaGateway(), SCOPED);
    expect(result.verdict).toBe('insufficient-scope');
    expect(result.evidence[0]!.status).toBe(401);
    expect(result.message).toContain('scope does not match');
    expect(result.message).toContain('read:jira-user');
    expect(result.message).toContain('read:user:jira');
    expect(result.message).not.toContain('read:me');
  });

  it('check() names the Confluence scopes when the Confluence gateway finds a scope missing', async () => {
    cloud = await startAtlassianCloud([scoped(['read:jira-user'])], CLOUD_ID);
    const result = await check(viaGateway({ product: 'confluence' }), SCOPED);
    expect(result.verdict).toBe('insufficient-scope');
    expect(result.message).toContain('read:confluence-user');
    expect(result.message).toContain('read:content-details:confluence');
  });

  it('check() returns rejected when the gateway refuses a revoked token', async () => {
    cloud = await startAtlassianCloud([scoped(['read:jira-user'])], CLOUD_ID);
    cloud.state.revoked.add(SCOPED);
    const result = await check(viaGateway(), SCOPED);
    expect(result.verdict).toBe('rejected');
    expect(result.message).toContain('api.atlassian.com');
  });

  it('check() says a site refuses tokens with scopes and how to set the cloud id when the site answers 401', async () => {
    cloud = await startAtlassianCloud([scoped(['read:jira-user'])], CLOUD_ID);
    const result = await check(onSite(), SCOPED);
    expect(result.verdict).toBe('rejected');
    expect(result.message).toContain('only through api.atlassian.com');
    expect(result.message).toContain('cloud id');
    expect(result.message).toContain(`${cloud.server.url}/_edge/tenant_info`);
  });

  it('check() returns rejected, not locked, when the account was deactivated', async () => {
    cloud = await startAtlassianCloud([CLASSIC], CLOUD_ID);
    cloud.state.deactivated.add(ACCOUNT);
    const result = await check(onSite(), TOKEN);
    expect(result.verdict).toBe('rejected');
    expect(result.message).toContain('deactivated');
    expect(result.message).not.toContain('Organisation tokens');
  });

  it('check() sends the admin to the Organisation tokens tab on a 401 when an org inventory is configured', async () => {
    cloud = await startAtlassianCloud([CLASSIC], CLOUD_ID);
    cloud.state.deactivated.add(ACCOUNT);
    const onSiteResult = await check(onSite(), TOKEN, { orgInventory: true });
    expect(onSiteResult.verdict).toBe('rejected');
    expect(onSiteResult.message).toContain('deactivated');
    expect(onSiteResult.message).toContain('Organisation tokens tab');
    const viaGatewayResult = await check(viaGateway(), SCOPED, { orgInventory: true });
    expect(viaGatewayResult.message).toContain('Organisation tokens tab');
  });
});
