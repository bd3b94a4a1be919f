/**
 * Lists every user API token and API key of an organisation through the Admin API
 * (developer.atlassian.com/cloud/admin/api-access/rest/): GET /admin/api-access/v1/orgs/{orgId}/
 * api-tokens and .../api-keys, with the org's Admin API key as a Bearer token.
 *
 * What we rely on from the documented answer: `data[]` items with `id`, `label`, `status`
 * (ALLOWED/BLOCKED), `createdAt`, `expiresAt`, `lastActiveAt` and the owner as `user`
 * {id, name, email}; `links.next` for the next page. The API-key page documents fewer fields, so
 * the owner is also read from `owner`/`createdBy`, last use from `lastAccess`, and `links.next`
 * may be a cursor (sent back as `cursor=`) or a URL (followed only on the same origin, so the key
 * never travels elsewhere). Nothing in the answer is a token value, and nothing else is kept.
 * Items are read in listing.ts; here every loop is bounded: a page over 1 MiB, a links.next that
 * is not a short string or repeats a page, or more than MAX_ORG_TOKENS items fail the listing.
 */
import { credentialInQuery, paramWords } from '../domain/credential-param';
import { MAX_ORG_TOKENS, type ListedToken, type OrgTokenKind } from '../domain/inventory';
import { parseRateLimitReset, parseRetryAfter } from '../domain/retry-after';
import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  HttpClient,
  type FetchLike,
  type ProbeResponse,
} from '../http/client';
import { Redactor } from '../http/redact';
import { obj, text, toListed } from './listing';

export { toListed } from './listing';

export const ADMIN_API_BASE = 'https://api.atlassian.com';
const PATHS: Record<OrgTokenKind, string> = { 'api-token': 'api-tokens', 'api-key': 'api-keys' };
const MAX_RETRIES_PER_PAGE = 3;
const DEFAULT_RETRY_SECONDS = 5;
/** A links.next longer than a URL anyone accepts is no link: it would not fit the run either. */
const MAX_NEXT_CHARS = 2048;
/** A page is not started without time for the transport's whole per-request timeout. */
const PAGE_TIMEOUT_MS = DEFAULT_REQUEST_TIMEOUT_MS;

export interface InventorySourceRef {
  orgId: string;
  baseUrl?: string;
}

/** Where a listing goes on: the next page of one kind. A URL, so it can wait in a queue event. */
export interface Cursor {
  kind: OrgTokenKind;
  url: string;
}

export interface ListOptions {
  fetch: FetchLike;
  apiKey: string;
  /** Requests this call may make: Forge allows 100 per invocation, keep a margin. */
  maxRequests: number;
  /** Time this call may take, waits included: no page is started after it. */
  deadlineMs: number;
  /** A Retry-After longer than this ends the listing instead of outliving the invocation. */
  maxRetryWaitSeconds?: number;
  sleep?: (ms: number) => Promise<void>;
  isAllowed?: (url: string) => boolean;
  /** Elapsed time, injected so tests control it; defaults to the wall clock since the call. */
  elapsedMs?: () => number;
  /** The current time, for an X-RateLimit-Reset given as a moment. */
  now?: () => Date;
  /** Items this call may list before the listing counts as endless; MAX_ORG_TOKENS unless set. */
  maxItems?: number;
}

export class AdminApiError extends Error {
  constructor(
    message: string,
    readonly requests: number,
  ) {
    super(message);
    this.name = 'AdminApiError';
  }
}

/** What one call listed, and where the next call goes on (null: the listing is complete). */
export interface ListStep {
  tokens: ListedToken[];
  next: Cursor | null;
  requests: number;
  /** Items listed without a readable id: not tokens, but counted so the page can say so. */
  unreadable: number;
}

const sleeper = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
class Lister {
  private readonly http: HttpClient;
  requests = 0;

  private readonly elapsed: () => number;

  constructor(private readonly options: ListOptions) {
    this.http = new HttpClient({
      fetch: options.fetch,
      redactor: new Redactor([options.apiKey]),
      deadlineMs: options.deadlineMs,
      isAllowed: options.isAllowed,
    });
    const started = performance.now();
    this.elapsed = options.elapsedMs ?? (() => performance.now() - started);
  }

  fail(message: string): AdminApiError {
    return new AdminApiError(this.http.redactor.text(message), this.requests);
  }

  async list(from: Cursor, into: ListStep): Promise<Cursor | null> {
    const seen = new Set<string>();
    let cursor: Cursor | null = from;
    while (cursor && this.canGoOn()) {
      // A links.next that leads back to a page already listed would list it forever.
      if (seen.has(cursor.url)) throw this.fail(`${cursor.kind}s: links.next repeats a page`);
      seen.add(cursor.url);
      const url: URL = new URL(cursor.url);
      const page = obj(await this.page(url));
      if (!Array.isArray(page.data))
        throw this.fail(`${cursor.kind}s: the answer has no data list`);
      this.read(page.data, cursor.kind, into);
      const next = this.next(url, obj(page.links).next);
      cursor = next ? { kind: cursor.kind, url: next.toString() } : afterKind(cursor.kind, url);
    }
    return cursor;
  }

