import type { ServerResponse } from 'node:http';
import { daysFromNow } from './dates';
import { clientCredentialsGrant } from './client-credentials';
import { bearerOf, pathOf, sendJson } from './http';
import type { DemoRequest, TenantSpec, TenantState } from './types';

const CLIENT = { id: 'demo-sa-ci-sync', secret: 'ATOA-demo-service-account-secret-0000' };
const CLOUD_ID = 'c0ffee00-5a5a-4b4b-8c8c-000000000001';
const SCOPES = ['read:jira-user', 'read:jira-work'];
const MYSELF = `/ex/jira/${CLOUD_ID}/rest/api/3/myself`;

/**
 * auth.atlassian.com's client-credentials grant: the id and secret buy an hour's token carrying
 * every scope of the credential; revoked credentials get 401 invalid_client (RFC 6749 §5.2).
 */
const grant = clientCredentialsGrant({
  client: CLIENT,
  key: 'token-health-demo-sa',
  prefix: 'sa',
  tokenType: 'Bearer',
  scope: () => SCOPES.join(' '),
  refusal: 'Unauthorized',
});

function serve(req: DemoRequest, res: ServerResponse, state: TenantState): void {
  const path = pathOf(req);
  if (path === '/oauth/token' && req.method === 'POST') return grant.token(req, res, state);
  if (path !== MYSELF) return sendJson(res, 404, { code: 404, message: 'Not Found' });
  if (!grant.live(bearerOf(req), state)) {
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
