import { bearerToken, sendJson, startServer, type TestServer } from './server';

/** An item as the Admin API documents it (api-tokens; api-keys answer the same shape here). */
export interface AdminApiItem {
  id: string;
  label: string;
  status: 'ALLOWED' | 'BLOCKED';
  createdAt: string;
  expiresAt?: string;
  lastActiveAt?: string;
  user: { id: string; orgId: string; name: string; email: string };
}

export interface AdminApiDouble extends TestServer {
  tokens: AdminApiItem[];
  keys: AdminApiItem[];
  /**
   * After `afterRequests` more requests, the next `times` answer 429 with this Retry-After, or,
   * with `resetOnly`, only an X-RateLimit-Reset that many seconds ahead (epoch seconds).
   */
  rateLimit(
    times: number,
    retryAfterSeconds: number,
    afterRequests?: number,
    resetOnly?: boolean,
  ): void;
  /** When set, links.next is this absolute URL instead of a cursor. */
  nextUrl: string | undefined;
  /** Items per page (100 unless set). */
  pageSize: number;
  /** How long each answer takes, as the real service does (0 unless set). */
  latencyMs: number;
}

export const ORG = 'org-1';
export const ADMIN_KEY = 'ATCTT3xFfGN0-admin-api-key-for-tests';
const PAGE = 100;

/** A day relative to the (possibly faked) clock: fixtures must not expire with the calendar. */
const daysAhead = (days: number) =>
  new Date(Math.floor(Date.now() / 86_400_000 + days) * 86_400_000).toISOString();

/** A listed token: a year's lifetime, two months in, used a month ago, far from any warning. */
export function item(i: number, extra: Partial<AdminApiItem> = {}): AdminApiItem {
  return {
    id: `tok-${i}`,
    label: `script ${i}`,
    status: 'ALLOWED',
    createdAt: daysAhead(-60),
    expiresAt: daysAhead(305),
    lastActiveAt: daysAhead(-30),
    user: {
      id: `acc-${i % 50}`,
      orgId: ORG,
      name: `User ${i % 50}`,
      email: `u${i % 50}@acme.example`,
    },
    ...extra,
  };
}

/**
 * The org Admin API on 127.0.0.1: pages of 100 with `links.next` as an opaque cursor, 401 for
 * any other key, 404 for any other org, and 429s on demand.
 */
export async function startAdminApi(): Promise<AdminApiDouble> {
  let limit = { from: 0, times: 0, seconds: 0, resetOnly: false };
  let seen = 0;
  const paging = { nextUrl: undefined as string | undefined, size: PAGE, latency: 0 };
  const lists = { tokens: [] as AdminApiItem[], keys: [] as AdminApiItem[] };
  const server = await startServer(async (req, res) => {
    seen += 1;
    if (paging.latency > 0) await new Promise((resolve) => setTimeout(resolve, paging.latency));
    if (seen > limit.from && limit.times > 0) {
      limit.times -= 1;
      // developer.atlassian.com/cloud/admin/api-access/rest/intro, "Rate limit response headers".
      const reset = String(Math.ceil(Date.now() / 1000) + limit.seconds);
      const headers: Record<string, string> = limit.resetOnly
        ? { 'X-RateLimit-Reset': reset }
        : { 'Retry-After': String(limit.seconds), 'X-RateLimit-Reset': reset };
      return sendJson(res, 429, { message: 'rate limited' }, headers);
    }
    if (bearerToken(req) !== ADMIN_KEY) return sendJson(res, 401, { message: 'Unauthorized' });
    const url = new URL(req.path, 'http://double');
    const match = /^\/admin\/api-access\/v1\/orgs\/([^/]+)\/(api-tokens|api-keys)$/.exec(
      url.pathname,
    );
    if (!match || match[1] !== ORG) return sendJson(res, 404, { message: 'Not found' });
    const all = match[2] === 'api-tokens' ? lists.tokens : lists.keys;
    const from = Number(url.searchParams.get('cursor') ?? '0');
    const data = all.slice(from, from + paging.size);
    const more = from + paging.size < all.length;
    const next = more ? (paging.nextUrl ?? String(from + paging.size)) : undefined;
    sendJson(res, 200, { data, links: { self: req.path, ...(next ? { next } : {}) } });
  });
  return {
    ...server,
    get tokens() {
      return lists.tokens;
    },
    set tokens(v: AdminApiItem[]) {
      lists.tokens = v;
    },
    get keys() {
      return lists.keys;
    },
    set keys(v: AdminApiItem[]) {
      lists.keys = v;
    },
    get nextUrl() {
      return paging.nextUrl;
    },
    set nextUrl(v: string | undefined) {
      paging.nextUrl = v;
    },
    get latencyMs() {
      return paging.latency;
    },
    set latencyMs(v: number) {
      paging.latency = v;
    },
    get pageSize() {
      return paging.size;
    },
    set pageSize(v: number) {
      paging.size = v;
    },
    rateLimit(times, seconds, afterRequests = 0, resetOnly = false) {
      limit = { from: seen + afterRequests, times, seconds, resetOnly };
    },
  };
}
