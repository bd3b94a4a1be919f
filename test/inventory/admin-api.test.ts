import {
  firstCursor,
  listFrom,
  toListed,
  type ListOptions,
  type ListStep,
} from '../../src/inventory/admin-api';
import type { FetchLike } from '../../src/http/client';
import { MAX_ORG_TOKENS } from '../../src/domain/inventory';
import { ADMIN_KEY, ORG, item, startAdminApi, type AdminApiDouble } from '../support/admin-api';

const fetchLike = fetch as unknown as FetchLike;

describe('the Admin API client against a local double', () => {
  let api: AdminApiDouble;
  const slept: number[] = [];
  const options = (extra: Partial<ListOptions> = {}): ListOptions => ({
    fetch: fetchLike,
    apiKey: ADMIN_KEY,
    maxRequests: 80,
    deadlineMs: 50_000,
    sleep: async (ms) => {
      slept.push(ms);
    },
    ...extra,
  });
  const source = () => ({ orgId: ORG, baseUrl: api.url });
  const listOrgTokens = (_: unknown, opts: ListOptions) => listFrom(firstCursor(source()), opts);

  /** Goes on from where each call stopped, as queued sync steps do; at most 20 calls. */
  async function listInSteps(opts: ListOptions): Promise<ListStep[]> {
    const steps: ListStep[] = [];
    let cursor = firstCursor(source());
    for (let i = 0; i < 20; i += 1) {
      const step = await listFrom(cursor, opts);
      steps.push(step);
      if (!step.next) return steps;
      cursor = step.next;
    }
    throw new Error('the listing did not end within 20 steps');
  }

  beforeAll(async () => {
    api = await startAdminApi();
  });
  afterAll(() => api.close());
  beforeEach(() => {
    api.reshape = undefined;
    api.pageSize = 100;
    api.tokens = Array.from({ length: 3000 }, (_, i) => item(i));
    api.keys = [item(9000, { expiresAt: undefined, status: 'BLOCKED' })];
    api.requests.length = 0;
    api.rateLimit(0, 0);
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
      createdAt: api.keys[0]?.createdAt,
      expiresAt: null,
      lastActiveAt: api.keys[0]?.lastActiveAt,
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

  it('waits for X-RateLimit-Reset when a 429 carries no Retry-After', async () => {
    const first = await listOrgTokens({ orgId: ORG, baseUrl: api.url }, options());
    api.rateLimit(1, 12, 5, true);
    const listing = await listOrgTokens({ orgId: ORG, baseUrl: api.url }, options());
    expect(listing.tokens).toEqual(first.tokens);
    expect(slept).toHaveLength(1);
    // Epoch seconds round up to the next second: 12 or 13 s, never the default of 5.
    expect(slept[0]).toBeGreaterThanOrEqual(12_000);
    expect(slept[0]).toBeLessThanOrEqual(13_000);
  });

  it('gives up on a Retry-After longer than the invocation can wait, naming no key', async () => {
    api.rateLimit(1, 600);
    await expect(listOrgTokens({ orgId: ORG, baseUrl: api.url }, options())).rejects.toThrow(
      'rate-limited: the Admin API asks to wait 600 s',
    );
  });

  it('stops at the request budget and answers where to go on, losing and repeating nothing', async () => {
    const whole = await listOrgTokens(null, options());
    const steps = await listInSteps(options({ maxRequests: 10 }));
    expect(steps.map((s) => s.requests)).toEqual([10, 10, 10, 1]);
    expect(steps[0]?.next).toEqual({
      kind: 'api-token',
      url: `${api.url}/admin/api-access/v1/orgs/${ORG}/api-tokens?cursor=1000`,
    });
    expect(steps[2]?.next).toEqual({
      kind: 'api-key',
      url: `${api.url}/admin/api-access/v1/orgs/${ORG}/api-keys`,
    });
    expect(steps.flatMap((s) => s.tokens)).toEqual(whole.tokens);
  });

  it('starts no page it could not finish before the deadline', async () => {
    let clock = 0;
    const step = await listOrgTokens(
      null,
      options({ deadlineMs: 45_000, elapsedMs: () => (clock += 8_000) }),
    );
    expect(step.requests).toBe(4);
    expect(step.next?.url).toContain('cursor=400');
  });

  it('throws rather than answer part of a page when 429s outlast the budget', async () => {
    api.rateLimit(10, 1, 2);
    await expect(listOrgTokens(null, options({ maxRequests: 5 }))).rejects.toThrow(
      /rate-limited until the invocation's 5 requests ran out/,
    );
  });

  it('refuses a links.next that leaves the Admin API host', async () => {
    api.nextUrl = 'https://elsewhere.example/admin/api-access/v1/orgs/org-1/api-tokens?cursor=100';
    await expect(listOrgTokens(null, options())).rejects.toThrow(/links\.next leaves/);
    api.nextUrl = undefined;
  });

  it('refuses a links.next whose query carries a credential, without quoting its value', async () => {
    api.nextUrl = `${api.url}/admin/api-access/v1/orgs/${ORG}/api-tokens?cursor=1&api_token=s3cr3t-v4lue`;
    const err = (await listOrgTokens(null, options())
      .catch((e: unknown) => e)
      .finally(() => (api.nextUrl = undefined))) as Error;
    expect(err.message).toMatch(
      /links\.next carries a credential in its query parameter api_token/,
    );
    expect(err.message).not.toContain('s3cr3t-v4lue');
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
    const used = new Date(Date.now() - 86_400_000).toISOString();
    const raw = { id: 'k1', createdAt: used, lastAccess: used, createdBy: { accountId: 'a' } };
    expect(toListed(raw, 'api-key')).toMatchObject({ lastActiveAt: used, owner: { id: 'a' } });
    expect(toListed({ createdAt: used }, 'api-key')).toBeNull();
  });

  it('refuses a links.next that leads back to a page it listed, after two requests', async () => {
    api.reshape = (page) => ({ ...page, links: { ...page.links, next: '0' } });
    api.requests.length = 0;
    await expect(listOrgTokens(null, options())).rejects.toThrow(/links\.next repeats a page/);
    expect(api.requests).toHaveLength(2);
  });

  it('refuses a links.next longer than any URL', async () => {
    api.reshape = (page) => ({ ...page, links: { next: 'c'.repeat(5000) } });
    await expect(listOrgTokens(null, options())).rejects.toThrow(/longer than 2048 characters/);
  });

  it('refuses a page over 1 MiB rather than read part of it', async () => {
    api.pageSize = 5000;
    api.tokens = Array.from({ length: 5000 }, (_, i) => item(i));
    await expect(listOrgTokens(null, options())).rejects.toThrow(/answered a page over 1 MiB/);
  });

  it('stops a listing that goes on past the items it may hold, however short its pages', async () => {
    await expect(listOrgTokens(null, options({ maxItems: 250 }))).rejects.toThrow(
      new RegExp(`lists more than ${MAX_ORG_TOKENS} tokens and keys`),
    );
  });

  it('keeps a date it can read as ISO UTC and one it cannot as unknown, never throwing', () => {
    const raw = {
      id: 't',
      createdAt: '2026-01-02T03:04:05+02:00',
      expiresAt: '+275760-09-13T00:00:00.000Z',
      lastActiveAt: 1_700_000_000_000,
    };
    expect(toListed(raw, 'api-token')).toMatchObject({
      createdAt: '2026-01-02T01:04:05.000Z',
      expiresAt: null,
      lastActiveAt: null,
      unreadable: ['expiresAt', 'lastActiveAt'],
    });
  });
});
