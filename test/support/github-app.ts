import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { compactVerify, decodeJwt, decodeProtectedHeader } from 'jose';
import { bearerToken, sendJson, type Handler, type RecordedRequest } from './server';

/**
 * A GitHub double for GitHub Apps: it checks the app's JWT with the app's public key, as GitHub
 * does, and answers /app, /app/installations and POST /app/installations/{id}/access_tokens with
 * the statuses, bodies and headers docs.github.com documents. Where the docs give no wording, the
 * wording is what GitHub is publicly reported to send (cited next to it).
 */

export interface AppInstallation {
  id: number;
  account: string;
  targetType?: 'Organization' | 'User';
  /** docs.github.com "Suspending a GitHub App installation": the list then carries suspended_at. */
  suspended?: { at: string; by: string };
  /** What the account accepted, e.g. { contents: 'read', metadata: 'read' }. */
  permissions: Record<string, string>;
}

export interface GithubAppWorld {
  app: { id: number; slug: string; name: string; owner: string };
  /** The public halves of the app's keys: all GitHub keeps (a deleted key's half is gone). */
  publicKeys: KeyObject[];
  installations: AppInstallation[];
  /** GitHub's clock, which judges `iat` and `exp`. */
  now: () => Date;
  /** Requests left this hour; 0 answers as a spent primary rate limit. */
  remaining?: number;
  /** `/api/v3` for GitHub Enterprise Server. */
  basePath?: string;
  /** Every installation token minted, so a test can prove none of them shows. */
  minted: string[];
  /** The minted tokens revoked (DELETE /installation/token). */
  revoked: string[];
  /** The status DELETE /installation/token answers instead of revoking, while set. */
  revokeFails?: number;
}

/** An RSA key pair as GitHub makes one: the private half as the downloaded .pem (PKCS#1). */
export function appKeyPair(): { pem: string; publicKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { pem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(), publicKey };
}

export function githubAppWorld(
  publicKey: KeyObject,
  now: () => Date,
  extra: Partial<GithubAppWorld> = {},
): GithubAppWorld {
  return {
    app: { id: 482913, slug: 'release-bot', name: 'Release Bot', owner: 'acme' },
    publicKeys: [publicKey],
    installations: [
      { id: 61025893, account: 'acme', permissions: { contents: 'read', metadata: 'read' } },
    ],
    now,
    minted: [],
    revoked: [],
    ...extra,
  };
}

const REST_DOCS = 'https://docs.github.com/rest';
const TOKEN_DOCS =
  'https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app';
const RATE_DOCS = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api';

/**
 * docs.github.com "Rate limits for the REST API" (x-ratelimit-* on every answer) and
 * "Troubleshooting the REST API" (x-github-request-id identifies a request to GitHub Support).
 */
function standardHeaders(world: GithubAppWorld): Record<string, string> {
  const reset = Math.floor(world.now().getTime() / 1000) + 3600;
  const remaining = world.remaining ?? 4999;
  return {
    'X-GitHub-Request-Id': randomBytes(10)
      .toString('hex')
      .toUpperCase()
      .replace(/(.{4})/g, '$1:')
      .slice(0, 24),
    'X-GitHub-Media-Type': 'github.v3; format=json',
    'X-GitHub-Api-Version-Selected': '2022-11-28',
    'X-RateLimit-Limit': '5000',
    'X-RateLimit-Remaining': String(remaining),
    'X-RateLimit-Used': String(5000 - remaining),
    'X-RateLimit-Reset': String(reset),
    'X-RateLimit-Resource': 'core',
  };
}

const error = (message: string, status: number, docs = REST_DOCS) => ({
  message,
  documentation_url: docs,
  status: String(status),
});

type Refusal = { status: number; body: unknown };

/**
 * docs.github.com "Generating a JSON Web Token (JWT) for a GitHub App": RS256, `iss` the app's
 * id, `iat` in the past, `exp` no more than 10 minutes ahead. The 401 wordings are those reported
 * in octokit/auth-app.js#698 and probot#942 (exp), github3.py#1050 (exp not numeric) and
 * octokit/rest.js#218 (undecodable JWT); "Integration not found" for an unknown app id in
 * actions/create-github-app-token#76.
 */
