import type { ServerResponse } from 'node:http';
import {
  answering,
  bearerToken,
  sendHtml,
  sendJson,
  startServer,
  urlOf,
  type RecordedRequest,
  type TestServer,
} from '../../support/server';
import { check, daysFromNow } from '../../support/probe';

/** A real Data Center PAT: base64 of "<12-digit token id>:<20 random bytes>". */
const TOKEN_ID = '742309342887';
const RANDOM = Buffer.from('b4393ad4891f3febad10660963b8ef8de358d596', 'hex');
const TOKEN = Buffer.concat([Buffer.from(`${TOKEN_ID}:`), RANDOM]).toString('base64');
const CONTEXT = '/jira';

const MYSELF = {
  self: 'https://jira.acme.example/jira/rest/api/2/user?username=ci-bot',
  key: 'JIRAUSER10100',
  name: 'ci-bot',
  emailAddress: 'ci-bot@acme.example',
  displayName: 'CI Bot',
  active: true,
  timeZone: 'Europe/Berlin',
};

function pat(id: string | number, name: string, expiringAt: string) {
  return {
    id,
    name,
    createdAt: '2026-05-27T09:12:44.105+0000',
    expiringAt,
    lastAccessedAt: '2026-11-22T08:00:01.337+0000',
  };
}

const NOT_AUTHENTICATED = {
  errorMessages: ['You are not authenticated. Authentication required to perform this operation.'],
  errors: {},
};

interface JiraOptions {
  tokens?: unknown[] | ((req: RecordedRequest, res: ServerResponse) => void);
}

/** Jira Data Center under a /jira context path: /myself for the right PAT, 401 + Seraph otherwise. */
function jiraDc(options: JiraOptions = {}) {
  return startServer((req, res) => {
    if (bearerToken(req) !== TOKEN) {
      return sendJson(res, 401, NOT_AUTHENTICATED, {
        'X-Seraph-LoginReason': 'AUTHENTICATED_FAILED',
        'X-AUSERNAME': 'anonymous',
      });
    }
    const who = { 'X-AUSERNAME': 'ci-bot', 'X-AUSERID': '10100' };
    if (req.path === `${CONTEXT}/rest/api/2/myself`) return sendJson(res, 200, MYSELF, who);
    if (req.path === `${CONTEXT}/rest/pat/latest/tokens`) {
      const tokens = options.tokens ?? [
        pat(TOKEN_ID, 'ci-bot sync', '2027-05-27T09:12:44.105+0000'),
      ];
      return typeof tokens === 'function' ? tokens(req, res) : sendJson(res, 200, tokens, who);
    }
    sendHtml(res, 404, '<html><title>Oops, you&#39;ve found a dead link.</title></html>');
  });
}

