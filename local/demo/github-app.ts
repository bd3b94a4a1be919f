import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { compactVerify, decodeJwt } from 'jose';
import { bearerOf, pathOf, sendJson } from './http';
import type { DemoRequest, TenantSpec, TenantState } from './types';

const APP = { id: 482913, slug: 'acme-deploy', name: 'Acme Deploy' };
const INSTALLATION = { id: 61025893, account: 'acme' };
const PERMISSIONS = { contents: 'read', deployments: 'write', metadata: 'read' };
const UNDECODABLE = { message: 'A JSON web token could not be decoded', status: '401' };

/**
 * A GitHub App and its one installation. The key pair is made when the services start: the app
 * keeps the private half as its secret, the service only the public half, as GitHub does. The
 * JWT's signature and issuer are checked; its times are not, since the demo clock runs compressed.
 * revoke deletes the key; trouble suspends the installation.
 */
function githubApp(publicKey: KeyObject) {
  /** Tokens minted and not yet revoked: DELETE /installation/token answers 204 for one, as GitHub does. */
  const live = new Set<string>();
  async function answer(req: DemoRequest, res: ServerResponse, state: TenantState) {
    const jwt = bearerOf(req) ?? '';
    if (req.method === 'DELETE' && pathOf(req) === '/installation/token') {
      if (!live.delete(jwt))
        return sendJson(res, 401, { message: 'Bad credentials', status: '401' });
      res.writeHead(204);
      return void res.end();
    }
    const valid =
      !state.revoked &&
      (await compactVerify(jwt, publicKey, { algorithms: ['RS256'] }).then(
        () => decodeJwt(jwt).iss === String(APP.id),
        () => false,
      ));
    if (!valid) return sendJson(res, 401, UNDECODABLE);
    const path = pathOf(req);
    if (path === '/app') return sendJson(res, 200, { ...APP, owner: { login: 'acme' } });
    if (path === '/app/installations') {
      const suspended = state.troubled ? new Date().toISOString() : null;
      return sendJson(res, 200, [
        {
          id: INSTALLATION.id,
          account: { login: INSTALLATION.account, type: 'Organization' },
          app_id: APP.id,
          permissions: PERMISSIONS,
          suspended_at: suspended,
          suspended_by: suspended ? { login: 'acme-admin' } : null,
        },
      ]);
    }
    if (req.method === 'POST' && path === `/app/installations/${INSTALLATION.id}/access_tokens`) {
      // A token carries what was asked for, or all the installation has (the demo asks within it).
      const asked = (JSON.parse(req.body || '{}') as { permissions?: object }).permissions;
      const token = `ghs_${randomBytes(18).toString('base64url')}`;
      live.add(token);
      return sendJson(res, 201, {
        token,
        expires_at: new Date(Date.now() + 3_600_000).toISOString(),
        permissions: asked ?? PERMISSIONS,
        repository_selection: 'all',
      });
    }
    sendJson(res, 404, { message: 'Not Found', status: '404' });
  }
  return (req: DemoRequest, res: ServerResponse, state: TenantState): void => {
    void answer(req, res, state);
  };
}

/** The app's private key file in the demo's key directory (`.token-health/` under npm start). */
export const DEPLOY_APP_KEY_FILE = 'demo-github-app.pem';

/**
 * The key pair, read from `keyDir` when a run before made it: the stored integration holds the
 * private half, so a new pair at each start would turn it rejected after a restart. Without a
 * directory (tests), or on the first run, a new pair; the file is the user's own, mode 0600.
 */
function keyPair(keyDir: string | undefined): { privateKey: KeyObject; publicKey: KeyObject } {
  const file = keyDir === undefined ? undefined : path.join(keyDir, DEPLOY_APP_KEY_FILE);
  let pem: string | undefined;
  try {
    pem = file === undefined ? undefined : readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (pem !== undefined) {
    const privateKey = createPrivateKey(pem);
    return { privateKey, publicKey: createPublicKey(privateKey) };
  }
  const made = generateKeyPairSync('rsa', { modulusLength: 2048 });
  if (file !== undefined) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, made.privateKey.export({ type: 'pkcs1', format: 'pem' }), { mode: 0o600 });
  }
  return made;
}

/** Built when the services start, with the key pair kept in `keyDir` across restarts. */
export function deployApp(keyDir?: string): TenantSpec {
  const { privateKey, publicKey } = keyPair(keyDir);
  return {
    slug: 'deploy-app',
    title: 'Deploy app',
    expect: 'healthy',
    story:
      'a GitHub App whose private key signs in and mints a token with the permissions it needs',
    serve: githubApp(publicKey),
    integration: (base) => ({
      config: {
        kind: 'github-app',
        name: 'Deploy app',
        baseUrl: base,
        appId: String(APP.id),
        account: INSTALLATION.account,
        permissions: 'contents:read, deployments:write',
      },
      secret: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    }),
  };
}
