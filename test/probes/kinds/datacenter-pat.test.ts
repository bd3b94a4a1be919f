import {
  answering,
  sendHtml,
  sendJson,
  startServer,
  urlOf,
  type TestServer,
} from '../../support/server';
import { CONTEXT, jiraDc, listing, NOT_AUTHENTICATED, PAT as TOKEN } from '../../support/jira-dc';
import { check, daysFromNow } from '../../support/probe';

describe('datacenter-pat probe', () => {
  let server: TestServer | undefined;
  afterEach(async () => server?.close());

  const config = (extra: Record<string, unknown> = {}) => ({
    kind: 'datacenter-pat',
    baseUrl: `${urlOf(server)}${CONTEXT}`,
    ...extra,
  });

  it('check() returns healthy with the Jira user and the facts of the only listed token', async () => {
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
      tokenId: '1',
      tokenName: 'ci-bot sync',
      tokenCreated: '2026-05-27T09:12:44.105Z',
      lastAccessed: 'never',
    });
    expect(server.requests.map((r) => r.path)).toEqual([
      '/jira/rest/api/2/myself',
      '/jira/rest/pat/latest/tokens',
    ]);
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('check() returns expiring when tokenId is the listed id (a small number, not the one inside the PAT)', async () => {
    server = await jiraDc({
      tokens: [
        { name: 'laptop', expiringAt: daysFromNow(200).toISOString() },
        { name: 'ci-bot sync', expiringAt: daysFromNow(5.5).toISOString() },
      ],
    });
    const result = await check(
      config({ tokenId: '2', expiresAt: daysFromNow(300).toISOString() }),
      TOKEN,
    );
    expect(result.verdict).toBe('expiring');
    expect(result.daysLeft).toBe(5);
    expect(result.expirySource).toBe('service');
    expect(result.facts).toMatchObject({ tokenId: '2', tokenName: 'ci-bot sync' });
  });

  it('check() picks the token named by config.tokenId', async () => {
    server = await jiraDc({
      tokens: [
        { name: 'laptop', expiringAt: daysFromNow(200).toISOString() },
        { name: 'ci-bot sync', expiringAt: daysFromNow(3.5).toISOString() },
      ],
    });
    const result = await check(config({ tokenId: 'ci-bot sync' }), TOKEN);
    expect(result.verdict).toBe('expiring');
    expect(result.daysLeft).toBe(3);
  });

  it('check() picks the token created on the day config.tokenId gives', async () => {
    server = await jiraDc({
      tokens: [
        {
          name: 'sync',
          createdAt: '2026-03-02T10:00:00.000+0000',
          expiringAt: daysFromNow(90).toISOString(),
        },
        {
          name: 'sync',
          createdAt: '2026-09-14T08:30:00.000+0000',
          expiringAt: daysFromNow(2.5).toISOString(),
        },
      ],
    });
    const result = await check(config({ tokenId: '2026-09-14' }), TOKEN);
    expect(result.verdict).toBe('expiring');
    expect(result.daysLeft).toBe(2);
    expect(result.facts['tokenId']).toBe('2');
  });

  it('check() says expiry unknown (never "never"), uses the admin date and lists the candidates when several tokens cannot be told apart', async () => {
    server = await jiraDc({
      tokens: [
        { name: 'laptop', expiringAt: daysFromNow(2).toISOString() },
        { name: 'other', expiringAt: daysFromNow(9).toISOString() },
      ],
    });
    const result = await check(config({ expiresAt: daysFromNow(100).toISOString() }), TOKEN);
    expect(result.verdict).toBe('healthy');
    expect(result.expirySource).toBe('admin');
    expect(result.facts['expiry']).toMatch(/^unknown: 2 tokens are listed .* set tokenId/);
    expect(result.facts['tokens']).toBe(
      '1 "laptop" (created 2026-05-27); 2 "other" (created 2026-05-27)',
    );
    expect(result.facts['tokenName']).toBeUndefined();
  });

  it('check() says expiry unknown when two tokens share the name config.tokenId gives', async () => {
    server = await jiraDc({
      tokens: [
        { name: 'sync', expiringAt: daysFromNow(2).toISOString() },
        { name: 'sync', expiringAt: daysFromNow(9).toISOString() },
      ],
    });
    const result = await check(config({ tokenId: 'sync' }), TOKEN);
    expect(result.expiresAt).toBeNull();
    expect(result.facts['expiry']).toMatch(/^unknown: 2 tokens have the id or name "sync"/);
  });

  it('check() says expiry unknown when config.tokenId matches no listed token (replaced since?)', async () => {
    server = await jiraDc({
      tokens: [{ name: 'laptop', expiringAt: daysFromNow(2).toISOString() }],
    });
    const result = await check(config({ tokenId: '7' }), TOKEN);
    expect(result.expiresAt).toBeNull();
    expect(result.facts['expiry']).toMatch(/^unknown: no token in the list has the id or name "7"/);
  });

  it('check() says expiry unknown, not never, when the matched token is listed without expiringAt', async () => {
    server = await jiraDc({ tokens: [{ name: 'ci-bot sync' }] });
    const result = await check(config(), TOKEN);
    expect(result.verdict).toBe('healthy');
    expect(result.expiresAt).toBeNull();
    expect(result.facts['expiry']).toMatch(/^unknown: Jira Data Center lists no expiringAt/);
    expect(result.facts['tokenName']).toBe('ci-bot sync');
  });

  it('check() keeps healthy with expiry unknown when the token list answers an HTML 404 (older Jira)', async () => {
    server = await jiraDc({
      tokens: (req, res) =>
        sendHtml(res, 404, '<html><title>Oops, you&#39;ve found a dead link.</title></html>'),
    });
    const result = await check(config(), TOKEN);
    expect(result.verdict).toBe('healthy');
    expect(result.expiresAt).toBeNull();
    expect(result.facts['expiry']).toMatch(
      /^unknown: .*answered 404 .* expiry date entered here is used/,
    );
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
    server = await jiraDc({
      tokens: [{ name: 'forever', expiringAt: '9999-12-31T00:00:00.000+0000' }],
    });
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
        : sendJson(
            res,
            200,
            listing([{ name: 'wiki sync', expiringAt: daysFromNow(40).toISOString() }]),
          ),
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
