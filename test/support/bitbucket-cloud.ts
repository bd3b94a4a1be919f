import type http from 'node:http';
import {
  basicAuth,
  bearerToken,
  sendJson,
  startServer,
  type RecordedRequest,
  type TestServer,
} from './server';

/**
 * A double of api.bitbucket.org as its public documentation and Atlassian's own answers describe
 * it. Token prefixes: API token ATAT…, app password ATBB…, workspace/project/repository access
 * token ATCT… (Atlassian staff, community.atlassian.com "Can we confirm BitBucket's token
 * prefixes?", 2025-08-25).
 */
export const BB = {
  email: 'ci-bot@acme.example',
  bitbucketUsername: 'ci-bot',
  apiToken: 'ATATT3xFfGF0Hq3Lw7Zp1Dx5Jc9Ns-0001',
  appPassword: 'ATBBx7Kq2mWvN9pLr4TtYc3E0123456789AB',
  workspaceToken: 'ATCTT3xFfGN0Rb6Yk2Wd8Mf4Pq-0002',
  repositoryToken: 'ATCTT3xFfGN0Tz5Hc9Lv3Sg7Xn-0003',
  workspace: 'acme',
  repository: 'deploy-scripts',
  accountId: '557058:3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b',
} as const;

export const BB_USER = {
  display_name: 'CI Bot',
  links: { avatar: { href: 'https://secure.gravatar.com/avatar/x' } },
  created_on: '2021-03-04T10:11:12.000000+00:00',
  type: 'user',
  uuid: '{0b8e6f2a-1c3d-4e5f-8a9b-7c6d5e4f3a2b}',
  has_2fa_enabled: null,
  is_staff: false,
  account_id: BB.accountId,
  nickname: 'ci-bot',
  account_status: 'active',
  location: null,
};

/** The answer Bitbucket gives a token it will not take at an endpoint, for whatever reason. */
export const BB_INVALID = {
  type: 'error',
  error: { message: 'Token is invalid, expired, or not supported for this endpoint.' },
};

/**
 * support.atlassian.com/bitbucket-cloud/kb/this-api-is-not-accessible-by-this-authentication-mechanism:
 * an access token is valid only in its own workspace; 403 as terraform-provider-bitbucket#221
 * reports it.
 */
export const BB_NOT_ACCESSIBLE = {
  type: 'error',
  error: { message: 'This API is not accessible by this authentication mechanism' },
};

const WORKSPACE = {
  type: 'workspace',
  uuid: '{a15fb181-db1f-48f7-b41f-e1eff06929d6}',
  slug: BB.workspace,
  name: 'Acme',
  is_private: true,
};

const REPOSITORY = {
  type: 'repository',
  full_name: `${BB.workspace}/${BB.repository}`,
  name: BB.repository,
  slug: BB.repository,
  uuid: '{5e6f7a8b-1c2d-4e3f-9a0b-1c2d3e4f5a6b}',
  is_private: true,
};

/**
 * A refused Basic login: "HTTP/2 401 … www-authenticate: Basic realm="Bitbucket.org HTTP""
 * (support.atlassian.com KB "Getting 401 HTTP error when using Basic authentication with Bitbucket
 * Cloud REST APIs"). App passwords get 401 since their brownouts began on 2026-06-09 and for good
 * from 2026-07-28 (community.atlassian.com "Deprecation notice: Bitbucket Cloud app password
 * brownout schedule"); neither source shows a body, so none is sent.
 */
function basicRefused(res: http.ServerResponse): void {
  res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="Bitbucket.org HTTP"' });
  res.end();
}

type Caller = 'user' | 'workspace-token' | 'repository-token' | 'refused-basic' | 'unknown';

/** Only an API token with its owner's email works as Basic: a username + API token does not. */
function callerOf(req: RecordedRequest): Caller {
  const basic = basicAuth(req);
  if (basic)
    return basic.user === BB.email && basic.password === BB.apiToken ? 'user' : 'refused-basic';
  const bearer = bearerToken(req);
  if (bearer === BB.workspaceToken) return 'workspace-token';
  if (bearer === BB.repositoryToken) return 'repository-token';
  return 'unknown';
}

const WORKSPACE_PATH = `/2.0/workspaces/${BB.workspace}`;
const REPOSITORY_PATH = `/2.0/repositories/${BB.workspace}/${BB.repository}`;

/** What each caller may read; an access token belongs to no user, so never /2.0/user. */
const READS: Record<Caller, string[]> = {
  user: ['/2.0/user', WORKSPACE_PATH, REPOSITORY_PATH],
  'workspace-token': [WORKSPACE_PATH, REPOSITORY_PATH],
  'repository-token': [REPOSITORY_PATH],
  'refused-basic': [],
  unknown: [],
};

const BODIES: Record<string, unknown> = {
  '/2.0/user': BB_USER,
  [WORKSPACE_PATH]: WORKSPACE,
  [REPOSITORY_PATH]: REPOSITORY,
};

function refuse(caller: Caller, path: string, res: http.ServerResponse): void {
  if (caller === 'refused-basic') return basicRefused(res);
  if (path === '/2.0/user' && caller !== 'unknown') return sendJson(res, 403, BB_NOT_ACCESSIBLE);
  // Bitbucket does not document which answer a token gets beyond its own resource; the
  // ambiguous 401 is what users report (avivsinai/bitbucket-cli#174, rbansal42/bitbucket-cli#50).
  sendJson(res, 401, BB_INVALID);
}

export function bitbucketCloud(): Promise<TestServer> {
  return startServer((req, res) => {
    const body = BODIES[req.path];
    if (body === undefined) {
      return sendJson(res, 404, { type: 'error', error: { message: 'Resource not found' } });
    }
    const caller = callerOf(req);
    if (READS[caller].includes(req.path)) return sendJson(res, 200, body);
    refuse(caller, req.path, res);
  });
}
