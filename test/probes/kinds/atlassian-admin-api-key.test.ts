import {
  answering,
  bearerToken,
  sendJson,
  startServer,
  type TestServer,
} from '../../support/server';
import { check, daysFromNow } from '../../support/probe';

const ORG = '8a1f3c2e-52b4-4e0b-9a43-1b2c3d4e5f60';
const KEY = 'ATCTT3xFfGN0-admin-key-live-0001';

function org(id: string, name: string) {
  return {
    data: {
      id,
      type: 'orgs',
      attributes: { name },
      relationships: {
        domains: { links: { related: `https://api.atlassian.com/admin/v1/orgs/${id}/domains` } },
        users: { links: { related: `https://api.atlassian.com/admin/v1/orgs/${id}/users` } },
      },
      links: { self: `https://api.atlassian.com/admin/v1/orgs/${id}` },
    },
  };
}

/**
 * api.atlassian.com's Admin API: the org for the right key, 401 for an unknown key, 404 for an org
 * the key cannot see, and the org list that answers 200 with an empty page to any key at all.
 */
function adminApi(options: { validKey?: string; orgs?: Record<string, string> } = {}) {
  const orgs = options.orgs ?? { [ORG]: 'Acme' };
  return startServer((req, res) => {
    if (req.path === '/admin/v1/orgs') return sendJson(res, 200, { data: [], links: {} });
    if (bearerToken(req) !== (options.validKey ?? KEY)) {
      return sendJson(res, 401, { code: 401, message: 'Unauthorized' });
    }
    const id = decodeURIComponent(req.path.replace(/^\/admin\/v1\/orgs\//, ''));
    const name = orgs[id];
    if (name) return sendJson(res, 200, org(id, name));
    sendJson(res, 404, {
      errors: [{ status: '404', title: 'Not Found', detail: 'Org not found' }],
    });
  });
}

describe('atlassian-admin-api-key probe', () => {
  let server: TestServer | undefined;
  afterEach(async () => server?.close());

  const config = (extra: Record<string, unknown> = {}) => ({
    kind: 'atlassian-admin-api-key',
    baseUrl: server?.url,
    orgId: ORG,
    ...extra,
  });

  it('check() returns healthy with the organisation as identity when the Admin API answers the org', async () => {
    server = await adminApi();
    const result = await check(config(), KEY);
    expect(result.verdict).toBe('healthy');
    expect(result.severity).toBe('ok');
    expect(result.identity).toEqual({ id: ORG, displayName: 'Acme' });
    expect(result.message).toContain('Acme');
    expect(server.requests.map((r) => r.path)).toEqual([`/admin/v1/orgs/${ORG}`]);
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('check() URL-encodes the orgId in the path', async () => {
    server = await adminApi({ orgs: { 'acme/eu#1': 'Acme EU' } });
    const result = await check(config({ orgId: 'acme/eu#1' }), KEY);
    expect(result.verdict).toBe('healthy');
    expect(server.requests[0]?.path).toBe('/admin/v1/orgs/acme%2Feu%231');
  });

  it('check() returns rejected for a revoked key even though the org list would answer 200', async () => {
    server = await adminApi({ validKey: 'ATCTT3xFfGN0-some-other-key' });
    const result = await check(config(), KEY);
    expect(result.verdict).toBe('rejected');
    expect(result.severity).toBe('critical');
    expect(result.message).toMatch(/Atlassian Admin API answered 401/);
    expect(server.requests.some((r) => r.path === '/admin/v1/orgs')).toBe(false);
  });

  it('check() returns expired when the Admin API refuses a key whose admin-entered expiry has passed', async () => {
    server = await adminApi({ validKey: 'ATCTT3xFfGN0-renewed-key' });
    const result = await check(config({ expiresAt: daysFromNow(-1).toISOString() }), KEY);
    expect(result.verdict).toBe('expired');
    expect(result.expirySource).toBe('admin');
  });

  it('check() returns expiring from the admin-entered expiry, since the key cannot read its own', async () => {
    server = await adminApi();
    const result = await check(config({ expiresAt: daysFromNow(3.5).toISOString() }), KEY);
    expect(result.verdict).toBe('expiring');
    expect(result.severity).toBe('warning');
    expect(result.daysLeft).toBe(3);
    expect(result.expirySource).toBe('admin');
  });

  it('check() returns insufficient-scope naming both causes when the org is not visible (404)', async () => {
    server = await adminApi({ orgs: { 'another-org-id': 'Globex' } });
    const result = await check(config(), KEY);
    expect(result.verdict).toBe('insufficient-scope');
    expect(result.message).toContain('wrong orgId, or a key of another organisation');
    expect(result.message).toContain(ORG);
  });

  it('check() returns insufficient-scope when the Admin API answers 403 to a key without the org scope', async () => {
    server = await answering(403, { code: 403, message: 'Forbidden' });
    const result = await check(config(), KEY);
    expect(result.verdict).toBe('insufficient-scope');
    expect(result.message).toMatch(/read:orgs:admin/);
  });

  it('check() returns anonymous when the Admin API answers 200 with an empty data list', async () => {
    server = await answering(200, { data: [], links: {} });
    const result = await check(config(), KEY);
    expect(result.verdict).toBe('anonymous');
    expect(result.identity).toBeNull();
  });

  it('check() returns anonymous when the Admin API answers 200 with data null', async () => {
    server = await answering(200, { data: null });
    const result = await check(config(), KEY);
    expect(result.verdict).toBe('anonymous');
  });

  it('check() returns unexpected-response when the answer is for another organisation', async () => {
    server = await answering(200, org('another-org-id', 'Globex'));
    const result = await check(config(), KEY);
    expect(result.verdict).toBe('unexpected-response');
    expect(result.message).toContain('another-org-id');
    expect(result.identity).toBeNull();
  });

  it('check() returns unexpected-response when the 200 answer has no organisation object', async () => {
    server = await answering(200, { id: ORG, name: 'Acme' });
    const result = await check(config(), KEY);
    expect(result.verdict).toBe('unexpected-response');
    expect(result.message).toMatch(/data\.id/);
  });

  it('check() returns identity-changed when the pinned identity is another organisation', async () => {
    server = await adminApi();
    const result = await check(config({ expectedAccountId: 'another-org-id' }), KEY);
    expect(result.verdict).toBe('identity-changed');
  });
});