  /** Each item on its own: one that is not a token costs only itself. */
  private read(data: unknown[], kind: OrgTokenKind, into: ListStep): void {
    if (
      into.tokens.length + into.unreadable + data.length >
      (this.options.maxItems ?? MAX_ORG_TOKENS)
    ) {
      throw this.fail(`the organisation lists more than ${MAX_ORG_TOKENS} tokens and keys`);
    }
    for (const raw of data) {
      const token = toListed(raw, kind);
      if (token) into.tokens.push(token);
      else into.unreadable += 1;
    }
  }

  /** Room for one more page: a request left in the budget and time for its timeout. */
  private canGoOn(): boolean {
    const { maxRequests, deadlineMs } = this.options;
    return this.requests < maxRequests && this.elapsed() + PAGE_TIMEOUT_MS <= deadlineMs;
  }

  /** Absent, null or empty ends the kind; anything else that is not a short string is refused. */
  private next(current: URL, raw: unknown): URL | null {
    if (raw === undefined || raw === null || raw === '') return null;
    const next = text(raw);
    if (next === null) throw this.fail('links.next is not a link');
    if (next.length > MAX_NEXT_CHARS) {
      throw this.fail(`links.next is longer than ${MAX_NEXT_CHARS} characters`);
    }
    if (/^https?:\/\//i.test(next)) {
      const url = new URL(next);
      if (url.origin !== current.origin) throw this.fail(`links.next leaves ${current.host}`);
      return this.withoutCredential(url);
    }
    const url = new URL(current);
    url.searchParams.set('cursor', next);
    return url;
  }

  /**
   * The cursor URL waits in plain storage between steps: a listing that slips a credential into
   * its query (`?api_token=…`) is refused by the rule every stored URL follows.
   */
  private withoutCredential(url: URL): URL {
    const name = credentialInQuery(url);
    if (name !== null)
      throw this.fail(`links.next carries a credential in its query parameter ${paramWords(name)}`);
    return url;
  }

  private async page(url: URL): Promise<unknown> {
    for (let attempt = 0; ; attempt += 1) {
      if (this.requests >= this.options.maxRequests) {
        throw this.fail(`rate-limited until the invocation's ${this.requests} requests ran out`);
      }
      this.requests += 1;
      const res = await this.http
        .send({
          method: 'GET',
          url: url.toString(),
          headers: { Authorization: `Bearer ${this.options.apiKey}` },
        })
        .catch((err: unknown) => {
          throw this.fail(`${url.host} could not be reached: ${String(err)}`);
        });
      if (res.status === 429 && attempt < MAX_RETRIES_PER_PAGE) {
        await this.wait(res);
        continue;
      }
      if (res.status !== 200) throw this.fail(`${url.pathname} answered ${res.status}`);
      if (res.truncated) throw this.fail(`${url.pathname} answered a page over 1 MiB`);
      try {
        return JSON.parse(res.text) as unknown;
      } catch {
        throw this.fail(`${url.pathname} answered 200 without JSON`);
      }
    }
  }

  private async wait(res: ProbeResponse): Promise<void> {
    // The Admin API's 429 carries Retry-After, or only X-RateLimit-Reset (the moment the quota
    // refills): "Rate limit response headers", developer.atlassian.com/cloud/admin/api-access.
    const now = this.options.now?.() ?? new Date();
    const seconds =
      parseRetryAfter(res.headers['retry-after'], now) ??
      parseRateLimitReset(res.headers['x-ratelimit-reset'], now) ??
      DEFAULT_RETRY_SECONDS;
    const left = (this.options.deadlineMs - this.elapsed() - PAGE_TIMEOUT_MS) / 1000;
    if (seconds > Math.min(this.options.maxRetryWaitSeconds ?? 30, left)) {
      throw this.fail(`rate-limited: the Admin API asks to wait ${seconds} s`);
    }
    await (this.options.sleep ?? sleeper)(seconds * 1000);
  }
}

const urlOf = (base: string, orgId: string, kind: OrgTokenKind) =>
  `${base.replace(/\/+$/, '')}/admin/api-access/v1/orgs/${encodeURIComponent(orgId)}/${PATHS[kind]}`;

/** Tokens first, then keys: after the last page of tokens comes the first page of keys. */
function afterKind(kind: OrgTokenKind, url: URL): Cursor | null {
  if (kind === 'api-key') return null;
  const orgPath = url.pathname.replace(/\/api-tokens$/, '/api-keys');
  return { kind: 'api-key', url: `${url.origin}${orgPath}` };
}

/** Where a listing of the org starts. */
export function firstCursor(source: InventorySourceRef): Cursor {
  return {
    kind: 'api-token',
    url: urlOf(source.baseUrl ?? ADMIN_API_BASE, source.orgId, 'api-token'),
  };
}

/**
 * Lists pages from `from` until the listing ends or the budget or deadline leaves no room for
 * another page; answers where to go on. Throws AdminApiError on any failure: the tokens of a
 * failed call are never returned, so a caller never mistakes a broken listing for a short one.
 */
export async function listFrom(from: Cursor, options: ListOptions): Promise<ListStep> {
  const lister = new Lister(options);
  const step: ListStep = { tokens: [], next: null, requests: 0, unreadable: 0 };
  step.next = await lister.list(from, step);
  return { ...step, requests: lister.requests };
}
