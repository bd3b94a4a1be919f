import {
  ADMIN_KEY,
  INVENTORY_SCOPES,
  ORG,
  keyItem,
  startAdminApi,
  type AdminApiDouble,
} from '../../support/admin-api';
import { check, daysFromNow, serialised } from '../../support/probe';
import { answering, type TestServer } from '../../support/server';

const LISTING = `/admin/api-access/v1/orgs/${ORG}/api-keys`;

describe('the Admin API double', () => {
  let api: AdminApiDouble;
  beforeAll(async () => {
    api = await startAdminApi();
  });
  afterAll(() => api.close());

  it('refuses the org endpoint with 403 to a key holding only the inventory scopes', async () => {
    api.keyScopes = INVENTORY_SCOPES;
    const headers = { Authorization: `Bearer ${ADMIN_KEY}` };
    const org = await fetch(`${api.url}/admin/v1/orgs/${ORG}`, { headers });
    expect(org.status).toBe(403);
    expect(await org.json()).toMatchObject({ status: 403, error: 'Forbidden' });
    expect((await fetch(`${api.url}${LISTING}`, { headers })).status).toBe(200);
  });
});

describe('atlassian-admin-api-key probe', () => {
  let api: AdminApiDouble;
  let server: TestServer | undefined;
  beforeAll(async () => {
    api = await startAdminApi();
  });
  afterAll(() => api.close());
  beforeEach(() => {
    api.keyScopes = INVENTORY_SCOPES;
    api.keys = [keyItem(1, { label: 'Token Health inventory' }), keyItem(2)];
    api.pageSize = 100;
    api.requests.length = 0;
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const config = (extra: Record<string, unknown> = {}) => ({
    kind: 'atlassian-admin-api-key',
    baseUrl: server?.url ?? api.url,
    orgId: ORG,
    ...extra,
  });

  it("check() returns healthy with the key's own expiry from the org's API-key listing, using only the inventory scopes", async () => {
    api.keys = [
      keyItem(1, { label: 'Token Health inventory', expiresAt: daysFromNow(120).toISOString() }),
      keyItem(2),
    ];
    const result = await check(config({ tokenId: 'Token Health inventory' }), ADMIN_KEY);
    expect(result.verdict).toBe('healthy');
    expect(result.expiresAt).toBe(daysFromNow(120).toISOString());
    expect(result.expirySource).toBe('service');
    expect(result.identity).toEqual({ id: ORG });
    expect(result.facts).toMatchObject({
      keyName: 'Token Health inventory',
      keyId: 'key-1',
      scopes: 'read:tokens:admin read:keys:admin',
      createdBy: 'User 1',
    });
    expect(api.requests.map((r) => r.path)).toEqual([LISTING]);
    expect(api.requests[0]?.headers.authorization).toBe(`Bearer ${ADMIN_KEY}`);
  });

  it('check() returns expiring from the listed expiresAt, which beats a later date typed by the admin', async () => {
    api.keys = [keyItem(1, { expiresAt: daysFromNow(3.5).toISOString() }), keyItem(2)];
    const typed = daysFromNow(200).toISOString();
    const result = await check(config({ tokenId: 'key-1', expiresAt: typed }), ADMIN_KEY);
    expect(result.verdict).toBe('expiring');
    expect(result.daysLeft).toBe(3);
    expect(result.expirySource).toBe('service');
  });

  it('check() reads the expiry of the only key of a complete listing without a tokenId', async () => {
    api.keys = [keyItem(7, { expiresAt: daysFromNow(90).toISOString() })];
    const result = await check(config(), ADMIN_KEY);
    expect(result.verdict).toBe('healthy');
    expect(result.expiresAt).toBe(daysFromNow(90).toISOString());
    expect(result.facts.keyId).toBe('key-7');
  });

  it('check() says "expiry unknown", never "no expiry", when several keys are listed and none is named', async () => {
    const result = await check(config(), ADMIN_KEY);
    expect(result.verdict).toBe('healthy');
    expect(result.expiresAt).toBeNull();
    expect(result.message).toMatch(/expiry unknown: the organisation lists 2 API keys/);
    expect(result.facts.expiry).toMatch(/^unknown: .*set tokenId to the key's name or id/);
    expect(serialised(result)).not.toMatch(/no expiry|never/);
  });

  it('check() falls back to the date typed by the admin when the match is uncertain', async () => {
    const typed = daysFromNow(60).toISOString();
    const result = await check(config({ expiresAt: typed }), ADMIN_KEY);
    expect(result.expiresAt).toBe(typed);
    expect(result.expirySource).toBe('admin');
    expect(result.facts.expiry).toMatch(/the expiry date entered here is used$/);
  });

  it('check() says "expiry unknown" when the matched key is listed without expiresAt', async () => {
    api.keys = [keyItem(1, { expiresAt: undefined })];
    const result = await check(config({ tokenId: 'key-1' }), ADMIN_KEY);
    expect(result.expiresAt).toBeNull();
    expect(result.facts.expiry).toMatch(/^unknown: the listing gives no expiresAt/);
  });

  it('check() asks for the id when two keys share the name in tokenId', async () => {
    api.keys = [keyItem(1, { label: 'ci' }), keyItem(2, { label: 'ci' })];
    const result = await check(config({ tokenId: 'ci' }), ADMIN_KEY);
    expect(result.expiresAt).toBeNull();
    expect(result.facts.expiry).toMatch(/2 API keys are named "ci"; set tokenId to its id/);
  });

  it('check() follows links.next to find the key named in tokenId on a later page', async () => {
    api.pageSize = 1;
    api.keys = [keyItem(1), keyItem(2), keyItem(3, { expiresAt: daysFromNow(40).toISOString() })];
    const result = await check(config({ tokenId: 'key-3' }), ADMIN_KEY);
    expect(result.expiresAt).toBe(daysFromNow(40).toISOString());
    expect(api.requests.map((r) => r.path)).toEqual([
      LISTING,
      `${LISTING}?cursor=1`,
      `${LISTING}?cursor=2`,
    ]);
  });

  it('check() returns insufficient-scope naming read:keys:admin when the key may not list keys (403)', async () => {
    api.keyScopes = ['read:tokens:admin'];
    const result = await check(config(), ADMIN_KEY);
    expect(result.verdict).toBe('insufficient-scope');
    expect(result.message).toMatch(/answered 403: .*lacks the read:keys:admin scope/);
  });

  it('check() returns healthy for a key created without scopes', async () => {
    api.keyScopes = null;
    expect((await check(config(), ADMIN_KEY)).verdict).toBe('healthy');
  });

  it('check() returns insufficient-scope on the gateway\'s 401 "scope does not match"', async () => {
    server = await answering(401, { code: 401, message: 'Unauthorized; scope does not match' });
    const result = await check(config(), ADMIN_KEY);
    expect(result.verdict).toBe('insufficient-scope');
    expect(result.message).toMatch(/read:keys:admin/);
  });

  it('check() returns rejected for an unknown key, and expired once its typed expiry has passed', async () => {
    const rejected = await check(config(), 'ATCTT3xFfGN0-some-other-key');
    expect(rejected.verdict).toBe('rejected');
    expect(rejected.message).toMatch(/Atlassian Admin API answered 401/);
    const expired = await check(
      config({ expiresAt: daysFromNow(-1).toISOString() }),
      'ATCTT3xFfGN0-some-other-key',
    );
    expect(expired.verdict).toBe('expired');
    expect(expired.expirySource).toBe('admin');
  });

  it('check() returns insufficient-scope naming both causes when the org is not visible (404)', async () => {
    const result = await check(config({ orgId: 'another-org-id' }), ADMIN_KEY);
    expect(result.verdict).toBe('insufficient-scope');
    expect(result.message).toContain('wrong orgId, or a key of another organisation');
    expect(result.message).toContain('another-org-id');
  });

  it('check() URL-encodes the orgId in the path', async () => {
    server = await answering(200, { data: [], links: {} });
    await check(config({ orgId: 'acme/eu#1' }), ADMIN_KEY);
    expect(server.requests[0]?.path).toBe('/admin/api-access/v1/orgs/acme%2Feu%231/api-keys');
  });

  it('check() returns unexpected-response when the 200 answer has no list of keys', async () => {
    server = await answering(200, { data: { id: ORG, type: 'orgs' } });
    const result = await check(config(), ADMIN_KEY);
    expect(result.verdict).toBe('unexpected-response');
    expect(result.message).toMatch(/without the list of API keys/);
  });

  it('check() returns unexpected-response when the keys listed belong to another organisation', async () => {
    server = await answering(200, { data: [keyItem(1, { orgId: 'another-org-id' })], links: {} });
    const result = await check(config(), ADMIN_KEY);
    expect(result.verdict).toBe('unexpected-response');
    expect(result.message).toContain('another-org-id');
  });

  it('check() returns identity-changed when the pinned identity is another organisation', async () => {
    const result = await check(config({ expectedAccountId: 'another-org-id' }), ADMIN_KEY);
    expect(result.verdict).toBe('identity-changed');
  });

  it('check() never puts the key into its result', async () => {
    const result = await check(config(), ADMIN_KEY);
    expect(serialised(result)).not.toContain(ADMIN_KEY);
  });
});
