import { parseIntegrationConfig } from '../../../src/domain/integration-input';
import { type IntegrationConfig } from '../../../src/domain/integration';
import type { FetchLike } from '../../../src/http/client';
import { parseSecret } from '../../../src/probes/kinds/atlassian-oauth2';
import { MemoryGrantStore, type GrantState } from '../../../src/probes/oauth/grant-store';
import {
  CONFLUENCE_CURRENT_PATH,
  MYSELF_PATH,
  serveConfluenceCurrent,
  serveMyself,
} from '../../support/atlassian-gateway';
import {
  startAtlassianApi,
  must,
  startOidcProvider,
  storedGrant,
  userOf,
  type AtlassianSite,
  type OidcProvider,
} from '../../support/oidc/provider';
import { check, daysFromNow, NOW, serialised } from '../../support/probe';
import { answering, sendHtml, sendJson, startServer, type TestServer } from '../../support/server';

const ACME: AtlassianSite = {
  id: '1324a887-45db-1bf4-1e99-ef0ff456d421',
  name: 'acme',
  url: 'https://acme.atlassian.net',
};
const BETA: AtlassianSite = {
  id: '8e2a1c2b-1111-4a4a-9c9c-2b7c0e0f0001',
  name: 'beta',
  url: 'https://beta.atlassian.net',
};

function configOf(input: Record<string, unknown>): IntegrationConfig {
  const parsed = parseIntegrationConfig({ kind: 'atlassian-oauth2', ...input });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
}

describe('atlassian-oauth2 parseSecret', () => {
  const keepSecret = {
    clientId: 'cid-0001',
    clientSecret: 'csecret-0001',
    refreshToken: 'rt-0001',
  };

  it('reads {clientId, clientSecret, refreshToken} as keep mode and lists the secrets', () => {
    const parsed = parseSecret(JSON.stringify(keepSecret), configOf({}));
    expect(parsed).toEqual({
      ok: true,
      secret: { mode: 'keep', ...keepSecret },
      sensitive: ['csecret-0001', 'rt-0001'],
    });
  });

  it('reads {accessToken} as observe mode', () => {
    const parsed = parseSecret('{"accessToken":"eyJ-at-0001"}', configOf({ mode: 'observe' }));
    expect(parsed).toEqual({
      ok: true,
      secret: { mode: 'observe', accessToken: 'eyJ-at-0001' },
      sensitive: ['eyJ-at-0001'],
    });
  });

  it('refuses malformed JSON without echoing it', () => {
    const parsed = parseSecret('{"refreshToken": "rt-leaky-0001",', configOf({}));
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(/not valid JSON/);
    expect(JSON.stringify(parsed)).not.toContain('rt-leaky-0001');
  });

  it('refuses a bare token that is not JSON, and JSON that is not an object', () => {
    expect(parseSecret('ATATT-plain-token', configOf({})).ok).toBe(false);
    const list = parseSecret('["rt-0001"]', configOf({}));
    expect(!list.ok && list.error).toMatch(/JSON object/);
  });

  it('refuses a keep secret missing the client secret, naming what is missing', () => {
    const parsed = parseSecret('{"clientId":"cid","refreshToken":"rt-0001"}', configOf({}));
    expect(!parsed.ok && parsed.error).toMatch(/missing: clientSecret/);
  });

  it('refuses mode observe with a grant to keep, and mode keep with only an access token', () => {
    const observe = parseSecret(JSON.stringify(keepSecret), configOf({ mode: 'observe' }));
    expect(!observe.ok && observe.error).toMatch(
      /mode is "observe" but the secret holds a refresh/,
    );
    const keep = parseSecret('{"accessToken":"at-0001"}', configOf({ mode: 'keep' }));
    expect(!keep.ok && keep.error).toMatch(/mode is "keep" but the secret holds only an access/);
  });

  it('refuses empty or non-string fields', () => {
    const parsed = parseSecret('{"accessToken":""}', configOf({}));
    expect(!parsed.ok && parsed.error).toMatch(/accessToken must be a non-empty string/);
    expect(parseSecret('{"accessToken":42}', configOf({})).ok).toBe(false);
    expect(parseSecret('{}', configOf({})).ok).toBe(false);
  });
});

