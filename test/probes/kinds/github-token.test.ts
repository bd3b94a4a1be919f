import { parseIntegrationConfig } from '../../../src/domain/integration-input';
import { parseTokenExpiration } from '../../../src/probes/kinds/github-token';
import { NOW, check } from '../../support/probe';
import {
  answering,
  bearerToken,
  sendJson,
  startServer,
  urlOf,
  type Handler,
  type TestServer,
} from '../../support/server';

const CLASSIC = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
const FINE_GRAINED = 'github_pat_11ABCDEFG0abcdefghijkl_mnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQR';
const USER = { login: 'ci-bot', id: 5840921, name: 'CI Bot', type: 'User', site_admin: false };
const BAD_CREDENTIALS = {
  message: 'Bad credentials',
  documentation_url: 'https://docs.github.com/rest',
  status: '401',
};
const epochSeconds = (offsetSeconds: number): string =>
  String(Math.floor(NOW.getTime() / 1000) + offsetSeconds);

/** GitHub's GET /user: the user for the right bearer token, "Bad credentials" otherwise. */
function github(headers: Record<string, string> = {}, token = CLASSIC): Handler {
  return (req, res) => {
    if (!req.path.endsWith('/user')) return sendJson(res, 404, { message: 'Not Found' });
    if (bearerToken(req) !== token) return sendJson(res, 401, BAD_CREDENTIALS, headers);
    sendJson(res, 200, USER, { 'X-RateLimit-Remaining': '4999', ...headers });
  };
}

const SSO_URL =
  'https://github.com/orgs/acme/sso?authorization_request=AZSCKtL4U8yX1H3sCQIVnVgmjmon5fWxks5YrqhJgah0b2tlbl9pZM4EuMz4';
/**
 * The body and header GitHub sends a classic token not authorised for an organisation's SAML SSO:
 * docs.github.com "Authenticating to the REST API" (403 with `X-GitHub-SSO` holding a URL that
 * expires after an hour); exact wording as reported in scala-steward-action#173.
 */
const SAML_ENFORCED = {
  message:
    'Resource protected by organization SAML enforcement. You must grant your Personal Access token access to this organization.',
  documentation_url:
    'https://docs.github.com/articles/authenticating-to-a-github-organization-with-saml-single-sign-on/',
};
const ORG = {
  login: 'acme',
  id: 9919,
  url: 'https://api.github.com/orgs/acme',
  type: 'Organization',
};

/**
 * GitHub with organisation acme enforcing SAML SSO: /user answers the token whatever its SSO
 * authorisation (it belongs to no organisation); /orgs/acme refuses a token not authorised for it.
 */
function githubWithSso(authorised: boolean): Handler {
  const user = github({ 'X-OAuth-Scopes': 'repo, read:org' });
  return (req, res) => {
    if (!req.path.startsWith('/orgs/')) return user(req, res);
    if (req.path !== '/orgs/acme') {
      return sendJson(res, 404, {
        message: 'Not Found',
        documentation_url: 'https://docs.github.com/rest/orgs/orgs#get-an-organization',
        status: '404',
      });
    }
    if (authorised) return sendJson(res, 200, ORG);
    sendJson(res, 403, SAML_ENFORCED, { 'X-GitHub-SSO': `required; url=${SSO_URL}` });
  };
}