async function refuseJwt(world: GithubAppWorld, req: RecordedRequest): Promise<Refusal | null> {
  const jwt = bearerToken(req) ?? '';
  const undecodable = { status: 401, body: error('A JSON web token could not be decoded', 401) };
  let claims: ReturnType<typeof decodeJwt>;
  try {
    if (decodeProtectedHeader(jwt).alg !== 'RS256') return undecodable;
    claims = decodeJwt(jwt);
  } catch {
    return undecodable;
  }
  if (claims.iss !== String(world.app.id)) {
    return { status: 404, body: error('Integration not found', 404) };
  }
  // The signature against each key the app holds; the times are judged apart, in GitHub's words.
  const verified = await Promise.any(
    world.publicKeys.map((key) => compactVerify(jwt, key, { algorithms: ['RS256'] })),
  ).catch(() => null);
  if (!verified) return undecodable;
  return refuseTimes(world, claims.iat, claims.exp);
}

function refuseTimes(world: GithubAppWorld, iat: unknown, exp: unknown): Refusal | null {
  const now = Math.floor(world.now().getTime() / 1000);
  if (typeof iat !== 'number' || iat > now + 60) {
    const message =
      "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued";
    return { status: 401, body: error(message, 401) };
  }
  if (typeof exp !== 'number' || exp <= now) {
    const message =
      "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires";
    return { status: 401, body: error(message, 401) };
  }
  if (exp - now > 600) {
    return {
      status: 401,
      body: error("'Expiration time' claim ('exp') is too far in the future", 401),
    };
  }
  return null;
}

/** docs.github.com REST "Get the authenticated app" (GET /app): 200 with the app. */
function appBody(world: GithubAppWorld) {
  const { id, slug, name, owner } = world.app;
  return {
    id,
    slug,
    node_id: 'MDM6QXBwMQ==',
    client_id: 'Iv23liAcmeReleaseBot',
    owner: { login: owner, id: 9919, type: 'Organization' },
    name,
    description: '',
    external_url: `https://${owner}.example`,
    html_url: `https://github.com/apps/${slug}`,
    created_at: '2024-03-01T10:00:00Z',
    updated_at: '2024-03-01T10:00:00Z',
    permissions: { contents: 'read', metadata: 'read' },
    events: ['push'],
    installations_count: world.installations.length,
  };
}

/** docs.github.com REST "List installations for the authenticated app". */
function installationBody(world: GithubAppWorld, inst: AppInstallation) {
  return {
    id: inst.id,
    account: { login: inst.account, id: 9919, type: inst.targetType ?? 'Organization' },
    access_tokens_url: `https://api.github.com/app/installations/${inst.id}/access_tokens`,
    repositories_url: 'https://api.github.com/installation/repositories',
    html_url: `https://github.com/organizations/${inst.account}/settings/installations/${inst.id}`,
    app_id: world.app.id,
    app_slug: world.app.slug,
    target_id: 9919,
    target_type: inst.targetType ?? 'Organization',
    permissions: inst.permissions,
    events: ['push'],
    created_at: '2024-03-02T10:00:00Z',
    updated_at: '2024-03-02T10:00:00Z',
    repository_selection: 'all',
    suspended_at: inst.suspended?.at ?? null,
    suspended_by: inst.suspended ? { login: inst.suspended.by, id: 77, type: 'User' } : null,
  };
}

/** Paged with per_page (at most 100) and page; `Link` names the next page, as GitHub does. */
function listInstallations(world: GithubAppWorld, req: RecordedRequest, res: ServerResponse) {
  const query = new URL(req.path, 'http://double').searchParams;
  const perPage = Math.min(Number(query.get('per_page') ?? 30), 100);
  const page = Number(query.get('page') ?? 1);
  const slice = world.installations.slice((page - 1) * perPage, page * perPage);
  const more = page * perPage < world.installations.length;
  const link = `<https://api.github.com/app/installations?per_page=${perPage}&page=${page + 1}>; rel="next"`;
  sendJson(
    res,
    200,
    slice.map((i) => installationBody(world, i)),
    { ...standardHeaders(world), ...(more ? { Link: link } : {}) },
  );
}

