import type { ServerResponse } from 'node:http';
import { parseIntegrationConfig } from '../../../src/domain/integration-input';
import { BadInputError } from '../../../src/probes/engine';
import {
  READ_MYSELF,
  SA_SITE,
  SERVICE_ACCOUNT,
  startAtlassianServiceAccounts,
  type AtlassianServiceAccounts,
  type SaCredential,
} from '../../support/atlassian-service-accounts';
import { check, daysFromNow, NOW, serialised } from '../../support/probe';
import { sendHtml, sendJson, startServer, type TestServer } from '../../support/server';

const secretOf = (c: SaCredential) => JSON.stringify(c);

describe('atlassian-service-account probe', () => {
  let auth: AtlassianServiceAccounts;
  let other: TestServer | undefined;
  beforeEach(async () => {
    auth = await startAtlassianServiceAccounts(() => NOW.getTime());
  });
  afterEach(async () => {
    await auth.close();
    await other?.close();
    other = undefined;
  });

  const config = (extra: Record<string, unknown> = {}) => ({
    kind: 'atlassian-service-account',
    baseUrl: auth.url,
    tokenUrl: auth.tokenUrl,
    cloudId: SA_SITE.id,
    expiresAt: daysFromNow(180).toISOString(),
    ...extra,
  });

  it('check() returns healthy with the service account, its scopes and the expiry entered at save', async () => {
    const credential = auth.create();
    const result = await check(config(), secretOf(credential));

    expect(result.verdict).toBe('healthy');
    expect(result.identity).toEqual({
      id: SERVICE_ACCOUNT.accountId,
      displayName: SERVICE_ACCOUNT.displayName,
      email: SERVICE_ACCOUNT.emailAddress,
    });
    expect(result.expirySource).toBe('admin');
    expect(result.daysLeft).toBe(180);
    expect(result.facts).toMatchObject({
      scopes: READ_MYSELF.join(' '),
      accessToken: 'requested for this check and not stored',
    });
    expect(auth.tokenRequests()).toEqual([
      {
        grant_type: 'client_credentials',
        client_id: credential.clientId,
        client_secret: credential.clientSecret,
        audience: 'api.atlassian.com',
      },
    ]);
    expect(auth.requests[1]?.path).toBe(`/ex/jira/${SA_SITE.id}/rest/api/3/myself`);
    expect(auth.requests[1]?.headers.authorization).toMatch(/^Bearer sa-at-/);
    const text = serialised(result);
    expect(text).not.toContain(credential.clientSecret);
    expect(text).not.toContain(auth.requests[1]?.headers.authorization?.slice(7));
  });

  it('check() returns rejected on invalid_client and asks nothing else when the credential was revoked', async () => {
    const credential = auth.create();
    auth.revoke(credential.clientId);
    const result = await check(config(), secretOf(credential));

    expect(result.verdict).toBe('rejected');
    expect(result.message).toMatch(/answered 401 to the client credentials \(invalid_client/);
    expect(result.message).toMatch(/revoked, expired/);
    expect(auth.requests).toHaveLength(1);
  });

  it('check() returns expired when the credentials are refused after the expiry date entered at save', async () => {
    const credential = auth.create({ days: -2 });
    const result = await check(
      config({ expiresAt: daysFromNow(-2).toISOString() }),
      secretOf(credential),
    );
    expect(result.verdict).toBe('expired');
  });

  it('check() returns insufficient-scope when the gateway says the scope does not match', async () => {
    // A token endpoint that lists no scopes: Get current user is asked, and refuses.
    other = await gateway((res) =>
      sendJson(res, 401, { code: 401, message: 'Unauthorized; scope does not match' }),
    );
    const result = await check(
      config({ baseUrl: other.url, tokenUrl: `${other.url}/oauth/token` }),
      secretOf(auth.create()),
    );

    expect(result.verdict).toBe('insufficient-scope');
    expect(result.message).toMatch(/scope does not match.*read:jira-user/);
  });

  it('check() returns insufficient-scope naming the scopes the integration needs that the token lacks', async () => {
    const credential = auth.create();
    const result = await check(
      config({ scopes: 'read:jira-work write:jira-work manage:jira-webhook' }),
      secretOf(credential),
    );

    expect(result.verdict).toBe('insufficient-scope');
    expect(result.message).toContain('lack write:jira-work, manage:jira-webhook');
    expect(result.identity?.id).toBe(SERVICE_ACCOUNT.accountId);
  });

  it('check() returns healthy with the identity unknown for credentials holding exactly the Jira work scopes the integration declares', async () => {
    const work = ['read:jira-work', 'write:jira-work'];
    const credential = auth.create({ scopes: work });
    const result = await check(config({ scopes: work.join(' ') }), secretOf(credential));

    expect(result.verdict).toBe('healthy');
    expect(result.identity).toBeNull();
    expect(result.message).toMatch(
      /answered Get projects with it; who the service account is stays unknown/,
    );
    expect(result.message).not.toMatch(/lack/);
    expect(result.facts).toMatchObject({ scopes: work.join(' ') });
    expect(auth.requests.map((r) => r.path)).toEqual([
      '/oauth/token',
      `/ex/jira/${SA_SITE.id}/rest/api/3/project/search?maxResults=1`,
    ]);
  });

  it('check() still asks who it is when the scopes allow it, and says a revoked token was refused on the proving call', async () => {
    const credential = auth.create({ scopes: ['read:jira-work'] });
    const proved = await check(config({ scopes: 'read:jira-work' }), secretOf(credential));
    expect(proved.verdict).toBe('healthy');
    auth.revoke(credential.clientId);
    expect((await check(config(), secretOf(credential))).verdict).toBe('rejected');
  });

  it('check() returns healthy on the issued token alone, identity unknown, when the scopes cover no read', async () => {
    const credential = auth.create({ scopes: ['write:jira-work'] });
    const result = await check(config({ scopes: 'write:jira-work' }), secretOf(credential));
    expect(result.verdict).toBe('healthy');
    expect(result.identity).toBeNull();
    expect(result.message).toMatch(/cover no read of Jira on cloud id .* to prove it on/);
    expect(auth.requests).toHaveLength(1);
  });

  it('takes no expiry date as none known: Atlassian documents no expiry for OAuth 2.0 credentials', async () => {
    const parsed = parseIntegrationConfig({ ...config(), expiresAt: undefined });
    expect(parsed.ok).toBe(true);
    const result = await check({ ...config(), expiresAt: undefined }, secretOf(auth.create()));
    expect(result.verdict).toBe('healthy');
    expect(result.expiresAt).toBeNull();
    expect(result.facts['expiry']).toMatch(/Atlassian documents no expiry/);
  });

  it('check() returns identity-changed when the credentials belong to another service account than the pinned one', async () => {
    const credential = auth.create({
      user: { accountId: '712020:other-sa', displayName: 'someone-else' },
    });
    const result = await check(
      config({ expectedAccountId: SERVICE_ACCOUNT.accountId }),
      secretOf(credential),
    );
    expect(result.verdict).toBe('identity-changed');
    expect(result.message).toContain('712020:other-sa');
  });

  it('check() asks Confluence who it is with product confluence, and names the Confluence scopes it lacks', async () => {
    const good = auth.create({ scopes: ['read:confluence-user'] });
    const result = await check(config({ product: 'confluence' }), secretOf(good));
    expect(result.verdict).toBe('healthy');
    expect(result.identity).toMatchObject({
      id: SERVICE_ACCOUNT.accountId,
      email: SERVICE_ACCOUNT.emailAddress,
    });
    expect(auth.requests[1]?.path).toBe(`/ex/confluence/${SA_SITE.id}/wiki/rest/api/user/current`);

    const jiraOnly = auth.create({ scopes: READ_MYSELF });
    const refused = await check(config({ product: 'confluence' }), secretOf(jiraOnly));
    expect(refused.verdict).toBe('insufficient-scope');
    expect(refused.message).toMatch(
      /^Atlassian issued a token but Confluence on cloud id .* read:confluence-user/,
    );
  });

  it('check() returns unreachable when the token endpoint does not answer', async () => {
    const credential = auth.create();
    const closed = await startServer(() => undefined);
    await closed.close();
    const result = await check(
      config({ tokenUrl: `${closed.url}/oauth/token` }),
      secretOf(credential),
    );
    expect(result.verdict).toBe('unreachable');
    expect(result.message).toContain('says nothing about the credential');
  });

  /** A token endpoint that issues a token, and a gateway answering myself as `myself` says. */
  async function gateway(myself: (res: ServerResponse) => void): Promise<TestServer> {
    return startServer((req, res) =>
      req.path === '/oauth/token'
        ? sendJson(res, 200, { access_token: 'sa-at-x1', token_type: 'Bearer', expires_in: 3600 })
        : myself(res),
    );
  }

  it('check() returns rate-limited with the wait when the gateway answers 429 after a token was issued', async () => {
    other = await gateway((res) =>
      sendJson(res, 429, { code: 429, message: 'Too Many Requests' }, { 'Retry-After': '42' }),
    );
    const result = await check(
      config({ baseUrl: other.url, tokenUrl: `${other.url}/oauth/token` }),
      secretOf(auth.create()),
    );
    expect(result.verdict).toBe('rate-limited');
    expect(result.retryAfterSeconds).toBe(42);
  });

  it('check() returns unexpected-response when the gateway answers an HTML page', async () => {
    other = await gateway((res) => sendHtml(res, 200, '<html><title>Log in</title></html>'));
    const result = await check(
      config({ baseUrl: other.url, tokenUrl: `${other.url}/oauth/token` }),
      secretOf(auth.create()),
    );
    expect(result.verdict).toBe('unexpected-response');
    expect(result.message).toContain('HTML page');
    expect(result.facts['scopes']).toBe('not listed by the token endpoint');
  });

  it('refuses a client id with spaces and a malformed secret without sending or echoing anything', async () => {
    const spaced = JSON.stringify({ clientId: 'sa client', clientSecret: 'ATOA-s3cr3t' });
    await expect(check(config(), spaced)).rejects.toThrow(
      new BadInputError('clientId must be text without spaces'),
    );
    const broken = '{"clientId":"sa-1","clientSecret":"ATOA-s3cr3t"';
    await expect(check(config(), broken)).rejects.toThrow(/not valid JSON/);
    await expect(check(config(), broken)).rejects.not.toThrow(/s3cr3t/);
    await expect(check(config(), '{"clientSecret":"ATOA-s3cr3t"}')).rejects.toThrow(
      /lacks clientId/,
    );
    expect(auth.requests).toHaveLength(0);
  });

  it('requires the cloud id, in plain words per field', () => {
    const parsed = parseIntegrationConfig({ kind: 'atlassian-service-account' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual({ cloudId: expect.stringMatching(/Cloud ID is required/) });
    const scopes = parseIntegrationConfig({ ...config(), scopes: 'read:jira-user "x"' });
    expect(scopes.ok ? {} : scopes.errors).toEqual({
      scopes: 'must be scope names separated by spaces, e.g. read:jira-user read:jira-work',
    });
  });
});
