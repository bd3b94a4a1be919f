import type { ServerResponse } from 'node:http';
import {
  answering,
  bearerToken,
  sendJson,
  startServer,
  urlOf,
  type RecordedRequest,
  type TestServer,
} from '../../support/server';
import { check, daysFromNow, NOW } from '../../support/probe';

/** A Bitbucket HTTP access token: "BBDC-" + base64 of "<12-digit token id>:<random bytes>". */
const TOKEN_ID = '361836483637';
const RANDOM = Buffer.from('9f2c41d07be3a85516c0de4477a1b2c3d4e5f601', 'hex');
const TOKEN = `BBDC-${Buffer.concat([Buffer.from(`${TOKEN_ID}:`), RANDOM]).toString('base64')}`;
const SLUG = 'ci-bot';

const PROPERTIES = {
  version: '8.19.1',
  buildNumber: '8019001',
  buildDate: '1712345678901',
  displayName: 'Bitbucket',
};
const AUTH_FAILED = {
  errors: [
    {
      context: null,
      message: 'Authentication failed. Please check your credentials and try again.',
      exceptionName: 'com.atlassian.bitbucket.auth.IncorrectPasswordAuthenticationException',
    },
  ],
};

function accessToken(id: string, name: string, createdDate: Date, expiryDays?: number) {
  return {
    id,
    createdDate: createdDate.getTime(),
    lastAuthenticated: Date.parse('2026-11-22T07:30:00.000Z'),
    name,
    permissions: ['REPO_READ', 'PROJECT_READ'],
    user: { name: SLUG, id: 152, slug: SLUG, type: 'NORMAL', active: true },
    ...(expiryDays === undefined ? {} : { expiryDays }),
  };
}

type Listing = (req: RecordedRequest, res: ServerResponse) => void;

function pages(...all: unknown[][]): Listing {
  return (req, res) => {
    const start = Number(new URL(req.path, 'http://x').searchParams.get('start') ?? 0);
    const values = all[start] ?? [];
    const isLastPage = start >= all.length - 1;
    sendJson(res, 200, {
      size: values.length,
      limit: 100,
      isLastPage,
      values,
      start,
      ...(isLastPage ? {} : { nextPageStart: start + 1 }),
    });
  };
}

/** Bitbucket DC: application-properties answers everyone; only a good token earns X-AUSERNAME. */
function bitbucketDc(
  listing: Listing = pages([accessToken(TOKEN_ID, 'ci sync', daysFromNow(-30), 365)]),
) {
  return startServer((req, res) => {
    const sent = bearerToken(req);
    if (sent !== null && sent !== TOKEN) return sendJson(res, 401, AUTH_FAILED);
    if (req.path === '/bitbucket/rest/api/latest/application-properties') {
      const who: Record<string, string> = sent ? { 'X-AUSERID': '152', 'X-AUSERNAME': SLUG } : {};
      return sendJson(res, 200, PROPERTIES, who);
    }
    if (req.path.startsWith(`/bitbucket/rest/access-tokens/latest/users/${SLUG}?`)) {
      return listing(req, res);
    }
    sendJson(res, 404, { errors: [{ message: 'Not found' }] });
  });
}

describe('bitbucket-datacenter-token probe', () => {
  let server: TestServer | undefined;
  afterEach(async () => server?.close());

  const config = (extra: Record<string, unknown> = {}) => ({
    kind: 'bitbucket-datacenter-token',
    baseUrl: `${urlOf(server)}/bitbucket`,
    username: SLUG,
    ...extra,
  });

  it('check() returns healthy with the X-AUSERID/X-AUSERNAME identity and the token facts', async () => {
    server = await bitbucketDc(
      pages([
        accessToken('999999999999', 'laptop', daysFromNow(-10), 30),
        accessToken(TOKEN_ID, 'ci sync', daysFromNow(-30), 365),
      ]),
    );
    const result = await check(config(), TOKEN);
    expect(result.verdict).toBe('healthy');
    expect(result.identity).toEqual({ id: '152', username: SLUG });
    expect(result.expiresAt).toBe(daysFromNow(335).toISOString());
    expect(result.expirySource).toBe('service');
    expect(result.facts).toMatchObject({
      tokenName: 'ci sync',
      permissions: 'REPO_READ, PROJECT_READ',
      lastAuthenticated: '2026-11-22T07:30:00.000Z',
      bitbucketVersion: '8.19.1',
    });
    expect(result.facts['renewal']).toMatch(/cannot renew/);
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('check() returns expiring when the token found on the second page of the listing expires in 4 days', async () => {
    server = await bitbucketDc(
      pages(
        [accessToken('100000000001', 'laptop', daysFromNow(-1), 90)],
        [accessToken('100000000002', 'deploy', NOW, undefined)],
        [accessToken('100000000003', 'ci sync', daysFromNow(-85.5), 90)],
      ),
    );
    const result = await check(config({ tokenId: '100000000003' }), TOKEN);
    expect(result.verdict).toBe('expiring');
    expect(result.daysLeft).toBe(4);
    expect(result.expirySource).toBe('service');
    const listing = server.requests.filter((r) => r.path.includes('/access-tokens/'));
    expect(listing.map((r) => new URL(r.path, 'http://x').searchParams.get('start'))).toEqual([
      '0',
      '1',
      '2',
    ]);
  });

  it('check() reports no service expiry when the matching token has no expiryDays', async () => {
    server = await bitbucketDc(pages([accessToken(TOKEN_ID, 'forever', daysFromNow(-400))]));
    const result = await check(config(), TOKEN);
    expect(result.verdict).toBe('healthy');
    expect(result.expiresAt).toBeNull();
    expect(result.facts['expiry']).toMatch(/^never/);
  });

  it('check() keeps healthy and uses the admin expiry when the token listing answers 401 for lack of permission', async () => {
    server = await bitbucketDc((req, res) => sendJson(res, 401, AUTH_FAILED));
    const result = await check(config({ expiresAt: daysFromNow(10).toISOString() }), TOKEN);
    expect(result.verdict).toBe('expiring');
    expect(result.expirySource).toBe('admin');
    expect(result.facts['expiry']).toMatch(/answered 401/);
  });

  it('check() does not list tokens and says how to get the service expiry when no username is set', async () => {
    server = await bitbucketDc();
    const result = await check(config({ username: undefined }), TOKEN);
    expect(result.verdict).toBe('healthy');
    expect(result.facts['expiry']).toMatch(/set username/);
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
