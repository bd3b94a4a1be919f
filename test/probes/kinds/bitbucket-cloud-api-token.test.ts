import { parseIntegrationConfig } from '../../../src/domain/integration-input';
import { buildRequest } from '../../../src/probes/kinds/bitbucket-cloud-api-token';
import { BB, BB_NOT_ACCESSIBLE, bitbucketCloud } from '../../support/bitbucket-cloud';
import { answering, basicAuth, urlOf, type TestServer } from '../../support/server';
import { check, daysFromNow } from '../../support/probe';

describe('bitbucket-cloud-api-token probe', () => {
  let server: TestServer | undefined;
  afterEach(async () => server?.close());

  const config = (extra: Record<string, unknown> = {}) => ({
    kind: 'bitbucket-cloud-api-token',
    baseUrl: urlOf(server),
    username: BB.email,
    ...extra,
  });
  const accessToken = (extra: Record<string, unknown> = {}) =>
    config({ username: undefined, workspace: BB.workspace, ...extra });

  it('buildRequest() targets api.bitbucket.org: /2.0/user for a user, the workspace for an access token', () => {
    const user = parseIntegrationConfig({ kind: 'bitbucket-cloud-api-token', username: BB.email });
    const ws = parseIntegrationConfig({ kind: 'bitbucket-cloud-api-token', workspace: 'acme' });
    if (!user.ok || !ws.ok) throw new Error('config should parse');
    expect(buildRequest(user.value, BB.apiToken).url).toBe('https://api.bitbucket.org/2.0/user');
    const request = buildRequest(ws.value, BB.workspaceToken);
    expect(request.url).toBe('https://api.bitbucket.org/2.0/workspaces/acme');
    expect(request.headers).toEqual({ Authorization: `Bearer ${BB.workspaceToken}` });
  });

  it('check() returns healthy with account_id, nickname and display name for an API token sent as Basic email:token', async () => {
    server = await bitbucketCloud();
    const result = await check(config(), BB.apiToken);
    expect(result.verdict).toBe('healthy');
    expect(result.identity).toEqual({
      id: BB.accountId,
      username: 'ci-bot',
      displayName: 'CI Bot',
    });
    const [sent] = server.requests;
    expect(sent?.path).toBe('/2.0/user');
    expect(sent && basicAuth(sent)).toEqual({ user: BB.email, password: BB.apiToken });
    expect(result.facts['auth']).toMatch(/Basic/);
  });

  it('check() reads the workspace, not /2.0/user, for a workspace access token sent as Bearer', async () => {
    server = await bitbucketCloud();
    const result = await check(accessToken(), BB.workspaceToken);
    expect(result.verdict).toBe('healthy');
    expect(server.requests.map((r) => r.path)).toEqual(['/2.0/workspaces/acme']);
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${BB.workspaceToken}`);
    expect(result.message).toMatch(/access token for workspace acme/);
    expect(result.identity).toBeNull();
    expect(result.facts).toMatchObject({ auth: 'access token (Bearer)', workspace: 'acme' });
  });

  it('check() reads the repository for a repository access token when a repository is configured', async () => {
    server = await bitbucketCloud();
    const result = await check(accessToken({ repository: BB.repository }), BB.repositoryToken);
    expect(result.verdict).toBe('healthy');
    expect(server.requests[0]?.path).toBe('/2.0/repositories/acme/deploy-scripts');
    expect(result.facts['repository']).toBe('acme/deploy-scripts');
  });

  it('check() says a repository token needs its repository when only the workspace refuses it', async () => {
    server = await bitbucketCloud();
    const result = await check(accessToken(), BB.repositoryToken);
    expect(result.verdict).toBe('rejected');
    expect(result.message).toMatch(/Token is invalid, expired, or not supported/);
    expect(result.message).toMatch(/either the token is revoked, expired or mistyped/);
    expect(result.message).toMatch(/enter one of its repositories/);
  });

  it('check() tells the admin to enter a workspace when an access token without one is refused at /2.0/user', async () => {
    server = await bitbucketCloud();
    const result = await check(config({ username: undefined }), BB.workspaceToken);
    expect(result.verdict).toBe('insufficient-scope');
    expect(result.message).toContain(BB_NOT_ACCESSIBLE.error.message);
    expect(result.message).toMatch(/belongs to no user.*enter the workspace/);
  });

  it('check() names both possibilities when a scoped API token gets 401 "Token is invalid, expired, or not supported"', async () => {
    server = await answering(401, {
      type: 'error',
      error: { message: 'Token is invalid, expired, or not supported for this endpoint.' },
    });
    const result = await check(config(), 'ATATT3xFfGF0-revoked-token-9999');
    expect(result.verdict).toBe('rejected');
    expect(result.message).toMatch(/Token is invalid, expired, or not supported/);
    expect(result.message).toMatch(/either the token is revoked, expired or mistyped, or/);
    expect(result.message).toContain(BB.email);
  });

  it('check() says an API token sent alone as Bearer needs its owner email', async () => {
    server = await bitbucketCloud();
    const result = await check(accessToken(), BB.apiToken);
    expect(result.verdict).toBe('rejected');
    expect(result.message).toMatch(/Atlassian API token: it goes with its owner's email/);
  });

  it('check() says an access token sent with a username goes alone', async () => {
    server = await bitbucketCloud();
    const result = await check(config({ username: 'x-token-auth' }), BB.workspaceToken);
    expect(result.verdict).toBe('rejected');
    expect(result.message).not.toMatch(/app password/);
    expect(result.message).toMatch(
      /access token \(ATCT…\): it goes alone, so leave the username empty/,
    );
  });

  it('check() says an app password (ATBB…) was switched off and how to create an API token', async () => {
    server = await bitbucketCloud();
    const result = await check(config({ username: BB.bitbucketUsername }), BB.appPassword);
    expect(server.requests[0] && basicAuth(server.requests[0])?.user).toBe('ci-bot');
    expect(result.verdict).toBe('expired');
    expect(result.severity).toBe('critical');
    expect(result.message).toMatch(/this is an app password \(it starts with ATBB\)/);
    expect(result.message).toMatch(/removed them on 2026-07-28/);
    expect(result.message).toContain('https://id.atlassian.com/manage-profile/security/api-tokens');
    expect(result.message).toMatch(/account email as username/);
    expect(result.expiresAt).toBe('2026-07-28T00:00:00.000Z');
  });

  it('check() tells an unprefixed app password by its Bitbucket username', async () => {
    server = await bitbucketCloud();
    const result = await check(config({ username: 'ci-bot' }), 'u7Hk2LmQ9pRs4TvWx8Yz');
    expect(result.message).toMatch(/app password \(it goes with the Bitbucket username ci-bot\)/);
  });

  it('check() warns while app passwords still answer 200, with the day Bitbucket removes them', async () => {
    server = await answering(200, { type: 'user', account_id: BB.accountId, nickname: 'ci-bot' });
    const before = new Date('2026-07-20T12:00:00Z');
    const result = await check(config({ username: 'ci-bot' }), BB.appPassword, {
      now: () => before,
    });
    expect(result.verdict).toBe('expiring');
    expect(result.daysLeft).toBe(7);
    expect(result.message).toMatch(/accepted it as ci-bot, but this is an app password/);
  });

  it('check() returns insufficient-scope naming the missing scope when a scoped API token lacks read:user:bitbucket', async () => {
    server = await answering(403, {
      type: 'error',
      error: {
        message: 'Your credentials lack one or more required privilege scopes.',
        detail: { granted: ['read:repository:bitbucket'], required: ['read:user:bitbucket'] },
      },
    });
    const result = await check(config(), BB.apiToken);
    expect(result.verdict).toBe('insufficient-scope');
    expect(result.message).toMatch(/needs read:user:bitbucket/);
  });

  it('check() says a missing workspace or repository is one the token may not see when Bitbucket answers 404', async () => {
    server = await bitbucketCloud();
    const result = await check(accessToken({ workspace: 'other' }), BB.workspaceToken);
    expect(result.verdict).toBe('unexpected-response');
    expect(result.message).toMatch(/404 for \/2.0\/workspaces\/other/);
  });

  it('check() says a public repository proves less', async () => {
    server = await answering(200, {
      type: 'repository',
      full_name: 'acme/site',
      is_private: false,
    });
    const result = await check(accessToken({ repository: 'site' }), BB.repositoryToken);
    expect(result.verdict).toBe('healthy');
    expect(result.message).toMatch(/public repository: anyone may read it/);
  });

  it('check() returns identity-changed when the token belongs to someone other than the pinned account', async () => {
    server = await bitbucketCloud();
    const result = await check(config({ expectedAccountId: '557058:someone-else' }), BB.apiToken);
    expect(result.verdict).toBe('identity-changed');
  });

  it('check() returns expiring from the admin-entered date, since Bitbucket Cloud does not report token expiry', async () => {
    server = await bitbucketCloud();
    const result = await check(config({ expiresAt: daysFromNow(2.5).toISOString() }), BB.apiToken);
    expect(result.verdict).toBe('expiring');
    expect(result.daysLeft).toBe(2);
    expect(result.expirySource).toBe('admin');
  });
});

describe('bitbucket-cloud-api-token config', () => {
  const parse = (extra: Record<string, unknown>) =>
    parseIntegrationConfig({ kind: 'bitbucket-cloud-api-token', ...extra });

  it('accepts a workspace slug or UUID and a repository slug', () => {
    expect(parse({ workspace: 'acme', repository: 'deploy-scripts' }).ok).toBe(true);
    expect(parse({ workspace: '{a15fb181-db1f-48f7-b41f-e1eff06929d6}' }).ok).toBe(true);
  });

  it('refuses a repository without its workspace, and names that are not slugs', () => {
    expect(parse({ repository: 'deploy' })).toEqual({
      ok: false,
      errors: { workspace: 'a repository needs the workspace it belongs to' },
    });
    for (const bad of [
      { workspace: 'acme/x' },
      { workspace: 'a'.repeat(101) },
      { repository: '../x y' },
    ]) {
      const parsed = parse({ workspace: 'acme', ...bad });
      expect(parsed.ok).toBe(false);
    }
  });
});
