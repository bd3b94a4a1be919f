import type { ServerResponse } from 'node:http';
import { bearerToken, sendJson, startServer, type TestServer } from './server';

/**
 * An api-tokens item as developer.atlassian.com/cloud/admin/api-access/rest/api-group-api-token
 * documents it. Older tests also list keys in this shape, which the inventory reads alike.
 */
export interface AdminApiItem {
  id: string;
  label: string;
  status: 'ALLOWED' | 'BLOCKED';
  createdAt: string;
  expiresAt?: string;
  lastActiveAt?: string;
  user: { id: string; orgId: string; name: string; email: string };
}

/**
 * An api-keys item as developer.atlassian.com/cloud/admin/api-access/rest/api-group-api-key
 * documents it: no `status` and no `user`, the creator as `createdBy`, and the key's scopes.
 */
export interface AdminApiKeyItem {
  id: string;
  label: string;
  createdAt: string;
  expiresAt?: string;
  lastActiveAt?: string;
  systemAccountId?: string;
  resource?: string;
  orgId: string;
  createdBy: { id: string; name: string; email: string };
  scopes: string[];
  targetResources?: string[];
}

export interface AdminApiDouble extends TestServer {
  tokens: AdminApiItem[];
  keys: (AdminApiItem | AdminApiKeyItem)[];
  /**
   * The scopes ADMIN_KEY was created with; null for a key without scopes, which may call every
   * Admin API (support.atlassian.com, "Manage an organization with the admin APIs").
   */
  keyScopes: string[] | null;
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
  /**
   * When set, rewrites each listing page before it is sent: a hostile or broken listing (items of
   * any shape, a links.next that is no link). The reference pages type every field as a plain
   * `<string>` with no format or length (api-group-api-token, api-group-api-key), so none of it
   * is ruled out by the documentation.
   */
  reshape: ((page: ListingPage, url: URL) => unknown) | undefined;
}

/** One listing page as the double sends it. */
export interface ListingPage {
  data: unknown[];
  links: Record<string, unknown>;
}

export const ORG = 'org-1';
export const ADMIN_KEY = 'ATCTT3xFfGN0-admin-api-key-for-tests';
/** What the inventory asks admins to give the key (developer.atlassian.com/cloud/admin/scopes). */
export const INVENTORY_SCOPES = ['read:tokens:admin', 'read:keys:admin'];
const PAGE = 100;

/**
 * The scope each operation needs, from its reference page: "Get an organization by ID" needs
 * read:orgs:admin; "Get all API tokens in an org" read:tokens:admin; "Get all API keys in an org"
 * read:keys:admin (split from read:tokens:admin in February 2026, Atlassian release note "More
 * control over Admin API key scopes").
 */
const ROUTES: { path: RegExp; scope: string; list?: 'tokens' | 'keys' }[] = [
  { path: /^\/admin\/v1\/orgs\/([^/]+)$/, scope: 'read:orgs:admin' },
  {
    path: /^\/admin\/api-access\/v1\/orgs\/([^/]+)\/api-tokens$/,
    scope: 'read:tokens:admin',
    list: 'tokens',
  },
  {
    path: /^\/admin\/api-access\/v1\/orgs\/([^/]+)\/api-keys$/,
    scope: 'read:keys:admin',
    list: 'keys',
  },
];

/**
 * A key that lacks the operation's scope: 403 with the Spring error body the Admin API sends
 * (community.atlassian.com, "Organization API Key unable to access the User management APIs",
 * qaq-p/3039088). The body names no scope: the caller has to know which one it needed.
 */
function forbidden(res: ServerResponse, path: string): void {
  sendJson(res, 403, {
    timestamp: new Date().toISOString(),
    path: `/api${path}`,
    status: 403,
    error: 'Forbidden',
    message: 'User has no permission to access resource.',
    requestId: 'b4fce632-202784',
  });
}

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

/** An API key of the org as the api-keys listing shows it. */
export function keyItem(i: number, extra: Partial<AdminApiKeyItem> = {}): AdminApiKeyItem {
  return {
    id: `key-${i}`,
    label: `admin key ${i}`,
    createdAt: daysAhead(-60),
    expiresAt: daysAhead(305),
    lastActiveAt: daysAhead(-30),
    orgId: ORG,
    createdBy: { id: `acc-${i % 50}`, name: `User ${i % 50}`, email: `u${i % 50}@acme.example` },
    scopes: INVENTORY_SCOPES,
    ...extra,
  };
}

/**
 * The org Admin API on 127.0.0.1: pages of 100 with `links.next` as an opaque cursor, 401
 * `{"code":401,"message":"Unauthorized"}` (the api.atlassian.com gateway's answer) for any other
 * key, 403 for an operation outside the key's scopes, 404 for any other org (the reference pages
 * are silent on another org's id), and 429s on demand.
 */
export async function startAdminApi(): Promise<AdminApiDouble> {
  let limit = { from: 0, times: 0, seconds: 0, resetOnly: false };
  let seen = 0;
  const paging = {
    nextUrl: undefined as string | undefined,
    size: PAGE,
    latency: 0,
    reshape: undefined as AdminApiDouble['reshape'],
  };
  const lists = {
    tokens: [] as AdminApiItem[],
    keys: [] as (AdminApiItem | AdminApiKeyItem)[],
    scopes: INVENTORY_SCOPES as string[] | null,
  };
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
    if (bearerToken(req) !== ADMIN_KEY) {
      return sendJson(res, 401, { code: 401, message: 'Unauthorized' });
    }
    const url = new URL(req.path, 'http://double');
    const route = ROUTES.find((r) => r.path.test(url.pathname));
    if (route && lists.scopes && !lists.scopes.includes(route.scope)) {
      return forbidden(res, url.pathname);
    }
    const org = route?.path.exec(url.pathname)?.[1];
    if (!route || org !== ORG) return sendJson(res, 404, { message: 'Not found' });
    if (!route.list) {
      return sendJson(res, 200, { data: { id: ORG, type: 'orgs', attributes: { name: 'Acme' } } });
    }
    const all = lists[route.list];
    const from = Number(url.searchParams.get('cursor') ?? '0');
    const data = all.slice(from, from + paging.size);
    const more = from + paging.size < all.length;
    const next = more ? (paging.nextUrl ?? String(from + paging.size)) : undefined;
    const page: ListingPage = { data, links: { self: req.path, ...(next ? { next } : {}) } };
    sendJson(res, 200, paging.reshape ? paging.reshape(page, url) : page);
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
    set keys(v: (AdminApiItem | AdminApiKeyItem)[]) {
      lists.keys = v;
    },
    get keyScopes() {
      return lists.scopes;
    },
    set keyScopes(v: string[] | null) {
      lists.scopes = v;
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
    get reshape() {
      return paging.reshape;
    },
    set reshape(v: AdminApiDouble['reshape']) {
      paging.reshape = v;
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