describe('github-token probe', () => {
  let server: TestServer | undefined;
  afterEach(async () => server?.close());

  const config = (extra: Record<string, unknown> = {}) => ({
    kind: 'github-token',
    baseUrl: urlOf(server),
    ...extra,
  });

  it('check() returns healthy with the login, the scopes and the service expiry when GitHub answers 200', async () => {
    server = await startServer(
      github({
        'X-OAuth-Scopes': 'repo, read:org',
        'GitHub-Authentication-Token-Expiration': '2027-06-01 00:00:00 UTC',
      }),
    );
    const result = await check(config(), CLASSIC);
    expect(result.verdict).toBe('healthy');
    expect(result.identity).toEqual({ id: '5840921', username: 'ci-bot', displayName: 'CI Bot' });
    expect(result.facts).toMatchObject({ scopes: 'repo, read:org', accountType: 'User' });
    expect(result.expiresAt).toBe('2027-06-01T00:00:00.000Z');
    expect(result.expirySource).toBe('service');
    const sent = server.requests[0];
    expect([sent?.method, sent?.path]).toEqual(['GET', '/user']);
    expect(sent?.headers.authorization).toBe(`Bearer ${CLASSIC}`);
    expect(sent?.headers.accept).toBe('application/json');
    expect(sent?.headers['x-github-api-version']).toBe('2022-11-28');
  });

  it('check() calls /api/v3/user on GitHub Enterprise Server when the base URL carries /api/v3', async () => {
    server = await startServer(github());
    const result = await check(config({ baseUrl: `${server.url}/api/v3` }), CLASSIC);
    expect(result.verdict).toBe('healthy');
    expect(server.requests[0]?.path).toBe('/api/v3/user');
  });

  it('check() reports a fine-grained token without scopes, since GitHub sends no X-OAuth-Scopes for it', async () => {
    server = await startServer(github({}, FINE_GRAINED));
    const result = await check(config(), FINE_GRAINED);
    expect(result.verdict).toBe('healthy');
    expect(result.facts.scopes).toBeUndefined();
    expect(result.facts.tokenType).toBe('fine-grained personal access token');
  });

  it('check() returns expiring when GitHub says the token expires in 3 days', async () => {
    server = await startServer(
      github({ 'GitHub-Authentication-Token-Expiration': '2026-11-26 12:00:00 UTC' }),
    );
    const result = await check(config(), CLASSIC);
    expect(result.verdict).toBe('expiring');
    expect(result.severity).toBe('warning');
    expect(result.daysLeft).toBe(3);
    expect(result.expirySource).toBe('service');
  });

  it('check() reads an expiration header with a numeric offset exactly', async () => {
    server = await startServer(
      github({ 'GitHub-Authentication-Token-Expiration': '2026-11-26 05:00:00 -0700' }),
    );
    const result = await check(config(), CLASSIC);
    expect(result.expiresAt).toBe('2026-11-26T12:00:00.000Z');
    expect(result.verdict).toBe('expiring');
  });

  it('check() returns expired when GitHub answers 401 and its expiration header is in the past', async () => {
    server = await startServer(
      github({ 'GitHub-Authentication-Token-Expiration': '2026-11-20 12:00:00 UTC' }, 'renewed'),
    );
    const result = await check(config(), CLASSIC);
    expect(result.verdict).toBe('expired');
    expect(result.severity).toBe('critical');
    expect(result.expiresAt).toBe('2026-11-20T12:00:00.000Z');
  });

  it('check() returns rejected naming "Bad credentials" when GitHub answers 401', async () => {
    server = await startServer(github({}, 'another-token-entirely'));
    const result = await check(config(), CLASSIC);
    expect(result.verdict).toBe('rejected');
    expect(result.message).toMatch(/^GitHub answered 401 \(Bad credentials\)/);
  });

  it('check() returns rate-limited until x-ratelimit-reset when GitHub answers 403 with no quota left', async () => {
    server = await answering(
      403,
      {
        message: 'API rate limit exceeded for user ID 5840921.',
        documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
      },
      {
        'X-RateLimit-Limit': '5000',
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': epochSeconds(120),
        'X-RateLimit-Resource': 'core',
      },
    );
    const result = await check(config(), CLASSIC);
    expect(result.verdict).toBe('rate-limited');
    expect(result.retryAfterSeconds).toBe(120);
    expect(result.severity).toBe('unknown');
  });

  it('check() returns rate-limited when GitHub answers 429 with no quota left', async () => {
    server = await answering(
      429,
      { message: 'API rate limit exceeded' },
      { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': epochSeconds(45) },
    );
    const result = await check(config(), CLASSIC);
    expect(result.verdict).toBe('rate-limited');
    expect(result.retryAfterSeconds).toBe(45);
  });

  it('check() returns rate-limited with Retry-After when GitHub answers 403 for a secondary rate limit', async () => {
    server = await answering(
      403,
      {
        message:
          'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        documentation_url:
          'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
      },
      { 'Retry-After': '60', 'X-RateLimit-Remaining': '4321' },
    );
    const result = await check(config(), CLASSIC);
    expect(result.verdict).toBe('rate-limited');
    expect(result.retryAfterSeconds).toBe(60);
    expect(result.message).toMatch(/secondary rate limit/);
  });

  it('check() returns insufficient-scope when GitHub answers 403 "Resource not accessible by personal access token"', async () => {
    server = await answering(
      403,
      {
        message: 'Resource not accessible by personal access token',
        documentation_url: 'https://docs.github.com/rest/users/users#get-the-authenticated-user',
      },
      { 'X-RateLimit-Remaining': '4999' },
    );
    const result = await check(config(), FINE_GRAINED);
    expect(result.verdict).toBe('insufficient-scope');
    expect(result.message).toContain('Resource not accessible by personal access token');
  });

  it('check() returns locked with the authorisation link when the organisation answers 403 X-GitHub-SSO: required', async () => {
    server = await startServer(githubWithSso(false));
    const result = await check(config({ organization: 'acme' }), CLASSIC);
    expect(server.requests.map((r) => r.path)).toEqual(['/user', '/orgs/acme']);
    expect(server.requests[1]?.headers.authorization).toBe(`Bearer ${CLASSIC}`);
    expect(result.verdict).toBe('locked');
    expect(result.severity).toBe('critical');
    expect(result.message).toContain(SSO_URL);
    expect(result.message).toMatch(/not authorised for the organisation's SAML single sign-on/);
    expect(result.message).toMatch(/Configure SSO → Authorize/);
    expect(result.identity?.username).toBe('ci-bot');
    expect(result.facts).toMatchObject({ scopes: 'repo, read:org', organization: 'acme' });
    expect(result.evidence[1]?.headers['x-github-sso']).toBe(`required; url=${SSO_URL}`);
  });

  it('check() returns healthy naming the organisation once the token is authorised for its SSO', async () => {
    server = await startServer(githubWithSso(true));
    const result = await check(config({ organization: 'acme' }), CLASSIC);
    expect(result.verdict).toBe('healthy');
    expect(result.message).toMatch(/as ci-bot; it may also enter organisation acme/);
    expect(result.facts.organization).toBe('acme');
  });

  it('check() does not ask the organisation when /user already failed', async () => {
    server = await startServer(githubWithSso(false));
    const result = await check(
      config({ organization: 'acme' }),
      'ghp_revokedToken000000000000000000000',
    );
    expect(result.verdict).toBe('rejected');
    expect(server.requests.map((r) => r.path)).toEqual(['/user']);
  });

  it('check() names both causes when the organisation answers 404', async () => {
    server = await startServer(githubWithSso(true));
    const result = await check(config({ organization: 'acme-typo' }), CLASSIC);
    expect(result.verdict).toBe('unexpected-response');
    expect(result.message).toMatch(/no organisation has that name, or the token is not authorised/);
  });

  it('check() without an organisation asks only /user, as before', async () => {
    server = await startServer(githubWithSso(false));
    const result = await check(config(), CLASSIC);
    expect(result.verdict).toBe('healthy');
    expect(server.requests.map((r) => r.path)).toEqual(['/user']);
  });

  it('refuses a GitHub App installation token (ghs_) before sending anything, pointing to the GitHub App kind', async () => {
    server = await startServer(githubWithSso(true));
    await expect(check(config(), 'ghs_16C7e42F292c6912E7710c838347Ae178B4a')).rejects.toThrow(
      /installation token \(ghs_…\): it lives one hour.*GitHub App kind/,
    );
    expect(server.requests).toEqual([]);
  });

  it('check() returns identity-changed when the token belongs to someone other than the pinned account', async () => {
    server = await startServer(github());
    const result = await check(config({ expectedAccountId: 'release-bot' }), CLASSIC);
    expect(result.verdict).toBe('identity-changed');
  });
});

describe('github-token config', () => {
  const parse = (organization: string) =>
    parseIntegrationConfig({ kind: 'github-token', organization });

  it('accepts an organisation name and refuses what GitHub would not name one', () => {
    expect(parse('acme-corp').ok).toBe(true);
    for (const bad of ['-acme', 'acme-', 'ac--me', 'acme/x', 'a'.repeat(40), '']) {
      expect(parse(bad).ok).toBe(false);
    }
  });
});

describe('parseTokenExpiration', () => {
  it('reads the UTC and the numeric-offset forms GitHub sends', () => {
    expect(parseTokenExpiration('2026-12-01 12:00:00 UTC')?.toISOString()).toBe(
      '2026-12-01T12:00:00.000Z',
    );
    expect(parseTokenExpiration('2021-08-17 12:00:00 -0700')?.toISOString()).toBe(
      '2021-08-17T19:00:00.000Z',
    );
    expect(parseTokenExpiration('2021-08-17 12:00:00 +0530')?.toISOString()).toBe(
      '2021-08-17T06:30:00.000Z',
    );
  });

  it('refuses other formats and impossible dates rather than guessing', () => {
    for (const bad of [
      undefined,
      '',
      '2026-12-01T12:00:00Z',
      '2026-12-01 12:00:00',
      '2026-02-30 12:00:00 UTC',
      '2026-12-01 24:00:00 UTC',
      'Tue, 01 Dec 2026 12:00:00 GMT',
    ]) {
      expect(parseTokenExpiration(bad)).toBeNull();
    }
  });
});
