import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import {
  bearerToken,
  sendJson,
  startServer,
  type RecordedRequest,
  type TestServer,
} from './server';

/**
 * A Jira or Confluence Data Center 10.x server under a context path, with service accounts
 * (OAuth 2.0 client credentials) and the current-user endpoint the probe calls.
 *
 * - Token request: `POST {base}/rest/oauth2/latest/token`, form `grant_type=client_credentials`,
 *   `client_id`, `client_secret`, `scope` ("the space-separated list of scopes for which the
 *   access token is requested"); "The response includes an access token, valid for a limited time
 *   (usually 1 hour). Refresh tokens are not supported." (confluence.atlassian.com/enterprise,
 *   "Service accounts overview").
 * - Jira's scopes for service accounts: READ, and WRITE, which "also inherits READ access"
 *   ("How service accounts work in Data Center"); Get current user is a READ endpoint.
 * - A refused client: 401 `{"error":"invalid_client"}`, and a scope the account does not hold:
 *   400 `{"error":"invalid_scope"}` (RFC 6749 §5.2; Atlassian documents no bodies of its own).
 * - Too many failed logins make Seraph demand a CAPTCHA: 403 with `X-Seraph-LoginReason:
 *   AUTHENTICATION_DENIED` and `X-Authentication-Denied-Reason: CAPTCHA_CHALLENGE; login-url=…`
 *   (Atlassian KB, "REST API calls fail with CAPTCHA_CHALLENGE"). Seraph filters every request,
 *   so the double applies it to the token endpoint too; `lock()` turns it on.
 * - A token lacking READ at a READ endpoint: 403 here; Atlassian does not document the status.
 * - Jira: `/rest/api/2/myself` {key, name, displayName}; Confluence: `/rest/api/user/current`
 *   {type, userKey, username, displayName}; both send `X-AUSERNAME`.
 */
export const DC_CONTEXT = '/jira';
const TOKEN_SECONDS = 3600;
const IMPLIED: Record<string, string[]> = { WRITE: ['READ'] };

export interface DcAccount {
  key: string;
  name: string;
  displayName: string;
}
export const DC_SERVICE_ACCOUNT: DcAccount = {
  key: 'JIRAUSER20001',
  name: 'svc-deploy-bot',
  displayName: 'Deploy bot (service account)',
};

export interface DcCredential {
  clientId: string;
  clientSecret: string;
}

interface Stored extends DcCredential {
  account: DcAccount;
  scopes: string[];
  revoked: boolean;
}

export interface DatacenterOauth2 extends TestServer {
  /** The base URL an integration uses, context path included. */
  base: string;
  create(options?: { account?: DcAccount; scopes?: string[] }): DcCredential;
  revoke(clientId: string): void;
  lock(): void;
  tokenRequests(): Record<string, string>[];
}

const covers = (held: string[], wanted: string) =>
  held.some((s) => s === wanted || (IMPLIED[s] ?? []).includes(wanted));

function captcha(res: ServerResponse): void {
  sendJson(
    res,
    403,
    { message: 'Client must be authenticated to access this resource.', 'status-code': 401 },
    {
      'X-Seraph-LoginReason': 'AUTHENTICATION_DENIED',
      'X-Authentication-Denied-Reason': 'CAPTCHA_CHALLENGE; login-url=https://dc.example/login.jsp',
      'X-AUSERNAME': 'anonymous',
    },
  );
}

function currentUser(res: ServerResponse, account: DcAccount, product: 'jira' | 'confluence') {
  const who = { 'X-AUSERNAME': account.name };
  if (product === 'jira') return sendJson(res, 200, { ...account, active: true }, who);
  sendJson(
    res,
    200,
    {
      type: 'known',
      userKey: account.key,
      username: account.name,
      displayName: account.displayName,
    },
    who,
  );
}

export async function startDatacenterOauth2(
  product: 'jira' | 'confluence' = 'jira',
): Promise<DatacenterOauth2> {
  const credentials = new Map<string, Stored>();
  const tokens = new Map<string, { credential: Stored; scopes: string[] }>();
  const received: Record<string, string>[] = [];
  let locked = false;
  const myself = product === 'jira' ? '/rest/api/2/myself' : '/rest/api/user/current';

  const token = (req: RecordedRequest, res: ServerResponse) => {
    const form = Object.fromEntries(new URLSearchParams(req.body));
    received.push(form);
    if (form.grant_type !== 'client_credentials') {
      return sendJson(res, 400, { error: 'unsupported_grant_type' });
    }
    const credential = credentials.get(form.client_id ?? '');
    if (!credential || credential.revoked || credential.clientSecret !== form.client_secret) {
      return sendJson(res, 401, { error: 'invalid_client', error_description: 'Bad client' });
    }
    const asked = (form.scope ?? '').split(/\s+/).filter(Boolean);
    if (asked.some((s) => !covers(credential.scopes, s))) {
      return sendJson(res, 400, { error: 'invalid_scope', error_description: 'Scope not held' });
    }
    const scopes = asked.length > 0 ? asked : credential.scopes;
    const access = `dc-at-${randomBytes(16).toString('hex')}`;
    tokens.set(access, { credential, scopes });
    sendJson(res, 200, {
      access_token: access,
      token_type: 'bearer',
      expires_in: TOKEN_SECONDS,
      scope: scopes.join(' '),
    });
  };

  const server = await startServer((req, res) => {
    if (locked) return captcha(res);
    const path = req.path.startsWith(DC_CONTEXT) ? req.path.slice(DC_CONTEXT.length) : '';
    if (req.method === 'POST' && path === '/rest/oauth2/latest/token') return token(req, res);
    const issued = tokens.get(bearerToken(req) ?? '');
    if (!issued || issued.credential.revoked) {
      return sendJson(
        res,
        401,
        { message: 'Client must be authenticated to access this resource.', 'status-code': 401 },
        { 'X-Seraph-LoginReason': 'AUTHENTICATED_FAILED', 'X-AUSERNAME': 'anonymous' },
      );
    }
    if (req.method === 'GET' && path === myself) {
      if (!covers(issued.scopes, 'READ')) {
        return sendJson(res, 403, { message: 'The token scope does not allow this request' });
      }
      return currentUser(res, issued.credential.account, product);
    }
    sendJson(res, 404, { errorMessages: ['not found'] });
  });

  return {
    ...server,
    base: `${server.url}${DC_CONTEXT}`,
    create: ({ account = DC_SERVICE_ACCOUNT, scopes = ['READ'] } = {}) => {
      const stored: Stored = {
        clientId: `dc-client-${randomBytes(6).toString('hex')}`,
        clientSecret: `dc-secret-${randomBytes(20).toString('hex')}`,
        account,
        scopes,
        revoked: false,
      };
      credentials.set(stored.clientId, stored);
      return { clientId: stored.clientId, clientSecret: stored.clientSecret };
    },
    revoke: (clientId) => {
      const stored = credentials.get(clientId);
      if (stored) stored.revoked = true;
    },
    lock: () => {
      locked = true;
    },
    tokenRequests: () => received.map((r) => ({ ...r })),
  };
}
