import { randomBytes } from 'node:crypto';
import {
  CONFLUENCE_CURRENT_PATH,
  MYSELF_PATH,
  PROJECT_SEARCH_PATH,
  serveConfluenceCurrent,
  serveMyself,
  serveProjectSearch,
  type GatewayUser,
} from './atlassian-gateway';
import {
  bearerToken,
  sendJson,
  startServer,
  type RecordedRequest,
  type TestServer,
} from './server';

/**
 * auth.atlassian.com's client-credentials grant for the OAuth 2.0 credentials of Atlassian
 * service accounts, and api.atlassian.com's Jira myself (test/support/atlassian-gateway) for the
 * tokens it issues, on a clock the test moves.
 *
 * - "Make a POST request to https://auth.atlassian.com/oauth/token with client_id and
 *   client_secret to get the OAuth 2.0 access token valid for 60 minutes", then call
 *   `https://api.atlassian.com/ex/jira/{cloudId}/…` with it as a Bearer token (support.atlassian.com,
 *   "Create OAuth 2.0 credential for service accounts").
 * - The scopes are chosen when the credential is created ("Select scopes to determine what the
 *   API access token can do"); the token carries them all, listed in the answer's `scope` (RFC 6749
 *   §5.1), whatever is requested.
 * - A credential's expiry is chosen at creation, at most a year ahead ("Understand service
 *   accounts"); past it, and once revoked, the credential is refused.
 * - A refused client: 401 `{"error":"invalid_client"}` (RFC 6749 §5.2: "invalid_client … the
 *   authorization server MAY return an HTTP 401"). Atlassian does not document its exact body.
 * - No refresh token: the client-credentials grant issues none (RFC 6749 §4.4.3).
 * - Requests come as a form (RFC 6749 §4.4.2) or as JSON, which Atlassian's token endpoint takes too.
 * - Jira's and Confluence's Get current user and Jira's Get projects answer as
 *   test/support/atlassian-gateway says, each by the scopes its reference lists.
 */
const TOKEN_SECONDS = 3600;
export const SA_SITE = { id: 'c0ffee00-5a5a-4b4b-8c8c-000000000001', name: 'acme' };
export const SERVICE_ACCOUNT: GatewayUser = {
  accountId: '712020:5e2c9a1b-sa01',
  displayName: 'ci-sync',
  emailAddress: 'ci-sync-a1b2c3@serviceaccount.atlassian.com',
};
export const READ_MYSELF = ['read:jira-user', 'read:jira-work'];

export interface SaCredential {
  clientId: string;
  clientSecret: string;
}

interface Stored extends SaCredential {
  user: GatewayUser;
  scopes: string[];
  expiresAt: number;
  revoked: boolean;
}

export interface AtlassianServiceAccounts extends TestServer {
  tokenUrl: string;
  /** Creates credentials for `user` holding `scopes`, expiring `days` from the test's now. */
  create(options?: { user?: GatewayUser; scopes?: string[]; days?: number }): SaCredential;
  revoke(clientId: string): void;
  /** The form (or JSON) the token endpoint received, request by request. */
  tokenRequests(): Record<string, string>[];
}

function params(req: RecordedRequest): Record<string, string> {
  if (String(req.headers['content-type']).startsWith('application/json')) {
    return JSON.parse(req.body) as Record<string, string>;
  }
  return Object.fromEntries(new URLSearchParams(req.body));
}

export async function startAtlassianServiceAccounts(
  now: () => number,
): Promise<AtlassianServiceAccounts> {
  const credentials = new Map<string, Stored>();
  const tokens = new Map<string, { credential: Stored; expiresAt: number }>();
  const received: Record<string, string>[] = [];

  const live = (c: Stored | undefined) => c && !c.revoked && c.expiresAt > now();

  const server = await startServer((req, res) => {
    if (req.method === 'POST' && req.path === '/oauth/token') {
      const form = params(req);
      received.push(form);
      if (form.grant_type !== 'client_credentials') {
        return sendJson(res, 400, { error: 'unsupported_grant_type' });
      }
      const credential = credentials.get(form.client_id ?? '');
      if (!credential || !live(credential) || credential.clientSecret !== form.client_secret) {
        return sendJson(res, 401, {
          error: 'invalid_client',
          error_description: 'Unauthorized',
        });
      }
      const access = `sa-at-${randomBytes(16).toString('hex')}`;
      tokens.set(access, { credential, expiresAt: now() + TOKEN_SECONDS * 1000 });
      return sendJson(res, 200, {
        access_token: access,
        expires_in: TOKEN_SECONDS,
        token_type: 'Bearer',
        scope: credential.scopes.join(' '),
      });
    }
    const token = tokens.get(bearerToken(req) ?? '');
    const alive = token && token.expiresAt > now() && live(token.credential);
    const caller = alive
      ? { user: token.credential.user, scopes: token.credential.scopes, cloudIds: [SA_SITE.id] }
      : null;
    const routes = [
      [MYSELF_PATH, serveMyself],
      [CONFLUENCE_CURRENT_PATH, serveConfluenceCurrent],
      [PROJECT_SEARCH_PATH, serveProjectSearch],
    ] as const;
    for (const [path, serve] of routes) {
      const match = req.method === 'GET' && path.exec(req.path);
      if (match) return serve(res, match[1] ?? '', caller);
    }
    sendJson(res, 404, { code: 404, message: 'Not Found' });
  });

  return {
    ...server,
    tokenUrl: `${server.url}/oauth/token`,
    create: ({ user = SERVICE_ACCOUNT, scopes = READ_MYSELF, days = 180 } = {}) => {
      const stored: Stored = {
        clientId: `sa-client-${randomBytes(6).toString('hex')}`,
        clientSecret: `ATOA${randomBytes(24).toString('hex')}`,
        user,
        scopes,
        expiresAt: now() + days * 86_400_000,
        revoked: false,
      };
      credentials.set(stored.clientId, stored);
      return { clientId: stored.clientId, clientSecret: stored.clientSecret };
    },
    revoke: (clientId) => {
      const stored = credentials.get(clientId);
      if (stored) stored.revoked = true;
    },
    tokenRequests: () => received.map((r) => ({ ...r })),
  };
}
