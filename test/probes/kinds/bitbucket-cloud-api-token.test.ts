import { parseIntegrationConfig } from '../../../src/domain/integration';
import { buildRequest } from '../../../src/probes/kinds/bitbucket-cloud-api-token';
import {
  answering,
  basicAuth,
  bearerToken,
  sendJson,
  startServer,
  urlOf,
  type TestServer,
} from '../../support/server';
import { check, daysFromNow } from '../../support/probe';

const EMAIL = 'ci-bot@acme.example';
const API_TOKEN = 'ATATT3xFfGF0bitbucket-api-token-0001';
const ACCESS_TOKEN = 'ATCTT3xFfGN0workspace-access-token-0002';
const ACCOUNT = '557058:3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b';

const USER = {
  display_name: 'CI Bot',
  links: { avatar: { href: 'https://secure.gravatar.com/avatar/x' } },
  created_on: '2021-03-04T10:11:12.000000+00:00',
  type: 'user',
  uuid: '{0b8e6f2a-1c3d-4e5f-8a9b-7c6d5e4f3a2b}',
  has_2fa_enabled: null,
  is_staff: false,
  account_id: ACCOUNT,
  nickname: 'ci-bot',
  account_status: 'active',
  location: null,
};
const INVALID = {
  type: 'error',
  error: { message: 'Token is invalid, expired, or not supported for this endpoint.' },
};

/** api.bitbucket.org /2.0/user: Basic email + API token, or a Bearer access token. */
function bitbucketCloud() {
  return startServer((req, res) => {
    if (req.path !== '/2.0/user') {
      return sendJson(res, 404, { type: 'error', error: { message: 'Resource not found' } });
    }
    const auth = basicAuth(req);
    if (auth?.user === EMAIL && auth.password === API_TOKEN) return sendJson(res, 200, USER);
    if (bearerToken(req) === ACCESS_TOKEN) {
      return sendJson(res, 200, { ...USER, display_name: 'ci-workspace-token', nickname: 'bot' });
    }
    sendJson(res, 401, INVALID);
  });
}

describe('bitbucket-cloud-api-token probe', () => {
  let server: TestServer | undefined;
  afterEach(async () => server?.close());

  const config = (extra: Record<string, unknown> = {}) => ({
    kind: 'bitbucket-cloud-api-token',
    baseUrl: urlOf(server),
    username: EMAIL,
    ...extra,
  });

  it('buildRequest() targets api.bitbucket.org by default and uses Bearer when no username is given', () => {
    const parsed = parseIntegrationConfig({ kind: 'bitbucket-cloud-api-token' });
    if (!parsed.ok) throw new Error('config should parse');
    const request = buildRequest(parsed.value, ACCESS_TOKEN);
    expect(request.url).toBe('https://api.bitbucket.org/2.0/user');
    expect(request.headers).toEqual({ Authorization: `Bearer ${ACCESS_TOKEN}` });
  });

  it('check() returns healthy with account_id, nickname and display name for an API token sent as Basic email:token', async () => {
    server = await bitbucketCloud();
    const result = await check(config(), API_TOKEN);
    expect(result.verdict).toBe('healthy');
    expect(result.identity).toEqual({ id: ACCOUNT, username: 'ci-bot', displayName: 'CI Bot' });
    const [sent] = server.requests;
    expect(sent && basicAuth(sent)).toEqual({ user: EMAIL, password: API_TOKEN });
    expect(result.facts['auth']).toMatch(/Basic/);
  });

  it('check() sends a workspace access token as Bearer when no username is configured', async () => {
    server = await bitbucketCloud();
    const result = await check(config({ username: undefined }), ACCESS_TOKEN);
    expect(result.verdict).toBe('healthy');
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(result.identity?.displayName).toBe('ci-workspace-token');
  });

  it('check() returns rejected with Bitbucket\'s message when it answers 401 "Token is invalid, expired…"', async () => {
    server = await bitbucketCloud();
    const result = await check(config(), 'ATATT3xFfGF0-revoked-token-9999');
    expect(result.verdict).toBe('rejected');
    expect(result.message).toMatch(/Token is invalid, expired, or not supported/);
    expect(result.message).toContain(EMAIL);
  });

  it('check() returns insufficient-scope naming the missing scope when a scoped API token lacks read:user:bitbucket', async () => {
    server = await answering(403, {
      type: 'error',
      error: {
        message: 'Your credentials lack one or more required privilege scopes.',
        detail: { granted: ['read:repository:bitbucket'], required: ['read:user:bitbucket'] },
      },
    });
    const result = await check(config(), API_TOKEN);
    expect(result.verdict).toBe('insufficient-scope');
    expect(result.message).toMatch(/needs read:user:bitbucket/);
  });

  it('check() returns insufficient-scope with an access-token hint when a Bearer token gets 403 Forbidden', async () => {
    server = await answering(403, { type: 'error', error: { message: 'Forbidden' } });
    const result = await check(config({ username: undefined }), ACCESS_TOKEN);
    expect(result.verdict).toBe('insufficient-scope');
    expect(result.message).toMatch(/access token has no user of its own/);
  });

  it('check() returns identity-changed when the token belongs to someone other than the pinned account', async () => {
    server = await bitbucketCloud();
    const result = await check(config({ expectedAccountId: '557058:someone-else' }), API_TOKEN);
    expect(result.verdict).toBe('identity-changed');
  });

  it('check() returns expiring from the admin-entered date, since Bitbucket Cloud does not report token expiry', async () => {
    server = await bitbucketCloud();
    const result = await check(config({ expiresAt: daysFromNow(2.5).toISOString() }), API_TOKEN);
    expect(result.verdict).toBe('expiring');
    expect(result.daysLeft).toBe(2);
    expect(result.expirySource).toBe('admin');
  });
});
