/**
 * A Bitbucket Data Center double, true to the public record:
 * - Bitbucket DC REST reference, group "Authentication" (OpenAPI): tokens are listed per user
 *   (/rest/access-tokens/latest/users/{userSlug}), project (/projects/{projectKey}) and repository
 *   (/projects/{projectKey}/repos/{repositorySlug}), in pages {size, limit, isLastPage, values,
 *   start, nextPageStart}; one token by id at …/{tokenId}; 401 when the caller may not read them
 *   ("…not permitted to get access tokens… or authentication failed"), 404 when the user,
 *   project, repository or token does not exist. The schema types createdDate as a date-time
 *   string and documents only id, name and createdDate.
 * - Atlassian KB "How to renew personal access tokens via REST API's in Bitbucket Server": a real
 *   listing sends createdDate as epoch milliseconds, with permissions and user, and a token
 *   without expiry carries no expiryDays. expiryDays and lastAuthenticated on expiring tokens are
 *   what clients such as Eclipse Che read; Atlassian does not document them.
 * - The REST reference's example token "MjUyOTczNTE1MDY5On2r…" is base64 of "252973515069:…", its
 *   example id: a Bitbucket token carries its listed id.
 * - /rest/api/latest/application-properties answers everyone; only a good token earns the
 *   X-AUSERNAME / X-AUSERID headers (observed behaviour; the headers are not in the reference).
 */
import type { ServerResponse } from 'node:http';
import { daysFromNow } from './probe';
import {
  bearerToken,
  sendJson,
  startServer,
  type RecordedRequest,
  type TestServer,
} from './server';

export const SLUG = 'ci-bot';
export const CONTEXT = '/bitbucket';

/** "BBDC-" + base64 of "<12-digit token id>:<random bytes>". */
export function mintToken(id: string, randomHex: string): string {
  const random = Buffer.from(randomHex, 'hex');
  return `BBDC-${Buffer.concat([Buffer.from(`${id}:`), random]).toString('base64')}`;
}

export const TOKEN_ID = '361836483637';
export const TOKEN = mintToken(TOKEN_ID, '9f2c41d07be3a85516c0de4477a1b2c3d4e5f601');

export const PROPERTIES = {
  version: '8.19.1',
  buildNumber: '8019001',
  buildDate: '1712345678901',
  displayName: 'Bitbucket',
};

export const AUTH_FAILED = {
  errors: [
    {
      context: null,
      message: 'Authentication failed. Please check your credentials and try again.',
      exceptionName: 'com.atlassian.bitbucket.auth.IncorrectPasswordAuthenticationException',
    },
  ],
};

/** Bitbucket's error body; the message text here is the double's own wording. */
function notFound(res: ServerResponse, message: string): void {
  const exceptionName = 'com.atlassian.bitbucket.NoSuchEntityException';
  sendJson(res, 404, { errors: [{ context: null, message, exceptionName }] });
}

export interface Token {
  id: string;
  name: string;
  created: Date;
  /** Absent on a token without expiry (KB example). */
  expiryDays?: number;
  permissions?: string[];
}

export type DateStyle = 'millis' | 'iso';

/** One entry as Bitbucket sends it; `dates` picks epoch millis (KB) or ISO text (schema). */
export function entry(token: Token, dates: DateStyle = 'millis'): Record<string, unknown> {
  const when = (d: Date) => (dates === 'iso' ? d.toISOString() : d.getTime());
  return {
    id: token.id,
    createdDate: when(token.created),
    lastAuthenticated: when(new Date('2026-11-22T07:30:00.000Z')),
    name: token.name,
    permissions: token.permissions ?? ['REPO_READ', 'PROJECT_READ'],
    user: { name: SLUG, id: 152, slug: SLUG, type: 'NORMAL', active: true },
    ...(token.expiryDays === undefined ? {} : { expiryDays: token.expiryDays }),
  };
}

/** Created 30 days ago for 365 days: 335 days left. */
const DEFAULT_TOKEN: Token = {
  id: TOKEN_ID,
  name: 'ci sync',
  created: daysFromNow(-30),
  expiryDays: 365,
};

type Custom = (req: RecordedRequest, res: ServerResponse) => void;

export interface BitbucketDcOptions {
  /** The one good token; TOKEN unless a test needs another shape. */
  token?: string;
  /** Where the tokens live, under /rest/access-tokens/latest: users/…, projects/…, …/repos/…. */
  scope?: string;
  tokens?: Token[];
  dates?: DateStyle;
  /** The server's page size cap (page.max.* in bitbucket.properties); Bitbucket's default is 25. */
  maxLimit?: number;
  /** Replaces every answer under /rest/access-tokens/ (a 401, a proxy page…). */
  tokensAnswer?: Custom;
  /** A custom answer to entries sent as is (fields missing, odd types). */
  raw?: Record<string, unknown>[];
}

function page(req: RecordedRequest, res: ServerResponse, all: unknown[], maxLimit: number): void {
  const query = new URL(req.path, 'http://x').searchParams;
  const start = Number(query.get('start') ?? 0);
  const limit = Math.min(Number(query.get('limit') ?? 25), maxLimit);
  const values = all.slice(start, start + limit);
  const isLastPage = start + limit >= all.length;
  sendJson(res, 200, {
    size: values.length,
    limit,
    isLastPage,
    values,
    start,
    ...(isLastPage ? {} : { nextPageStart: start + limit }),
  });
}

function accessTokens(req: RecordedRequest, res: ServerResponse, o: BitbucketDcOptions): void {
  if (o.tokensAnswer) return o.tokensAnswer(req, res);
  const base = `${CONTEXT}/rest/access-tokens/latest${o.scope ?? `/users/${SLUG}`}`;
  const path = req.path.split('?')[0] ?? '';
  const all = o.raw ?? (o.tokens ?? [DEFAULT_TOKEN]).map((t) => entry(t, o.dates));
  if (path === base) return page(req, res, all, o.maxLimit ?? 1000);
  if (path.startsWith(`${base}/`)) {
    const id = path.slice(base.length + 1);
    const one = all.find((t) => t['id'] === id);
    return one ? sendJson(res, 200, one) : notFound(res, `No access token exists with ID ${id}.`);
  }
  notFound(res, 'The specified user, project or repository does not exist.');
}

/** Bitbucket DC under /bitbucket. */
export function bitbucketDc(options: BitbucketDcOptions = {}): Promise<TestServer> {
  return startServer((req, res) => {
    const sent = bearerToken(req);
    if (sent !== null && sent !== (options.token ?? TOKEN)) return sendJson(res, 401, AUTH_FAILED);
    if (req.path === `${CONTEXT}/rest/api/latest/application-properties`) {
      const who: Record<string, string> = sent ? { 'X-AUSERID': '152', 'X-AUSERNAME': SLUG } : {};
      return sendJson(res, 200, PROPERTIES, who);
    }
    if (req.path.startsWith(`${CONTEXT}/rest/access-tokens/`)) {
      return accessTokens(req, res, options);
    }
    notFound(res, 'Not found');
  });
}
