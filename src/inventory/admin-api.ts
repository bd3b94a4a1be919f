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
 */
import type { ListedToken, OrgTokenKind, OrgTokenStatus } from '../domain/inventory';
import { HttpClient, type FetchLike, type ProbeResponse } from '../probes/http';
import { Redactor } from '../probes/redact';

export const ADMIN_API_BASE = 'https://api.atlassian.com';
const PATHS: Record<OrgTokenKind, string> = { 'api-token': 'api-tokens', 'api-key': 'api-keys' };
const MAX_RETRIES_PER_PAGE = 3;
const DEFAULT_RETRY_SECONDS = 5;

export interface InventorySourceRef {
  orgId: string;
  baseUrl?: string;
}

export interface ListOptions {
  fetch: FetchLike;
  apiKey: string;
  /** Forge allows 100 outbound requests per invocation: a listing needing more is not finished. */
  maxRequests?: number;
  /** The whole listing's time, waits included. */
  deadlineMs?: number;
  /** A Retry-After longer than this ends the listing instead of outliving the invocation. */
  maxRetryWaitSeconds?: number;
  sleep?: (ms: number) => Promise<void>;
  isAllowed?: (url: string) => boolean;
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

export interface Listing {
  tokens: ListedToken[];
  requests: number;
}

const sleeper = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const obj = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {};

/** One documented item, or null when it lacks what identifies it (id, creation time). */
export function toListed(raw: unknown, kind: OrgTokenKind): ListedToken | null {
  const item = obj(raw);
  const id = text(item.id);
  const createdAt = text(item.createdAt);
  if (!id || !createdAt) return null;
  const owner = obj(item.user ?? item.owner ?? item.createdBy);
  const status: OrgTokenStatus = item.status === 'BLOCKED' ? 'BLOCKED' : 'ALLOWED';
  return {
    id,
    kind,
    label: text(item.label) ?? text(item.name) ?? '',
    owner: {
      id: text(owner.id) ?? text(owner.accountId) ?? '',
      name: text(owner.name) ?? text(owner.displayName) ?? '',
      email: text(owner.email) ?? '',
    },
    createdAt,
    expiresAt: text(item.expiresAt),
    lastActiveAt: text(item.lastActiveAt) ?? text(item.lastAccess),
    status,
  };
}

class Lister {
  private readonly http: HttpClient;
  requests = 0;

  constructor(private readonly options: ListOptions) {
    this.http = new HttpClient({
      fetch: options.fetch,
      redactor: new Redactor([options.apiKey]),
      deadlineMs: options.deadlineMs,
      isAllowed: options.isAllowed,
    });
  }

  fail(message: string): AdminApiError {
    return new AdminApiError(this.http.redactor.text(message), this.requests);
  }

  async list(first: URL, kind: OrgTokenKind, into: ListedToken[]): Promise<void> {
    for (let url: URL | null = first; url;) {
      const page = obj(await this.page(url));
      if (!Array.isArray(page.data)) throw this.fail(`${kind}s: the answer has no data list`);
      for (const raw of page.data) {
        const token = toListed(raw, kind);
        if (token) into.push(token);
      }
      url = this.next(url, text(obj(page.links).next));
    }
  }

  private next(current: URL, next: string | null): URL | null {
    if (!next) return null;
    if (/^https?:\/\//i.test(next)) {
      const url = new URL(next);
      if (url.origin !== current.origin) throw this.fail(`links.next leaves ${current.host}`);
      return url;
    }
    const url = new URL(current);
    url.searchParams.set('cursor', next);
    return url;
  }

  private async page(url: URL): Promise<unknown> {
    for (let attempt = 0; ; attempt += 1) {
      if (this.requests >= (this.options.maxRequests ?? 90)) {
        throw this.fail(`stopped after ${this.requests} requests, the invocation's budget`);
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
      try {
        return JSON.parse(res.text) as unknown;
      } catch {
        throw this.fail(`${url.pathname} answered 200 without JSON`);
      }
    }
  }

  private async wait(res: ProbeResponse): Promise<void> {
    const header = Number(res.headers['retry-after']);
    const seconds = Number.isFinite(header) && header >= 0 ? header : DEFAULT_RETRY_SECONDS;
    if (seconds > (this.options.maxRetryWaitSeconds ?? 30)) {
      throw this.fail(`rate-limited: the Admin API asks to wait ${seconds} s`);
    }
    await (this.options.sleep ?? sleeper)(seconds * 1000);
  }
}

/** Every token and key of the org, or AdminApiError: a partial listing is never returned. */
export async function listOrgTokens(
  source: InventorySourceRef,
  options: ListOptions,
): Promise<Listing> {
  const lister = new Lister(options);
  const tokens: ListedToken[] = [];
  const base = (source.baseUrl ?? ADMIN_API_BASE).replace(/\/+$/, '');
  const org = encodeURIComponent(source.orgId);
  for (const kind of ['api-token', 'api-key'] as const) {
    const url = new URL(`${base}/admin/api-access/v1/orgs/${org}/${PATHS[kind]}`);
    await lister.list(url, kind, tokens);
  }
  return { tokens, requests: lister.requests };
}
