import { listOrgTokens, toListed, type ListOptions } from '../../src/inventory/admin-api';
import type { FetchLike } from '../../src/probes/http';
import { ADMIN_KEY, ORG, item, startAdminApi, type AdminApiDouble } from '../support/admin-api';

const fetchLike = fetch as unknown as FetchLike;

describe('the Admin API client against a local double', () => {
  let api: AdminApiDouble;
  const slept: number[] = [];
  const options = (extra: Partial<ListOptions> = {}): ListOptions => ({
    fetch: fetchLike,
    apiKey: ADMIN_KEY,
    sleep: async (ms) => {
      slept.push(ms);
    },
    ...extra,
  });

  beforeAll(async () => {
    api = await startAdminApi();
  });
  afterAll(() => api.close());
  beforeEach(() => {
    api.tokens = Array.from({ length: 3000 }, (_, i) => item(i));
    api.keys = [item(9000, { expiresAt: undefined, status: 'BLOCKED' })];
    api.requests.length = 0;
    slept.length = 0;
  });

  it('follows links.next across every page of tokens, then keys', async () => {
    const listing = await listOrgTokens({ orgId: ORG, baseUrl: api.url }, options());
    expect(listing.tokens).toHaveLength(3001);
    expect(listing.requests).toBe(31);
    expect(new Set(listing.tokens.map((t) => t.id)).size).toBe(3001);
    expect(listing.tokens[3000]).toEqual({
      id: 'tok-9000',
      kind: 'api-key',
      label: 'script 9000',
      owner: { id: 'acc-0', name: 'User 0', email: 'u0@acme.example' },
      createdAt: '2026-01-01T00:00:00.000Z',
      expiresAt: null,
      lastActiveAt: '2026-05-01T00:00:00.000Z',
      status: 'BLOCKED',
    });
    expect(api.requests.every((r) => r.headers.authorization === `Bearer ${ADMIN_KEY}`)).toBe(true);
  });

  it('waits out a 429 mid-sync and carries on', async () => {
    const first = await listOrgTokens({ orgId: ORG, baseUrl: api.url }, options());
    api.rateLimit(2, 3, 5);
    const listing = await listOrgTokens({ orgId: ORG, baseUrl: api.url }, options());
    expect(listing.tokens).toEqual(first.tokens);
    expect(slept).toEqual([3000, 3000]);
    expect(listing.requests).toBe(33);
  });

  it('gives up on a Retry-After longer than the invocation can wait, naming no key', async () => {
    api.rateLimit(1, 600);
    await expect(listOrgTokens({ orgId: ORG, baseUrl: api.url }, options())).rejects.toThrow(
      'rate-limited: the Admin API asks to wait 600 s',
    );
  });

  it('refuses to return a partial listing when the request budget runs out', async () => {
    await expect(
      listOrgTokens({ orgId: ORG, baseUrl: api.url }, options({ maxRequests: 10 })),
    ).rejects.toMatchObject({ requests: 10 });
  });

  it('fails on a wrong key without echoing it', async () => {
    const err = (await listOrgTokens(
      { orgId: ORG, baseUrl: api.url },
      options({ apiKey: 'wrong-key-123456' }),
    ).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/answered 401/);
    expect(err.message).not.toContain('wrong-key-123456');
  });

  it('reads the alternative owner and last-use fields, and skips items without an id', () => {
    const raw = { id: 'k1', createdAt: 'c', lastAccess: 'l', createdBy: { accountId: 'a' } };
    expect(toListed(raw, 'api-key')).toMatchObject({ lastActiveAt: 'l', owner: { id: 'a' } });
    expect(toListed({ createdAt: 'c' }, 'api-key')).toBeNull();
  });
});
