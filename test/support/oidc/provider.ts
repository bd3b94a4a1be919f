import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { GrantState, GrantStore } from '../../../src/probes/oauth/grant-store';
import {
  CONFLUENCE_CURRENT_PATH,
  MYSELF_PATH,
  serveConfluenceCurrent,
  serveMyself,
} from '../atlassian-gateway';
import {
  bearerToken,
  sendJson,
  startServer,
  type RecordedRequest,
  type TestServer,
} from '../server';

const SCRIPT = path.join(__dirname, 'authorization-server.mjs');
const START_TIMEOUT_MS = 15_000;

export interface OidcClient {
  id: string;
  secret: string;
}

export interface TokenEndpointStats {
  /** Successful refresh_token grants. */
  refreshes: number;
  errors: { error: string; detail: string }[];
}

/** A real oidc-provider in a child process, standing in for auth.atlassian.com. */
export interface OidcProvider {
  url: string;
  tokenUrl: string;
  client: OidcClient;
  resourceServer: OidcClient;
  /**
   * A consented offline_access grant's first refresh token, as the 3LO code exchange gives;
   * `scopes` narrows what the user consented to (all the server knows, by default).
   */
  mintRefreshToken(account: string, scopes?: string[]): Promise<string>;
  /** What the token endpoint did since the last reset. */
  stats(options?: { reset?: boolean }): Promise<TokenEndpointStats>;
  close(): Promise<void>;
}

interface Hello {
  url: string;
  client: OidcClient;
  resourceServer: OidcClient;
}

export async function startOidcProvider(): Promise<OidcProvider> {
  // stdin stays open: the child exits when it closes, so a crashed test run leaves no orphan.
  const child = spawn(process.execPath, [SCRIPT]);
  const hello = await readHello(child);
  const admin = async (route: string, method = 'GET'): Promise<unknown> => {
    const res = await fetch(`${hello.url}/__admin/${route}`, { method });
    if (!res.ok) throw new Error(`oidc admin ${route} answered ${res.status}`);
    return res.json();
  };
  return {
    ...hello,
    tokenUrl: `${hello.url}/oauth/token`,
    async mintRefreshToken(account, scopes) {
      const scope = scopes ? `&scope=${encodeURIComponent(scopes.join(' '))}` : '';
      const body = (await admin(
        `grant?account=${encodeURIComponent(account)}${scope}`,
        'POST',
      )) as {
        refreshToken: string;
      };
      return body.refreshToken;
    },
    async stats(options = {}) {
      return (await admin(`stats${options.reset ? '?reset=1' : ''}`)) as TokenEndpointStats;
    },
    close: () => stop(child),
  };
}

function readHello(child: ChildProcessWithoutNullStreams): Promise<Hello> {
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  return new Promise<Hello>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`oidc-provider did not start in time:\n${stderr}`));
    }, START_TIMEOUT_MS);
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line) as Hello);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`oidc-provider exited with ${code}:\n${stderr}`));
    });
  });
}

function stop(child: ChildProcessWithoutNullStreams): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.stdin.end();
    child.kill();
  });
}

export interface AtlassianSite {
  id: string;
  name: string;
  url: string;
}

/** The Jira user behind an account id of the authorization server. */
export const userOf = (accountId: string) => ({
  accountId,
  displayName: `User ${accountId}`,
  emailAddress: `${accountId}@acme.example`,
});

/**
 * api.atlassian.com as a resource server: it asks the authorization server (RFC 7662
 * introspection) whether the bearer token is a live access token, answers 401
 * `{"code":401,"message":"Unauthorized"}` otherwise; accessible-resources lists the sites with the
 * token's scopes, and Jira's myself and Confluence's current user answer as the gateway does
 * (test/support/atlassian-gateway).
 */
export function startAtlassianApi(
  oidc: OidcProvider,
  sites: () => AtlassianSite[],
): Promise<TestServer> {
  return startServer(async (req, res) => {
    const myself = MYSELF_PATH.exec(req.path);
    const confluence = CONFLUENCE_CURRENT_PATH.exec(req.path);
    if (req.path !== '/oauth/token/accessible-resources' && !myself && !confluence) {
      return sendJson(res, 404, { code: 404, message: 'Not Found' });
    }
    const token = await introspect(oidc, req);
    const cloudIds = sites().map((s) => s.id);
    const caller = token && { user: userOf(token.sub), scopes: token.scopes, cloudIds };
    if (myself) return serveMyself(res, myself[1] ?? '', caller);
    if (confluence) return serveConfluenceCurrent(res, confluence[1] ?? '', caller);
    const scopes = token?.scopes;
    if (!scopes) return sendJson(res, 401, { code: 401, message: 'Unauthorized' });
    const avatarUrl =
      'https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/rocket.png';
    sendJson(
      res,
      200,
      sites().map((site) => ({ ...site, scopes, avatarUrl })),
    );
  });
}

async function introspect(
  oidc: OidcProvider,
  req: RecordedRequest,
): Promise<{ scopes: string[]; sub: string } | null> {
  const token = bearerToken(req);
  if (!token) return null;
  const { id, secret } = oidc.resourceServer;
  const res = await fetch(`${oidc.url}/oauth/introspect`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ token, token_type_hint: 'access_token' }).toString(),
  });
  const body = (await res.json()) as {
    active?: boolean;
    token_type?: string;
    scope?: string;
    sub?: string;
  };
  // A refresh token is introspectable too, but it is not a bearer credential for an API.
  if (!body.active || body.token_type !== 'Bearer') return null;
  const scopes = (body.scope ?? '').split(' ').filter((s) => s && s !== 'offline_access');
  return { scopes, sub: body.sub ?? '' };
}

/** A value the test needs to exist; failing loudly beats a non-null assertion. */
export function must<T>(value: T | null | undefined, what = 'value'): T {
  if (value === null || value === undefined) throw new Error(`expected a ${what}`);
  return value;
}

/** The grant state a keeper left behind, with its access token. */
export async function storedGrant(
  store: GrantStore,
): Promise<GrantState & { accessToken: string }> {
  const state = must(await store.load(), 'stored grant');
  return { ...state, accessToken: must(state.accessToken, 'stored access token') };
}
