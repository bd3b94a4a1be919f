import { randomBytes } from 'node:crypto';
import { MYSELF_PATH, serveMyself } from './atlassian-gateway';
import { bearerToken, neverFinish, sendJson, startServer, type TestServer } from './server';

/**
 * auth.atlassian.com's rotating refresh tokens and api.atlassian.com's accessible-resources and
 * Jira myself (test/support/atlassian-gateway) for one consented 3LO grant, on a clock the test
 * moves.
 *
 * - "Rotating refresh tokens issue a new, limited life refresh token each time they are used."
 *   (developer.atlassian.com/cloud/oauth/getting-started/refresh-tokens)
 * - "Reuse of old tokens outside the leeway interval invalidates all refresh tokens, and requires
 *   the user to re-consent. The leeway interval is 10 minutes." (community.developer.atlassian.com,
 *   "Updated: 31 January 2022 - Action required - Deprecating persistent refresh tokens", /54172)
 * - "After successful rotating refresh token exchange, the old access and refresh tokens will
 *   enter a 10-minutes grace period (leeway window) before they are marked as revoked … to allow
 *   multiple retries in case the client doesn't get the new token pair." (community post "The old
 *   access token will be revoked during the refresh token exchange", /83103)
 * - A refused refresh token: 403 `{"error":"invalid_grant","error_description":"Unknown or invalid
 *   refresh token."}` (the error description Atlassian's docs quote; 403 as integrations observe).
 */
export const LEEWAY_MS = 10 * 60_000;
const ACCESS_TOKEN_SECONDS = 3600;
const SCOPES = ['read:jira-work', 'read:jira-user', 'offline_access'];
const SITE = { id: 'cloud-1', name: 'acme', url: 'https://acme.atlassian.net' };
export const CONSENTING_USER = { accountId: 'acct-1', displayName: 'Ana Silva' };

export interface AtlassianAuth extends TestServer {
  client: { id: string; secret: string };
  tokenUrl: string;
  /** The first refresh token of a new consent (what the code exchange hands back). */
  consent(): string;
  /** The next `n` refreshes are carried out, but their answers never arrive (a lost answer). */
  loseAnswers(n: number): void;
  /** Runs right after a refresh is carried out, before its answer leaves. */
  onRefresh(hook: (() => void) | null): void;
  stats(): { refreshes: number; reuseRevocations: number; tokenRequests: number };
}

interface RefreshToken {
  family: string;
  rotatedAt: number | null;
}

interface AccessToken {
  family: string;
  expiresAt: number;
  /** The refresh token issued with it: they are companions and die together. */
  companion: string;
}

export async function startAtlassianAuth(now: () => number): Promise<AtlassianAuth> {
  const client = { id: 'th-client', secret: `cs-${randomBytes(12).toString('hex')}` };
  const refreshTokens = new Map<string, RefreshToken>();
  const accessTokens = new Map<string, AccessToken>();
  const revoked = new Set<string>();
  const stats = { refreshes: 0, reuseRevocations: 0, tokenRequests: 0 };
  let lose = 0;
  let hook: (() => void) | null = null;

  const issue = (family: string) => {
    const refresh = `rt-${randomBytes(16).toString('hex')}`;
    const access = `at-${randomBytes(16).toString('hex')}`;
    refreshTokens.set(refresh, { family, rotatedAt: null });
    accessTokens.set(access, {
      family,
      expiresAt: now() + ACCESS_TOKEN_SECONDS * 1000,
      companion: refresh,
    });
    return { refresh, access };
  };
  const rotatedOut = (token: string) => {
    const at = refreshTokens.get(token)?.rotatedAt;
    return at !== null && at !== undefined && now() - at > LEEWAY_MS;
  };

  const server = await startServer((req, res) => {
    if (req.method === 'POST' && req.path === '/oauth/token') {
      stats.tokenRequests += 1;
      const form = new URLSearchParams(req.body);
      if (form.get('client_id') !== client.id || form.get('client_secret') !== client.secret)
        return sendJson(res, 401, { error: 'invalid_client', error_description: 'Unknown client' });
      const presented = form.get('refresh_token') ?? '';
      const known = refreshTokens.get(presented);
      if (known && rotatedOut(presented) && !revoked.has(known.family)) {
        revoked.add(known.family);
        stats.reuseRevocations += 1;
      }
      if (!known || revoked.has(known.family))
        return sendJson(res, 403, {
          error: 'invalid_grant',
          error_description: 'Unknown or invalid refresh token.',
        });
      known.rotatedAt ??= now();
      const pair = issue(known.family);
      stats.refreshes += 1;
      hook?.();
      if (lose > 0) {
        lose -= 1;
        return neverFinish(res);
      }
      return sendJson(res, 200, {
        access_token: pair.access,
        refresh_token: pair.refresh,
        expires_in: ACCESS_TOKEN_SECONDS,
        token_type: 'Bearer',
        scope: SCOPES.join(' '),
      });
    }
    const access = accessTokens.get(bearerToken(req) ?? '');
    const alive =
      access &&
      !revoked.has(access.family) &&
      access.expiresAt > now() &&
      !rotatedOut(access.companion);
    const myself = req.method === 'GET' && MYSELF_PATH.exec(req.path);
    if (myself) {
      const caller = alive ? { user: CONSENTING_USER, scopes: SCOPES, cloudIds: [SITE.id] } : null;
      return serveMyself(res, myself[1] ?? '', caller);
    }
    if (req.method === 'GET' && req.path === '/oauth/token/accessible-resources') {
      if (!alive) return sendJson(res, 401, { code: 401, message: 'Unauthorized' });
      return sendJson(res, 200, [{ ...SITE, scopes: SCOPES }]);
    }
    sendJson(res, 404, { code: 404, message: 'Not Found' });
  });

  return {
    ...server,
    client,
    tokenUrl: `${server.url}/oauth/token`,
    consent: () => issue(`family-${randomBytes(6).toString('hex')}`).refresh,
    loseAnswers: (n) => {
      lose = n;
    },
    onRefresh: (next) => {
      hook = next;
    },
    stats: () => ({ ...stats }),
  };
}