describe('atlassian-oauth2 probe, observe mode', () => {
  // Atlassian access tokens are JWTs that live one hour; the probe must not call that an expiry.
  const exp = Math.floor(NOW.getTime() / 1000) + 3600;
  const ACCESS =
    'eyJhbGciOiJSUzI1NiJ9.' +
    Buffer.from(JSON.stringify({ sub: '557058:abc', exp })).toString('base64url') +
    '.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg';
  let server: TestServer | undefined;
  afterEach(async () => server?.close());

  const USER = {
    accountId: '557058:abc',
    displayName: 'Ana Silva',
    emailAddress: 'ana@acme.example',
  };
  const myselfOf = (cloudId: string) => `/ex/jira/${cloudId}/rest/api/3/myself`;

  function api(sites: AtlassianSite[], scopes = ['read:jira-work', 'read:jira-user']) {
    return startServer((req, res) => {
      const live = req.headers.authorization === `Bearer ${ACCESS}`;
      const caller = live ? { user: USER, scopes, cloudIds: sites.map((s) => s.id) } : null;
      const myself = MYSELF_PATH.exec(req.path);
      if (myself) return serveMyself(res, myself[1] ?? '', caller);
      const confluence = CONFLUENCE_CURRENT_PATH.exec(req.path);
      if (confluence) return serveConfluenceCurrent(res, confluence[1] ?? '', caller);
      if (req.path !== '/oauth/token/accessible-resources') return sendJson(res, 404, {});
      if (!live) {
        return sendJson(res, 401, { code: 401, message: 'Unauthorized' });
      }
      sendJson(
        res,
        200,
        sites.map((s) => ({ ...s, scopes, avatarUrl: 'https://avatars.example/a.png' })),
      );
    });
  }
  const run = (extra: Record<string, unknown> = {}, token = ACCESS) =>
    check(
      { kind: 'atlassian-oauth2', baseUrl: must(server).url, ...extra },
      JSON.stringify({ accessToken: token }),
    );

  it('check() returns healthy with the identity Jira gives the token on the configured site, listing sites and scopes', async () => {
    server = await api([ACME, BETA]);
    const result = await run({ cloudId: BETA.id });
    expect(result.verdict).toBe('healthy');
    expect(result.identity).toEqual({
      id: USER.accountId,
      displayName: 'Ana Silva',
      email: 'ana@acme.example',
    });
    expect(result.message).toMatch(/Jira on beta knows it as Ana Silva/);
    expect(result.facts).toEqual({
      mode: 'observe',
      sites: 'acme (https://acme.atlassian.net), beta (https://beta.atlassian.net)',
      cloudIds: `${ACME.id}, ${BETA.id}`,
      scopes: 'read:jira-user read:jira-work',
      provedOn: `beta (${BETA.id})`,
    });
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /oauth/token/accessible-resources',
      `GET ${myselfOf(BETA.id)}`,
    ]);
    expect(must(server.requests[1]).headers.authorization).toBe(`Bearer ${ACCESS}`);
  });

  it("check() ignores the access token's own one-hour exp and never refreshes", async () => {
    server = await api([ACME]);
    const result = await run();
    expect(result.verdict).toBe('healthy');
    expect(result.expiresAt).toBeNull();
    expect(server.requests.map((r) => r.path)).toEqual([
      '/oauth/token/accessible-resources',
      myselfOf(ACME.id),
    ]);
  });

  it('check() returns identity-changed when the pinned account is not the one Jira names', async () => {
    server = await api([ACME]);
    expect((await run({ expectedAccountId: USER.accountId })).verdict).toBe('healthy');
    const swapped = await run({ expectedAccountId: '557058:someone-else' });
    expect(swapped.verdict).toBe('identity-changed');
  });

  it('check() returns insufficient-scope naming the scope Get current user needs when the gateway says "scope does not match"', async () => {
    server = await api([ACME], ['read:jira-work']);
    const result = await run();
    expect(result.verdict).toBe('insufficient-scope');
    expect(result.message).toMatch(/401 "scope does not match"/);
    expect(result.message).toContain('read:jira-user (classic)');
    expect(result.identity).toBeNull();
  });

  it("check() accepts Get current user's whole granular scope set", async () => {
    const granular = [
      'read:application-role:jira',
      'read:group:jira',
      'read:user:jira',
      'read:avatar:jira',
    ];
    server = await api([ACME], granular);
    expect((await run()).verdict).toBe('healthy');
  });

  it("check() proves a Confluence grant through Confluence's current user, never Jira's", async () => {
    const confluenceOnly = ['read:confluence-user', 'read:confluence-content.summary'];
    server = await api([ACME], confluenceOnly);
    const result = await run({ product: 'confluence', cloudId: ACME.id });

    expect(result.verdict).toBe('healthy');
    expect(result.identity).toEqual({
      id: USER.accountId,
      displayName: USER.displayName,
      email: USER.emailAddress,
    });
    expect(result.message).toMatch(/Confluence on acme knows it as Ana Silva/);
    expect(must(server).requests.map((r) => r.path)).toEqual([
      '/oauth/token/accessible-resources',
      `/ex/confluence/${ACME.id}/wiki/rest/api/user/current`,
    ]);
    // Without a cloud id, the first site with a Confluence scope is the one asked.
    expect((await run({ product: 'confluence' })).facts.provedOn).toBe(`acme (${ACME.id})`);
  });

  it('check() names the Confluence scopes Get current user needs when a Confluence grant lacks them', async () => {
    server = await api([ACME], ['read:confluence-content.summary']);
    const result = await run({ product: 'confluence', cloudId: ACME.id });
    expect(result.verdict).toBe('insufficient-scope');
    expect(result.message).toMatch(
      /Confluence on acme who it is: the grant lacks read:confluence-user/,
    );
  });

  it('check() stays with the site list and says so when no site lists a Jira scope', async () => {
    server = await api([ACME], ['read:confluence-content.summary']);
    const result = await run();
    expect(result.verdict).toBe('healthy');
    expect(result.identity).toBeNull();
    expect(result.facts.proof).toMatch(/^not proved: no site lists a Jira scope/);
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    [401, { code: 401, message: 'Unauthorized' }, 'rejected', /revoked meanwhile/],
    [403, { errorMessages: ['Forbidden'] }, 'insufficient-scope', /may not use Jira/],
    [200, { displayName: 'No id' }, 'unexpected-response', /without an accountId/],
  ])(
    'check() judges a Get current user answer of %i after a good site list',
    async (status, body, verdict, message) => {
      server = await startServer((req, res) =>
        req.path === '/oauth/token/accessible-resources'
          ? sendJson(res, 200, [{ ...ACME, scopes: ['read:jira-user'] }])
          : sendJson(res, status, body),
      );
      const result = await run();
      expect(result.verdict).toBe(verdict);
      expect(result.message).toMatch(message);
    },
  );

  it('check() returns insufficient-scope, not anonymous, when the grant reaches no site', async () => {
    server = await api([]);
    const result = await run();
    expect(result.verdict).toBe('insufficient-scope');
    expect(result.message).toMatch(/reaches no site .*not installed on any site/);
    expect(result.facts.sites).toBe('none');
    expect(server.requests).toHaveLength(1);
  });

  it('check() returns insufficient-scope when the configured cloudId is missing from accessible-resources', async () => {
    server = await api([BETA]);
    const result = await run({ cloudId: ACME.id });
    expect(result.verdict).toBe('insufficient-scope');
    expect(result.message).toContain(ACME.id);
  });

  it('check() returns rejected when Atlassian answers 401 Unauthorized', async () => {
    server = await api([ACME]);
    const result = await run({}, 'eyJhbGciOiJSUzI1NiJ9.e30.revoked-token-signature');
    expect(result.verdict).toBe('rejected');
    expect(result.message).toMatch(/^Atlassian answered 401/);
    expect(serialised(result)).not.toContain('revoked-token-signature');
  });
});