describe('datacenter-pat probe', () => {
  let server: TestServer | undefined;
  afterEach(async () => server?.close());

  const config = (extra: Record<string, unknown> = {}) => ({
    kind: 'datacenter-pat',
    baseUrl: `${urlOf(server)}${CONTEXT}`,
    ...extra,
  });

  it('check() returns healthy with the Jira user and the token facts when /myself answers 200', async () => {
    server = await jiraDc();
    const result = await check(config(), TOKEN);
    expect(result.verdict).toBe('healthy');
    expect(result.identity).toEqual({
      id: 'JIRAUSER10100',
      username: 'ci-bot',
      displayName: 'CI Bot',
      email: 'ci-bot@acme.example',
    });
    expect(result.expiresAt).toBe('2027-05-27T09:12:44.105Z');
    expect(result.expirySource).toBe('service');
    expect(result.facts).toMatchObject({
      tokenName: 'ci-bot sync',
      lastAccessed: '2026-11-22T08:00:01.337Z',
    });
    expect(server.requests.map((r) => r.path)).toEqual([
      '/jira/rest/api/2/myself',
      '/jira/rest/pat/latest/tokens',
    ]);
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('check() returns expiring when the token list, matched by the id inside the token, says it expires in 5 days', async () => {
    server = await jiraDc({
      tokens: [
        pat(111111111111, 'laptop', daysFromNow(200).toISOString()),
        pat(TOKEN_ID, 'ci-bot sync', daysFromNow(5.5).toISOString()),
      ],
    });
    const result = await check(config({ expiresAt: daysFromNow(300).toISOString() }), TOKEN);
    expect(result.verdict).toBe('expiring');
    expect(result.daysLeft).toBe(5);
    expect(result.expirySource).toBe('service');
    expect(result.facts['tokenName']).toBe('ci-bot sync');
  });

  it('check() picks the token named by config.tokenId when the token carries no matching id', async () => {
    server = await jiraDc({
      tokens: [
        pat(1, 'laptop', daysFromNow(200).toISOString()),
        pat(2, 'ci-bot sync', daysFromNow(3.5).toISOString()),
      ],
    });
    const result = await check(config({ tokenId: 'ci-bot sync' }), TOKEN);
    expect(result.verdict).toBe('expiring');
    expect(result.daysLeft).toBe(3);
  });

  it('check() falls back to the admin-entered expiry and says why when several tokens cannot be told apart', async () => {
    server = await jiraDc({
      tokens: [
        pat(1, 'laptop', daysFromNow(2).toISOString()),
        pat(2, 'other', daysFromNow(9).toISOString()),
      ],
    });
    const result = await check(config({ expiresAt: daysFromNow(100).toISOString() }), TOKEN);
    expect(result.verdict).toBe('healthy');
    expect(result.expirySource).toBe('admin');
    expect(result.facts['expiry']).toMatch(/lists 2 tokens .* set tokenId/);
  });

  it('check() keeps healthy without a service expiry when the token list answers an HTML 404 (older Jira)', async () => {
    server = await jiraDc({
      tokens: (req, res) =>
        sendHtml(res, 404, '<html><title>Oops, you&#39;ve found a dead link.</title></html>'),
    });
    const result = await check(config(), TOKEN);
    expect(result.verdict).toBe('healthy');
    expect(result.expiresAt).toBeNull();
    expect(result.facts['expiry']).toMatch(/answered 404 .* expiry date entered here is used/);
  });

  it('check() keeps healthy when the token list answers 403 and uses the admin expiry instead', async () => {
    server = await jiraDc({
      tokens: (req, res) => sendJson(res, 403, { errorMessages: ['Forbidden'] }),
    });
    const result = await check(config({ expiresAt: daysFromNow(6).toISOString() }), TOKEN);
    expect(result.verdict).toBe('expiring');
    expect(result.expirySource).toBe('admin');
  });

  it('check() reports no expiry when Jira stores the token as never expiring (9999-12-31)', async () => {
    server = await jiraDc({ tokens: [pat(TOKEN_ID, 'forever', '9999-12-31T00:00:00.000+0000')] });
    const result = await check(config(), TOKEN);
    expect(result.verdict).toBe('healthy');
    expect(result.expiresAt).toBeNull();
    expect(result.facts['expiry']).toMatch(/^never/);
  });

  it('check() returns rejected when Jira answers 401 AUTHENTICATED_FAILED, without asking for the token list', async () => {
    server = await jiraDc();
    const result = await check(config(), 'bm90LXRoZS1yaWdodC10b2tlbg==');
    expect(result.verdict).toBe('rejected');
    expect(result.message).toMatch(/AUTHENTICATED_FAILED/);
    expect(server.requests).toHaveLength(1);
  });

  it('check() returns locked when Jira denies the login with a CAPTCHA challenge', async () => {
    server = await answering(403, NOT_AUTHENTICATED, {
      'X-Seraph-LoginReason': 'AUTHENTICATION_DENIED',
      'X-Authentication-Denied-Reason':
        'CAPTCHA_CHALLENGE; login-url=https://jira.acme.example/jira/login.jsp',
    });
    const result = await check(config(), TOKEN);
    expect(result.verdict).toBe('locked');
    expect(result.message).toContain('CAPTCHA_CHALLENGE');
    expect(server.requests).toHaveLength(1);
  });

  it('check() returns insufficient-scope when Jira answers 403 without a lockout', async () => {
    server = await answering(403, {
      errorMessages: ['You do not have the permission to see the specified user.'],
    });
    const result = await check(config(), TOKEN);
    expect(result.verdict).toBe('insufficient-scope');
  });

  it('check() returns anonymous when Confluence answers 200 with its anonymous user object', async () => {
    server = await answering(
      200,
      {
        type: 'anonymous',
        profilePicture: { path: '/images/icons/profilepics/anonymous.svg' },
        displayName: 'Anonymous',
      },
      { 'X-AUSERNAME': 'anonymous' },
    );
    const result = await check(config({ product: 'confluence' }), TOKEN);
    expect(result.verdict).toBe('anonymous');
    expect(result.identity).toBeNull();
    expect(server.requests[0]?.path).toBe('/jira/rest/api/user/current');
  });

  it('check() returns healthy with userKey and username when Confluence knows the user', async () => {
    server = await startServer((req, res) =>
      req.path.endsWith('/rest/api/user/current')
        ? sendJson(
            res,
            200,
            {
              type: 'known',
              username: 'ci-bot',
              userKey: '8a7f808a7c4b5c5e017c4b5d6f0a0000',
              displayName: 'CI Bot',
            },
            { 'X-AUSERNAME': 'ci-bot' },
          )
        : sendJson(res, 200, [pat(TOKEN_ID, 'wiki sync', daysFromNow(40).toISOString())]),
    );
    const result = await check(config({ product: 'confluence' }), TOKEN);
    expect(result.verdict).toBe('healthy');
    expect(result.identity).toEqual({
      id: '8a7f808a7c4b5c5e017c4b5d6f0a0000',
      username: 'ci-bot',
      displayName: 'CI Bot',
    });
    expect(result.facts['tokenName']).toBe('wiki sync');
  });
});
