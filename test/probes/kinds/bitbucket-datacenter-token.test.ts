import { answering, sendJson, urlOf, type TestServer } from '../../support/server';
import {
  AUTH_FAILED,
  bitbucketDc,
  CONTEXT,
  entry,
  PROPERTIES,
  SLUG,
  TOKEN,
  TOKEN_ID,
} from '../../support/bitbucket-dc';
import { check, daysFromNow } from '../../support/probe';

const TOKENS = `${CONTEXT}/rest/access-tokens/latest`;
/** A token without the "<id>:" inside (some proxies and older tools hand out other shapes). */
const OPAQUE = 'opaque-token-without-an-id-inside-1234567890';

describe('bitbucket-datacenter-token probe', () => {
  let server: TestServer | undefined;
  afterEach(async () => server?.close());

  const config = (extra: Record<string, unknown> = {}) => ({
    kind: 'bitbucket-datacenter-token',
    baseUrl: `${urlOf(server)}${CONTEXT}`,
    username: SLUG,
    ...extra,
  });
  const paths = () => (server?.requests ?? []).map((r) => r.path);

  it('check() returns healthy with the X-AUSERID/X-AUSERNAME identity, reading its own token by the id inside it', async () => {
    server = await bitbucketDc({
      tokens: [
        { id: '999999999999', name: 'laptop', created: daysFromNow(-10), expiryDays: 30 },
        { id: TOKEN_ID, name: 'ci sync', created: daysFromNow(-30), expiryDays: 365 },
      ],
    });
    const result = await check(config(), TOKEN);
    expect(result.verdict).toBe('healthy');
    expect(result.identity).toEqual({ id: '152', username: SLUG });
    expect(result.expiresAt).toBe(daysFromNow(335).toISOString());
    expect(result.expirySource).toBe('service');
    expect(result.facts).toMatchObject({
      tokenId: TOKEN_ID,
      tokenName: 'ci sync',
      permissions: 'REPO_READ, PROJECT_READ',
      expiryDays: '365',
      lastAuthenticated: '2026-11-22T07:30:00.000Z',
      bitbucketVersion: '8.19.1',
    });
    expect(result.facts['renewal']).toMatch(/cannot renew/);
    expect(paths()).toEqual([
      `${CONTEXT}/rest/api/latest/application-properties`,
      `${TOKENS}/users/${SLUG}/${TOKEN_ID}`,
    ]);
    expect(server.requests[1]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('check() reads createdDate sent as ISO text, as the REST schema types it', async () => {
    server = await bitbucketDc({
      dates: 'iso',
      tokens: [{ id: TOKEN_ID, name: 'ci sync', created: daysFromNow(-85.5), expiryDays: 90 }],
    });
    const result = await check(config(), TOKEN);
    expect(result.verdict).toBe('expiring');
    expect(result.daysLeft).toBe(4);
    expect(result.facts['tokenCreated']).toBe(daysFromNow(-85.5).toISOString());
  });

  it('check() reads a project token at /projects/{key}/{id}', async () => {
    server = await bitbucketDc({
      scope: '/projects/OPS',
      tokens: [{ id: TOKEN_ID, name: 'deploys', created: daysFromNow(-86.5), expiryDays: 90 }],
    });
    const result = await check(config({ username: undefined, projectKey: 'OPS' }), TOKEN);
    expect(result.verdict).toBe('expiring');
    expect(result.daysLeft).toBe(3);
    expect(paths()[1]).toBe(`${TOKENS}/projects/OPS/${TOKEN_ID}`);
  });

  it('check() reads a repository token at /projects/{key}/repos/{slug}/{id}', async () => {
    server = await bitbucketDc({
      scope: '/projects/OPS/repos/deploy-tools',
      tokens: [
        {
          id: TOKEN_ID,
          name: 'release bot',
          created: daysFromNow(-1),
          expiryDays: 180,
          permissions: ['REPO_WRITE'],
        },
      ],
    });
    const result = await check(
      config({ username: undefined, projectKey: 'OPS', repoSlug: 'deploy-tools' }),
      TOKEN,
    );
    expect(result.verdict).toBe('healthy');
    expect(result.expiresAt).toBe(daysFromNow(179).toISOString());
    expect(result.facts['permissions']).toBe('REPO_WRITE');
    expect(paths()[1]).toBe(`${TOKENS}/projects/OPS/repos/deploy-tools/${TOKEN_ID}`);
  });

  it('check() fetches the token whose id config.tokenId gives when the token carries none', async () => {
    server = await bitbucketDc({
      token: OPAQUE,
      tokens: [
        { id: '100000000001', name: 'laptop', created: daysFromNow(-1), expiryDays: 90 },
        { id: '100000000003', name: 'ci sync', created: daysFromNow(-85.5), expiryDays: 90 },
      ],
    });
    const result = await check(config({ tokenId: '100000000003' }), OPAQUE);
    expect(result.daysLeft).toBe(4);
    expect(paths()[1]).toBe(`${TOKENS}/users/${SLUG}/100000000003`);
  });

  it('check() pages through the listing for the token named by config.tokenId when no id is known', async () => {
    server = await bitbucketDc({
      token: OPAQUE,
      maxLimit: 1,
      tokens: [
        { id: '100000000001', name: 'laptop', created: daysFromNow(-1), expiryDays: 90 },
        { id: '100000000002', name: 'deploy', created: daysFromNow(-3) },
        { id: '100000000003', name: 'ci sync', created: daysFromNow(-85.5), expiryDays: 90 },
      ],
    });
    const result = await check(config({ tokenId: 'ci sync' }), OPAQUE);
    expect(result.verdict).toBe('expiring');
    expect(result.daysLeft).toBe(4);
    const starts = paths()
      .slice(1)
      .map((p) => new URL(p, 'http://x').searchParams.get('start'));
    expect(starts).toEqual(['0', '1', '2']);
  });

  it('check() says expiry unknown when no id is known and the listing holds several tokens', async () => {
    server = await bitbucketDc({
      token: OPAQUE,
      tokens: [
        { id: '100000000001', name: 'laptop', created: daysFromNow(-1), expiryDays: 2 },
        { id: '100000000002', name: 'deploy', created: daysFromNow(-3), expiryDays: 9 },
      ],
    });
    const result = await check(config(), OPAQUE);
    expect(result.expiresAt).toBeNull();
    expect(result.facts['expiry']).toMatch(
      /^unknown: .* lists 2 tokens for user ci-bot and none is known to be this one; set tokenId/,
    );
  });

  it('check() prefers the id inside the token to a stale config.tokenId, and says so', async () => {
    server = await bitbucketDc();
    const result = await check(config({ tokenId: '42' }), TOKEN);
    expect(result.expiresAt).toBe(daysFromNow(335).toISOString());
    expect(result.facts['tokenIdNote']).toMatch(/tokenId 42 in the settings is not this token/);
  });

  it('check() says expiry unknown, never "no expiry", when the token has no expiryDays', async () => {
    server = await bitbucketDc({
      tokens: [{ id: TOKEN_ID, name: 'forever?', created: daysFromNow(-400) }],
    });
    const result = await check(config({ expiresAt: daysFromNow(20).toISOString() }), TOKEN);
    expect(result.verdict).toBe('expiring');
    expect(result.expirySource).toBe('admin');
    expect(result.facts['expiry']).toMatch(/^unknown: .* sent no expiryDays/);
    expect(result.facts['permissions']).toBe('REPO_READ, PROJECT_READ');
  });

  it('check() says expiry unknown when the entry lacks createdDate', async () => {
    const rest = entry({ id: TOKEN_ID, name: 'ci sync', created: daysFromNow(-1), expiryDays: 30 });
    delete rest['createdDate'];
    server = await bitbucketDc({ raw: [rest] });
    const result = await check(config(), TOKEN);
    expect(result.expiresAt).toBeNull();
    expect(result.facts).toMatchObject({ tokenCreated: 'unknown', expiryDays: '30' });
    expect(result.facts['expiry']).toMatch(/^unknown:/);
  });

  it('check() says the token is not among the owner’s tokens when Bitbucket answers 404 for its id', async () => {
    server = await bitbucketDc({ scope: '/users/someone-else' });
    const result = await check(config(), TOKEN);
    expect(result.verdict).toBe('healthy');
    expect(result.expiresAt).toBeNull();
    expect(result.facts['expiry']).toMatch(
      /^unknown: Bitbucket Data Center has no token 361836483637 among the tokens of user ci-bot \(404\)/,
    );
  });

  it('check() keeps healthy and uses the admin expiry when reading tokens answers 401 for lack of permission', async () => {
    server = await bitbucketDc({ tokensAnswer: (req, res) => sendJson(res, 401, AUTH_FAILED) });
    const result = await check(config({ expiresAt: daysFromNow(10).toISOString() }), TOKEN);
    expect(result.verdict).toBe('expiring');
    expect(result.expirySource).toBe('admin');
    expect(result.facts['expiry']).toMatch(/answered 401/);
  });

  it('check() does not read tokens and says how to get the service expiry when neither owner nor project is set', async () => {
    server = await bitbucketDc();
    const result = await check(config({ username: undefined }), TOKEN);
    expect(result.verdict).toBe('healthy');
    expect(result.facts['expiry']).toMatch(/set the token owner's user slug, or the project key/);
    expect(server.requests).toHaveLength(1);
  });

  it('check() returns rejected with Bitbucket\'s own words when it answers 401 "Authentication failed"', async () => {
    server = await bitbucketDc();
    const result = await check(
      config({ expiresAt: daysFromNow(30).toISOString() }),
      'BBDC-revoked',
    );
    expect(result.verdict).toBe('rejected');
    expect(result.message).toMatch(/Authentication failed\. Please check your credentials/);
    expect(server.requests).toHaveLength(1);
  });

  it('check() returns anonymous when Bitbucket answers 200 without X-AUSERNAME (the token never arrived)', async () => {
    server = await answering(200, PROPERTIES);
    const result = await check(config(), TOKEN);
    expect(result.verdict).toBe('anonymous');
    expect(result.identity).toBeNull();
  });

  it('check() returns unexpected-response when the base URL points at Jira, which answers a property array', async () => {
    server = await answering(200, [{ id: 'jira.title', key: 'jira.title', value: 'Jira' }], {
      'X-AUSERNAME': SLUG,
    });
    const result = await check(config(), TOKEN);
    expect(result.verdict).toBe('unexpected-response');
    expect(result.message).toMatch(/points at Bitbucket/);
  });
});
