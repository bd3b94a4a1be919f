import { createHmac, randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { daysFromNow } from './dates';
import { bearerOf, pathOf, sendJson } from './http';
import { serviceAccountTenant, workScopesServiceAccountTenant } from './service-accounts';
import type { DemoFamily, DemoRequest, TenantState } from './types';

const CLIENT = { id: 'demo-marketplace-sync', secret: 'demo-client-secret-0000000000000000' };
const ACCESS_TOKEN_SECONDS = 3600;
/** Spent refresh tokens remembered to catch a reuse; older ones are forgotten. */
const SPENT_KEPT = 1000;
const SITE = {
  id: '1324a887-45db-1bf4-1e99-ef0ff456d421',
  name: 'acme',
  url: 'https://acme.atlassian.net',
  scopes: ['read:jira-work', 'read:jira-user', 'offline_access'],
  avatarUrl: 'https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/site.png',
};

/**
 * Tokens are signed rather than stored, so a restarted demo still accepts the refresh token the
 * app saved before the restart; only the memory of spent ones is lost.
 */
const SIGNING_KEY = 'token-health-demo-oauth';
const sign = (body: string) =>
  `${body}.${createHmac('sha256', SIGNING_KEY).update(body).digest('hex').slice(0, 32)}`;
const verified = (token: string) => {
  const body = token.slice(0, token.lastIndexOf('.'));
  return body && sign(body) === token ? body : null;
};
const fresh = (prefix: string) => `${prefix}.${randomBytes(9).toString('base64url')}`;

export const FIRST_REFRESH_TOKEN = sign('rt.first');
/**
 * The refresh token the banner offers for a grant added by hand: the seeded integration spends the
 * first one at its first check, and each works once.
 */
export const TYPED_REFRESH_TOKEN = sign('rt.typed');

function spend(spent: Set<string>, token: string): void {
  spent.add(token);
  if (spent.size > SPENT_KEPT) spent.delete(spent.values().next().value as string);
}

function invalidGrant(res: ServerResponse): void {
  sendJson(res, 403, {
    error: 'invalid_grant',
    error_description: 'Unknown or invalid refresh token.',
  });
}

/** RFC 6749 refresh with rotation: each refresh token works once and is replaced. */
function refresh(spent: Set<string>, req: DemoRequest, res: ServerResponse, state: TenantState) {
  const form = new URLSearchParams(req.body);
  if (form.get('grant_type') !== 'refresh_token') {
    return sendJson(res, 400, { error: 'unsupported_grant_type' });
  }
  if (form.get('client_id') !== CLIENT.id || form.get('client_secret') !== CLIENT.secret) {
    return sendJson(res, 401, { error: 'invalid_client', error_description: 'Unknown client.' });
  }
  const token = form.get('refresh_token') ?? '';
  if (state.revoked || !verified(token)?.startsWith('rt.') || spent.has(token)) {
    return invalidGrant(res);
  }
  spend(spent, token);
  const expires = Date.now() + ACCESS_TOKEN_SECONDS * 1000;
  sendJson(res, 200, {
    access_token: sign(fresh(`at.${expires}`)),
    refresh_token: sign(fresh('rt')),
    expires_in: ACCESS_TOKEN_SECONDS,
    token_type: 'Bearer',
    scope: SITE.scopes.join(' '),
  });
}

/** An access token is good until its (simulated) hour is over, unless the grant was revoked. */
function accessible(token: string | null, state: TenantState): boolean {
  const body = token ? verified(token) : null;
  const expires = Number(body?.split('.')[1]);
  return !state.revoked && !!body?.startsWith('at.') && expires > Date.now();
}

const MYSELF = `/ex/jira/${SITE.id}/rest/api/3/myself`;

/**
 * Jira's Get current user through the gateway, which the probe calls to prove the token works.
 * The demo grant holds read:jira-user, the classic scope it needs (Jira REST v3 reference); a
 * token without a live grant gets the gateway's 401 `{"code":401,"message":"Unauthorized"}`.
 */
function myself(res: ServerResponse): void {
  sendJson(res, 200, {
    accountId: '5b10a2844c20165700ede21g',
    accountType: 'atlassian',
    displayName: 'Marketplace sync bot',
    active: true,
  });
}

/** Each start has its own memory of spent refresh tokens. */
const serveWith =
  (spent: Set<string>) => (req: DemoRequest, res: ServerResponse, state: TenantState) => {
    const path = pathOf(req);
    if (path === '/oauth/token' && req.method === 'POST') return refresh(spent, req, res, state);
    if (path !== '/oauth/token/accessible-resources' && path !== MYSELF) {
      return sendJson(res, 404, { code: 404 });
    }
    if (!accessible(bearerOf(req), state)) {
      return sendJson(res, 401, { code: 401, message: 'Unauthorized' });
    }
    if (path === MYSELF) return myself(res);
    sendJson(res, 200, state.troubled ? [] : [SITE]);
  };

function marketplaceSync(base: string, refreshToken: string) {
  return {
    config: {
      kind: 'atlassian-oauth2' as const,
      name: 'Marketplace sync',
      mode: 'keep' as const,
      baseUrl: base,
      tokenUrl: `${base}/oauth/token`,
      cloudId: SITE.id,
      consentedAt: daysFromNow(-30).toISOString(),
    },
    secret: JSON.stringify({ clientId: CLIENT.id, clientSecret: CLIENT.secret, refreshToken }),
  };
}

/** Atlassian's token endpoint and API gateway for one kept 3LO grant. */
export const atlassianOauth = (): DemoFamily => ({
  name: 'Atlassian OAuth 2.0',
  tenants: [
    {
      slug: 'marketplace-sync',
      title: 'Marketplace sync',
      expect: 'healthy',
      story: 'a kept OAuth 2.0 grant; every refresh rotates the refresh token',
      serve: serveWith(new Set()),
      integration: (base) => marketplaceSync(base, FIRST_REFRESH_TOKEN),
      typed: (base) => marketplaceSync(base, TYPED_REFRESH_TOKEN),
    },
    serviceAccountTenant,
    workScopesServiceAccountTenant,
  ],
});
