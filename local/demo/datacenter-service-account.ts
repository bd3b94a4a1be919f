import { createHmac } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { bearerOf, pathOf, sendJson } from './http';
import type { DemoRequest, TenantSpec, TenantState } from './types';

const CLIENT = { id: 'demo-dc-deploys', secret: 'demo-dc-service-account-secret-0000' };
const ACCOUNT = {
  key: 'JIRAUSER20001',
  name: 'svc-deploys',
  displayName: 'Deploys (service account)',
};
const TOKEN_SECONDS = 3600;

/** Signed, not stored: a token says when it ends, and a restarted demo still knows its own. */
const sign = (body: string) =>
  `${body}.${createHmac('sha256', 'token-health-demo-dc-sa').update(body).digest('hex').slice(0, 32)}`;

function live(token: string | null, state: TenantState): boolean {
  const body = token?.slice(0, token.lastIndexOf('.'));
  if (!token || !body || sign(body) !== token || state.revoked) return false;
  return Number(body.split('.')[1]) > Date.now();
}

/**
 * `/rest/oauth2/latest/token`: client credentials buy an hour's token, no refresh token
 * ("Service accounts overview"); a revoked service account gets 401 invalid_client.
 */
function token(req: DemoRequest, res: ServerResponse, state: TenantState): void {
  const form = new URLSearchParams(req.body);
  if (form.get('grant_type') !== 'client_credentials') {
    return sendJson(res, 400, { error: 'unsupported_grant_type' });
  }
  const known = form.get('client_id') === CLIENT.id && form.get('client_secret') === CLIENT.secret;
  if (!known || state.revoked) {
    return sendJson(res, 401, { error: 'invalid_client', error_description: 'Bad client' });
  }
  sendJson(res, 200, {
    access_token: sign(`dc.${Date.now() + TOKEN_SECONDS * 1000}`),
    token_type: 'bearer',
    expires_in: TOKEN_SECONDS,
    scope: form.get('scope') ?? 'READ',
  });
}

function serve(req: DemoRequest, res: ServerResponse, state: TenantState): void {
  const path = pathOf(req);
  if (path === '/rest/oauth2/latest/token' && req.method === 'POST') return token(req, res, state);
  if (!live(bearerOf(req), state)) {
    return sendJson(
      res,
      401,
      { message: 'Client must be authenticated to access this resource.', 'status-code': 401 },
      { 'X-Seraph-LoginReason': 'AUTHENTICATED_FAILED', 'X-AUSERNAME': 'anonymous' },
    );
  }
  if (path !== '/rest/api/2/myself') return sendJson(res, 404, { errorMessages: ['not found'] });
  sendJson(res, 200, { ...ACCOUNT, active: true }, { 'X-AUSERNAME': ACCOUNT.name });
}

/** A Jira Data Center 10 service account, checked with a token bought for each check. */
export const datacenterServiceAccountTenant: TenantSpec = {
  slug: 'dc-deploys-service-account',
  expect: 'healthy',
  title: 'Deploys (DC service account)',
  story: 'a Jira Data Center service account: OAuth 2.0 client credentials, a token per check',
  serve,
  integration: (base) => ({
    config: {
      kind: 'datacenter-oauth2-client',
      name: 'Deploys (DC service account)',
      baseUrl: base,
      scopes: 'READ',
    },
    secret: JSON.stringify({ clientId: CLIENT.id, clientSecret: CLIENT.secret }),
  }),
};
