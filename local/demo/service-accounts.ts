import type { ServerResponse } from 'node:http';
import { daysFromNow } from './dates';
import { clientCredentialsGrant } from './client-credentials';
import { bearerOf, pathOf, sendJson } from './http';
import type { DemoRequest, TenantSpec, TenantState } from './types';

const CLOUD_ID = 'c0ffee00-5a5a-4b4b-8c8c-000000000001';
const MYSELF = `/ex/jira/${CLOUD_ID}/rest/api/3/myself`;
const PROJECTS = `/ex/jira/${CLOUD_ID}/rest/api/3/project/search`;

interface Account {
  client: { id: string; secret: string };
  scopes: string[];
  user: { accountId: string; displayName: string; emailAddress: string };
}

/**
 * api.atlassian.com for a service account's tokens, each call by the scopes the Jira REST v3
 * OpenAPI spec lists for it (x-atlassian-oauth2-scopes): Get current user needs read:jira-user,
 * Get projects paginated read:jira-work. A token without the scope gets the gateway's
 * `{"code":401,"message":"Unauthorized; scope does not match"}` (HolmesGPT/holmesgpt#2373).
 */
function answer(res: ServerResponse, path: string, account: Account): void {
  const needs = path === MYSELF ? 'read:jira-user' : 'read:jira-work';
  if (!account.scopes.includes(needs)) {
    return sendJson(res, 401, { code: 401, message: 'Unauthorized; scope does not match' });
  }
  if (path === MYSELF) {
    return sendJson(res, 200, { ...account.user, accountType: 'app', active: true });
  }
  sendJson(res, 200, {
    maxResults: 1,
    startAt: 0,
    total: 1,
    isLast: true,
    values: [{ id: '10000', key: 'OPS', name: 'Operations' }],
  });
}

/**
 * auth.atlassian.com's client-credentials grant: the id and secret buy an hour's token carrying
 * every scope of the credential; revoked credentials get 401 invalid_client (RFC 6749 §5.2).
 */
function serveAccount(account: Account, key: string) {
  const grant = clientCredentialsGrant({
    client: account.client,
    key,
    prefix: 'sa',
    tokenType: 'Bearer',
    scope: () => account.scopes.join(' '),
    refusal: 'Unauthorized',
  });
  return (req: DemoRequest, res: ServerResponse, state: TenantState): void => {
    const path = pathOf(req);
    if (path === '/oauth/token' && req.method === 'POST') return grant.token(req, res, state);
    if (path !== MYSELF && path !== PROJECTS) {
      return sendJson(res, 404, { code: 404, message: 'Not Found' });
    }
    if (!grant.live(bearerOf(req), state)) {
      return sendJson(res, 401, { code: 401, message: 'Unauthorized' });
    }
    answer(res, path, account);
  };
}

const CI_SYNC: Account = {
  client: { id: 'demo-sa-ci-sync', secret: 'ATOA-demo-service-account-secret-0000' },
  scopes: ['read:jira-user', 'read:jira-work'],
  user: {
    accountId: '712020:5e2c9a1b-demo-sa',
    displayName: 'ci-sync',
    emailAddress: 'ci-sync-a1b2c3@serviceaccount.atlassian.com',
  },
};

/** An Atlassian service account's OAuth 2.0 credentials, checked through the gateway. */
export const serviceAccountTenant: TenantSpec = {
  slug: 'ci-sync-service-account',
  title: 'CI sync (service account)',
  expect: 'healthy',
  story: 'service account OAuth 2.0 credentials: a token per check, the expiry entered at save',
  serve: serveAccount(CI_SYNC, 'token-health-demo-sa'),
  integration: (base) => ({
    config: {
      kind: 'atlassian-service-account',
      name: 'CI sync (service account)',
      baseUrl: base,
      tokenUrl: `${base}/oauth/token`,
      cloudId: CLOUD_ID,
      scopes: CI_SYNC.scopes.join(' '),
      expiresAt: daysFromNow(200).toISOString(),
    },
    secret: JSON.stringify({ clientId: CI_SYNC.client.id, clientSecret: CI_SYNC.client.secret }),
  }),
};

const ISSUE_SYNC: Account = {
  client: { id: 'demo-sa-issue-sync', secret: 'ATOA-demo-service-account-secret-0001' },
  scopes: ['read:jira-work', 'write:jira-work'],
  user: {
    accountId: '712020:7a1d0c2e-demo-sa',
    displayName: 'issue-sync',
    emailAddress: 'issue-sync-d4e5f6@serviceaccount.atlassian.com',
  },
};

/** Credentials holding only the work scopes they need: proved on Get projects, nobody named. */
export const workScopesServiceAccountTenant: TenantSpec = {
  slug: 'issue-sync-service-account',
  title: 'Issue sync (service account)',
  expect: 'healthy',
  story:
    'service account holding exactly read:jira-work write:jira-work, no expiry date: healthy, identity unknown',
  serve: serveAccount(ISSUE_SYNC, 'token-health-demo-sa-work'),
  integration: (base) => ({
    config: {
      kind: 'atlassian-service-account',
      name: 'Issue sync (service account)',
      baseUrl: base,
      tokenUrl: `${base}/oauth/token`,
      cloudId: CLOUD_ID,
      scopes: ISSUE_SYNC.scopes.join(' '),
    },
    secret: JSON.stringify({
      clientId: ISSUE_SYNC.client.id,
      clientSecret: ISSUE_SYNC.client.secret,
    }),
  }),
};