const LEVELS = ['read', 'write', 'admin'];

/**
 * docs.github.com REST "Create an installation access token for an app": 201 with a `ghs_`
 * token living one hour and the permissions it carries; 403, 404, 422 otherwise. Each call mints
 * a new token with its own `expires_at`, an hour ahead, and earlier tokens stay valid until theirs
 * (https://docs.github.com/apps/creating-github-apps/authenticating-with-a-github-app/generating-an-installation-access-token-for-a-github-app). "This
 * installation has been suspended" is the 403 wording reported for suspended installations.
 */
function mintToken(world: GithubAppWorld, id: string, req: RecordedRequest, res: ServerResponse) {
  const headers = standardHeaders(world);
  const inst = world.installations.find((i) => String(i.id) === id);
  if (!inst) return sendJson(res, 404, error('Not Found', 404, TOKEN_DOCS), headers);
  if (inst.suspended) {
    return sendJson(
      res,
      403,
      error('This installation has been suspended', 403, TOKEN_DOCS),
      headers,
    );
  }
  const asked = (JSON.parse(req.body || '{}') as { permissions?: Record<string, string> })
    .permissions;
  const granted = asked ?? inst.permissions;
  const beyond = Object.entries(granted).some(
    ([name, level]) => LEVELS.indexOf(inst.permissions[name] ?? '') < LEVELS.indexOf(level),
  );
  if (beyond) {
    const message = 'The permissions requested are not granted to this installation.';
    return sendJson(res, 422, error(message, 422, TOKEN_DOCS), headers);
  }
  const token = `ghs_${randomBytes(18).toString('base64url')}`;
  world.minted.push(token);
  const expiresAt = new Date(world.now().getTime() + 3_600_000).toISOString();
  sendJson(
    res,
    201,
    { token, expires_at: expiresAt, permissions: granted, repository_selection: 'all' },
    headers,
  );
}

/**
 * docs.github.com REST "Revoke an installation access token": DELETE /installation/token with
 * the token itself, 204 No Content; a token GitHub does not know (or revoked already) gets
 * 401 "Bad credentials", the answer to any unknown token.
 */
function revokeToken(world: GithubAppWorld, req: RecordedRequest, res: ServerResponse) {
  const headers = standardHeaders(world);
  if (world.revokeFails)
    return sendJson(res, world.revokeFails, error('Server Error', world.revokeFails), headers);
  const token = bearerToken(req) ?? '';
  if (!world.minted.includes(token) || world.revoked.includes(token)) {
    return sendJson(res, 401, error('Bad credentials', 401), headers);
  }
  world.revoked.push(token);
  res.writeHead(204, headers);
  res.end();
}

export function githubAppDouble(world: GithubAppWorld): Handler {
  return async (req, res) => {
    const base = world.basePath ?? '';
    const path = req.path.startsWith(base) ? req.path.slice(base.length).split('?')[0] : '';
    const headers = standardHeaders(world);
    if (world.remaining === 0) {
      const message = `API rate limit exceeded for app ID ${world.app.id}.`;
      return sendJson(res, 403, error(message, 403, RATE_DOCS), headers);
    }
    // Authenticated by the installation token itself, not by the app's JWT.
    if (req.method === 'DELETE' && path === '/installation/token') {
      return revokeToken(world, req, res);
    }
    const refused = await refuseJwt(world, req);
    if (refused) return sendJson(res, refused.status, refused.body, headers);
    if (req.method === 'GET' && path === '/app') return sendJson(res, 200, appBody(world), headers);
    if (req.method === 'GET' && path === '/app/installations') {
      return listInstallations(world, req, res);
    }
    const token = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path ?? '');
    if (req.method === 'POST' && token?.[1]) return mintToken(world, token[1], req, res);
    sendJson(res, 404, error('Not Found', 404), headers);
  };
}
