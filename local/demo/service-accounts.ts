import { createHmac } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { daysFromNow } from './dates';
import { bearerOf, pathOf, sendJson } from './http';
import type { DemoRequest, TenantSpec, TenantState } from './types';

const CLIENT = { id: 'demo-sa-ci-sync', secret: 'ATOA-demo-service-account-secret-0000' };
const CLOUD_ID = 'c0ffee00-5a5a-4b4b-8c8c-000000000001';
const SCOPES = ['read:jira-user', 'read:jira-work'];
const TOKEN_SECONDS = 3600;
const MYSELF = `/ex/jira/${CLOUD_ID}/rest/api/3/myself`;

/** Signed, not stored: a token says when it ends, and a restarted demo still knows its own. */
const sign = (body: string) =>
  `${body}.${createHmac('sha256', 'token-health-demo-sa').update(body).digest('hex').slice(0, 32)}`;

function live(token: string | null, state: TenantState): boolean {
  const body = token?.slice(0, token.lastIndexOf('.'));
  if (!token || !body || sign(body) !== token || state.revoked) return false;
  return Number(body.split('.')[1]) > Date.now();
}

/**
 * auth.atlassian.com's client-credentials grant: the id and secret buy an hour's token carrying
 * every scope of the credential; revoked credentials get 401 invalid_client (RFC 6749 §5.2).
 */
function token(req: DemoRequest, res: ServerResponse, state: TenantState): void {
  const form = new URLSearchParams(req.body);
  if (form.get('grant_type') !== 'client_credentials') {
    return sendJson(res, 400, { error: 'unsupported_grant_type' });
  }
  const known = form.get('client_id') === CLIENT.id && form.get('client_secret') === CLIENT.secret;
  if (!known || state.revoked) {
    return sendJson(res, 401, { error: 'invalid_client', error_description: 'Unauthorized' });
  }
  sendJson(res, 200, {
    access_token: sign(`sa.${Date.now() + TOKEN_SECONDS * 1000}`),
    expires_in: TOKEN_SECONDS,
    token_type: 'Bearer',
    scope: SCOPES.join(' '),
  });
}

function serve(req: DemoRequest, res: ServerResponse, state: TenantState): void {
  const path = pathOf(req);
  if (path === '/oauth/token' && req.method === 'POST') return token(req, res, state);
  if (path !== MYSELF) return sendJson(res, 404, { code: 404, message: 'Not Found' });
  if (!live(bearerOf(req), state)) {
    return sendJson(res, 401, { code: 401, message: 'Unauthorized' });
  }
  sendJson(res, 200, {
    accountId: '712020:5e2c9a1b-demo-sa',
    accountType: 'app',
    displayName: 'ci-sync',
    emailAddress: 'ci-sync-a1b2c3@serviceaccount.atlassian.com',
    active: true,
  });
}

/** An Atlassian service account's OAuth 2.0 credentials, checked through the gateway. */
export const serviceAccountTenant: TenantSpec = {
  slug: 'ci-sync-service-account',
  title: 'CI sync (service account)',
  expect: 'healthy',
  story: 'service account OAuth 2.0 credentials: a token per check, the expiry entered at save',
  serve,
  integration: (base) => ({
    config: {
      kind: 'atlassian-service-account',
      name: 'CI sync (service account)',
      baseUrl: base,
      tokenUrl: `${base}/oauth/token`,
      cloudId: CLOUD_ID,
      scopes: SCOPES.join(' '),
      expiresAt: daysFromNow(200).toISOString(),
    },
    secret: JSON.stringify({ clientId: CLIENT.id, clientSecret: CLIENT.secret }),
  }),
};
