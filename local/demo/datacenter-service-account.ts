import type { ServerResponse } from 'node:http';
import { clientCredentialsGrant } from './client-credentials';
import { bearerOf, pathOf, sendJson } from './http';
import type { DemoRequest, TenantSpec, TenantState } from './types';

const CLIENT = { id: 'demo-dc-deploys', secret: 'demo-dc-service-account-secret-0000' };
const ACCOUNT = {
  key: 'JIRAUSER20001',
  name: 'svc-deploys',
  displayName: 'Deploys (service account)',
};
/**
 * `/rest/oauth2/latest/token`: client credentials buy an hour's token, no refresh token
 * ("Service accounts overview"); a revoked service account gets 401 invalid_client.
 */
const grant = clientCredentialsGrant({
  client: CLIENT,
  key: 'token-health-demo-dc-sa',
  prefix: 'dc',
  tokenType: 'bearer',
  scope: (form) => form.get('scope') ?? 'READ',
  refusal: 'Bad client',
});

function serve(req: DemoRequest, res: ServerResponse, state: TenantState): void {
  const path = pathOf(req);
  if (path === '/rest/oauth2/latest/token' && req.method === 'POST')
    return grant.token(req, res, state);
  if (!grant.live(bearerOf(req), state)) {
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