/** A grant store that logs each save, so tests can see when tokens were saved versus used. */
class RecordingStore extends MemoryGrantStore {
  constructor(private readonly log: string[]) {
    super();
  }
  override async save(state: GrantState): Promise<void> {
    this.log.push(`save refresh=${state.refreshToken} access=${state.accessToken}`);
    return super.save(state);
  }
}

function recordingFetch(log: string[]): FetchLike {
  const real = globalThis.fetch as unknown as FetchLike;
  return (url, init) => {
    if (url.endsWith('/accessible-resources')) log.push(`use access=${bearerOf(init.headers)}`);
    return real(url, init);
  };
}

function bearerOf(headers: Record<string, string>): string {
  return (headers.Authorization ?? '').replace(/^Bearer /, '');
}

describe('atlassian-oauth2 probe, keep mode against a real authorization server', () => {
  let oidc: OidcProvider;
  let api: TestServer;
  let sites: AtlassianSite[] = [ACME];
  beforeAll(async () => {
    oidc = await startOidcProvider();
    api = await startAtlassianApi(oidc, () => sites);
  });
  afterAll(async () => {
    await api.close();
    await oidc.close();
  });
  beforeEach(async () => {
    sites = [ACME];
    await oidc.stats({ reset: true });
  });

  const config = (extra: Record<string, unknown> = {}) => ({
    kind: 'atlassian-oauth2',
    baseUrl: api.url,
    tokenUrl: oidc.tokenUrl,
    cloudId: ACME.id,
    consentedAt: daysFromNow(-30).toISOString(),
    ...extra,
  });
  const secretFor = (refreshToken: string) =>
    JSON.stringify({ clientId: oidc.client.id, clientSecret: oidc.client.secret, refreshToken });

  it('check() returns healthy after a rotating refresh, recording the attempt first and saving the new refresh token before using the new access token', async () => {
    const first = await oidc.mintRefreshToken('acct-rotation');
    const log: string[] = [];
    const store = new RecordingStore(log);
    const result = await check(config(), secretFor(first), {
      grants: store,
      fetch: recordingFetch(log),
    });
    expect(result.verdict).toBe('healthy');
    const saved = await storedGrant(store);
    expect(saved.refreshToken).not.toBe(first);
    expect(log).toEqual([
      `save refresh=${first} access=undefined`,
      `save refresh=${saved.refreshToken} access=${saved.accessToken}`,
      `use access=${saved.accessToken}`,
    ]);
    expect(result.facts).toMatchObject({
      mode: 'keep',
      refreshed: 'yes',
      sites: expect.any(String),
    });
    expect(result.facts.scopes).toBe('read:jira-user read:jira-work read:me');
    expect(result.identity).toMatchObject({
      id: 'acct-rotation',
      displayName: 'User acct-rotation',
    });
    expect(result.expirySource).toBe('grant');
    expect(result.expiresAt).toBe(daysFromNow(90).toISOString());
    expect(await oidc.stats()).toEqual({ refreshes: 1, errors: [] });
  });

  it('check() does not refresh while the stored access token is fresh', async () => {
    const first = await oidc.mintRefreshToken('acct-fresh');
    const grants = new MemoryGrantStore();
    await check(config(), secretFor(first), { grants });
    const second = await check(config(), secretFor(first), { grants });
    expect(second.verdict).toBe('healthy');
    expect(second.facts.refreshed).toBe('no');
    expect(second.evidence.map((e) => e.url)).toEqual([
      `${api.url}/oauth/token/accessible-resources`,
      `${api.url}/ex/jira/${ACME.id}/rest/api/3/myself`,
    ]);
    expect((await oidc.stats()).refreshes).toBe(1);
  });

  it('check() run 10 times at once on one grant refreshes exactly once and never trips invalid_grant', async () => {
    const first = await oidc.mintRefreshToken('acct-concurrent');
    const grants = new MemoryGrantStore();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => check(config(), secretFor(first), { grants })),
    );
    expect(results.map((r) => r.verdict)).toEqual(Array(10).fill('healthy'));
    expect(results.filter((r) => r.facts.refreshed === 'yes')).toHaveLength(1);
    expect(await oidc.stats()).toEqual({ refreshes: 1, errors: [] });
  });

  it('check() returns rejected asking for re-consent when an already-rotated refresh token is reused', async () => {
    const first = await oidc.mintRefreshToken('acct-reuse');
    const kept = new MemoryGrantStore();
    expect((await check(config(), secretFor(first), { grants: kept })).verdict).toBe('healthy');
    // A second copy of the app (its own store) still holds the original refresh token.
    const result = await check(config(), secretFor(first), { grants: new MemoryGrantStore() });
    expect(result.verdict).toBe('rejected');
    expect(result.message).toMatch(/invalid_grant.*re-consent/);
    expect(must(result.evidence[0]).status).toBe(400);
  });

  it('check() refreshes when a stored access token is refused early, and reports a revoked grant as rejected', async () => {
    const first = await oidc.mintRefreshToken('acct-revoked');
    const kept = new MemoryGrantStore();
    await check(config(), secretFor(first), { grants: kept });
    // Reusing the spent refresh token elsewhere revokes the grant and its live access token.
    await check(config(), secretFor(first), { grants: new MemoryGrantStore() });
    const result = await check(config(), secretFor(first), { grants: kept });
    expect(result.verdict).toBe('rejected');
    expect(result.message).toMatch(/re-consent/);
    expect(result.evidence.map((e) => e.status)).toEqual([401, 400]);
  });

  it('check() returns expiring from the grant when consent was given 360 days ago', async () => {
    const first = await oidc.mintRefreshToken('acct-consent');
    const result = await check(
      config({ consentedAt: daysFromNow(-360).toISOString() }),
      secretFor(first),
      { grants: new MemoryGrantStore() },
    );
    expect(result.verdict).toBe('expiring');
    expect(result.daysLeft).toBe(5);
    expect(result.expirySource).toBe('grant');
    expect(result.facts.grantLimit).toMatch(/^365 days after consent/);
  });

  it('check() returns insufficient-scope when the grant no longer reaches the configured site', async () => {
    sites = [BETA];
    const first = await oidc.mintRefreshToken('acct-site');
    const result = await check(config(), secretFor(first), { grants: new MemoryGrantStore() });
    expect(result.verdict).toBe('insufficient-scope');
    expect(result.expirySource).toBe('grant');
  });

  it('check() pins the consenting account Jira names for the kept grant', async () => {
    const first = await oidc.mintRefreshToken('acct-pinned');
    const grants = new MemoryGrantStore();
    const pinned = await check(config({ expectedAccountId: 'acct-pinned' }), secretFor(first), {
      grants,
    });
    expect(pinned.verdict).toBe('healthy');
    const user = userOf('acct-pinned');
    expect(pinned.identity).toEqual({
      id: user.accountId,
      displayName: user.displayName,
      email: user.emailAddress,
    });
    const other = await check(config({ expectedAccountId: 'acct-other' }), secretFor(first), {
      grants,
    });
    expect(other.verdict).toBe('identity-changed');
  });

  it('check() returns insufficient-scope when the user consented without a Jira user scope', async () => {
    const first = await oidc.mintRefreshToken('acct-narrow', ['offline_access', 'read:jira-work']);
    const result = await check(config(), secretFor(first), { grants: new MemoryGrantStore() });
    expect(result.verdict).toBe('insufficient-scope');
    expect(result.message).toContain('read:jira-user');
    expect(result.facts.refreshed).toBe('yes');
  });

  it('check() without a grant store keeps the rotated refresh token in memory and says so', async () => {
    const first = await oidc.mintRefreshToken('acct-cli');
    const result = await check(config(), secretFor(first));
    expect(result.verdict).toBe('healthy');
    expect(result.message).toMatch(/kept only in memory/);
    expect(result.facts.refreshTokenStorage).toMatch(/^memory only/);
  });

  it('check() never puts the client secret or any token into its result', async () => {
    const first = await oidc.mintRefreshToken('acct-secrets');
    const grants = new MemoryGrantStore();
    const result = await check(config(), secretFor(first), { grants });
    const saved = await storedGrant(grants);
    const text = serialised(result);
    for (const secret of [first, oidc.client.secret, saved.refreshToken, saved.accessToken]) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('atlassian-oauth2 probe, keep mode against Atlassian-shaped token endpoint answers', () => {
  let server: TestServer | undefined;
  afterEach(async () => server?.close());
  const secret = JSON.stringify({
    clientId: 'cid-0001',
    clientSecret: 'csecret-0001',
    refreshToken: 'rt-spent-0001',
  });
  const run = (extra: Record<string, unknown> = {}) =>
    check(
      { kind: 'atlassian-oauth2', tokenUrl: `${must(server).url}/oauth/token`, ...extra },
      secret,
      {
        grants: new MemoryGrantStore(),
      },
    );

  it('check() sends a form-encoded refresh_token grant with the client credentials', async () => {
    server = await answering(403, {
      error: 'invalid_grant',
      error_description: 'Unknown or invalid refresh token.',
    });
    await run();
    const sent = must(server.requests[0]);
    expect(sent.method).toBe('POST');
    expect(sent.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(sent.body))).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'rt-spent-0001',
      client_id: 'cid-0001',
      client_secret: 'csecret-0001',
    });
  });

  it('check() returns expired when Atlassian refuses the refresh token after the 365-day consent limit', async () => {
    server = await answering(403, {
      error: 'invalid_grant',
      error_description: 'Unknown or invalid refresh token.',
    });
    const result = await run({ consentedAt: daysFromNow(-400).toISOString() });
    expect(result.verdict).toBe('expired');
    expect(result.message).toMatch(/re-consent/);
    expect(result.expirySource).toBe('grant');
  });

  it('check() returns unreachable when the token endpoint answers 503', async () => {
    server = await startServer((req, res) =>
      sendHtml(res, 503, '<html>Service Unavailable</html>'),
    );
    const result = await run();
    expect(result.verdict).toBe('unreachable');
    expect(result.message).toMatch(/says nothing about the credential/);
  });

  it('check() returns rate-limited with Retry-After when the token endpoint answers 429', async () => {
    server = await answering(429, { error: 'too_many_requests' }, { 'Retry-After': '60' });
    const result = await run();
    expect(result.verdict).toBe('rate-limited');
    expect(result.retryAfterSeconds).toBe(60);
  });
});
