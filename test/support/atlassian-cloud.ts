import type http from 'node:http';
import { basicAuth, sendJson, startServer, type RecordedRequest, type TestServer } from './server';

/**
 * A Jira/Confluence Cloud site and the api.atlassian.com gateway in one server, as Atlassian
 * documents them for API tokens (paths tell the two apart: the gateway's start with /ex/).
 *
 * - Classic API tokens work on the site (`https://{site}.atlassian.net`); tokens with scopes work
 *   only through `https://api.atlassian.com/ex/{product}/{cloudId}` (support.atlassian.com,
 *   "Manage API tokens for your Atlassian account"; "Scoped API Tokens in Confluence Cloud").
 * - A scoped token sent to the site gets 401 (sooperset/mcp-atlassian#968, verified table). The
 *   sources do not say what body comes with it; the double answers the site's usual 401.
 * - The gateway answers a valid token that lacks the operation's scope with 401
 *   `{"code":401,"message":"Unauthorized; scope does not match"}` (HolmesGPT/holmesgpt#2373,
 *   PipedreamHQ/pipedream#20210). What it answers an unknown token is not documented; the double
 *   answers 401 `{"code":401,"message":"Unauthorized"}`.
 * - A deactivated account's tokens are not revoked but stop working with 401, like a revoked
 *   token (jira.atlassian.com ACCESS-1816).
 * - `GET https://{site}.atlassian.net/_edge/tenant_info` answers `{"cloudId":"…"}` without
 *   authentication (support.atlassian.com, "How to find your Atlassian Cloud site's Cloud ID").
 */

export interface CloudAccount {
  email: string;
  token: string;
  accountId: string;
  displayName: string;
  /** Scopes of a token "with scopes"; absent for a classic token. */
  scopes?: string[];
}

export interface CloudSiteState {
  cloudId: string;
  accounts: CloudAccount[];
  /** Tokens revoked by their owner or an org admin. */
  revoked: Set<string>;
  /** Account ids an org admin deactivated. */
  deactivated: Set<string>;
}

/**
 * Scopes each identity endpoint accepts: any one set suffices. Jira's "Get current user" lists
 * read:jira-user (classic) or the granular read:application-role/group/user/avatar:jira;
 * Confluence's v1 current user read:confluence-user (classic) or read:content-details:confluence.
 */
const NEEDED: Record<'jira' | 'confluence', string[][]> = {
  jira: [
    ['read:jira-user'],
    ['read:application-role:jira', 'read:group:jira', 'read:user:jira', 'read:avatar:jira'],
  ],
  confluence: [['read:confluence-user'], ['read:content-details:confluence']],
};

const IDENTITY_PATH = { jira: '/rest/api/3/myself', confluence: '/wiki/rest/api/user/current' };

/** The site's answer to a login it does not accept (the same for wrong, revoked, scoped). */
function siteRefuses(res: http.ServerResponse): void {
  sendJson(
    res,
    401,
    { errorMessages: ['Client must be authenticated to access this resource.'] },
    { 'X-Seraph-LoginReason': 'AUTHENTICATED_FAILED', 'WWW-Authenticate': 'Basic realm="Jira"' },
  );
}

function gatewayRefuses(res: http.ServerResponse, message: string): void {
  sendJson(res, 401, { code: 401, message });
}

function identityBody(product: 'jira' | 'confluence', who: CloudAccount): unknown {
  return product === 'jira'
    ? {
        accountId: who.accountId,
        accountType: 'atlassian',
        emailAddress: who.email,
        displayName: who.displayName,
        active: true,
      }
    : { type: 'known', accountId: who.accountId, email: who.email, displayName: who.displayName };
}

/** The account a Basic login names, if its token still works (not revoked, owner active). */
function loginOf(req: RecordedRequest, state: CloudSiteState): CloudAccount | null {
  const login = basicAuth(req);
  const who = state.accounts.find((a) => a.email === login?.user && a.token === login.password);
  if (!who || state.revoked.has(who.token) || state.deactivated.has(who.accountId)) return null;
  return who;
}

function serveSite(req: RecordedRequest, res: http.ServerResponse, state: CloudSiteState): void {
  if (req.path === '/_edge/tenant_info') return sendJson(res, 200, { cloudId: state.cloudId });
  const product = req.path === IDENTITY_PATH.confluence ? 'confluence' : 'jira';
  if (req.path !== IDENTITY_PATH[product]) return sendJson(res, 404, { errorMessages: [] });
  const who = loginOf(req, state);
  if (!who || who.scopes) return siteRefuses(res);
  sendJson(res, 200, identityBody(product, who), { 'X-AAccountId': who.accountId });
}

function serveGateway(req: RecordedRequest, res: http.ServerResponse, state: CloudSiteState) {
  const match = /^\/ex\/(jira|confluence)\/([^/]+)(\/.*)$/.exec(req.path);
  if (!match || match[2] !== state.cloudId) return sendJson(res, 404, { code: 404 });
  const product = match[1] as 'jira' | 'confluence';
  if (match[3] !== IDENTITY_PATH[product]) return sendJson(res, 404, { code: 404 });
  const who = loginOf(req, state);
  // Public sources say nothing of a classic token at the gateway; it is refused here.
  if (!who?.scopes) return gatewayRefuses(res, 'Unauthorized');
  const scopes = who.scopes;
  if (!NEEDED[product].some((set) => set.every((s) => scopes.includes(s)))) {
    return gatewayRefuses(res, 'Unauthorized; scope does not match');
  }
  sendJson(res, 200, identityBody(product, who));
}

export interface CloudDouble {
  server: TestServer;
  state: CloudSiteState;
}

export async function startAtlassianCloud(
  accounts: CloudAccount[],
  cloudId = 'a436116f-02ce-4520-8fbb-7301462a1674',
): Promise<CloudDouble> {
  const state: CloudSiteState = {
    cloudId,
    accounts,
    revoked: new Set(),
    deactivated: new Set(),
  };
  const server = await startServer((req, res) =>
    req.path.startsWith('/ex/') ? serveGateway(req, res, state) : serveSite(req, res, state),
  );
  return { server, state };
}
