import type { ServerResponse } from 'node:http';
import { repoDeployer } from './bitbucket-datacenter';
import { datacenterServiceAccountTenant } from './datacenter-service-account';
import { daysFromNow } from './dates';
import { bearerOf, pathOf, sendJson } from './http';
import type { DemoFamily, DemoRequest, TenantState } from './types';

/**
 * A Jira Data Center PAT is base64 of "<internal TOKEN_ID>:<random bytes>"; the token list shows
 * another id, the row number (Atlassian, "Using Personal Access Tokens": DELETE …/tokens/{id}).
 */
const PAT = Buffer.from('730412508823:demo-importer-secret-bytes').toString('base64');
const USER = { key: 'JIRAUSER10412', name: 'importer', displayName: 'Data importer' };

const NOT_AUTHENTICATED = {
  message: 'Client must be authenticated to access this resource.',
  'status-code': 401,
};

/** After repeated failed logins Jira DC wants a CAPTCHA: even a good token is denied. */
function captcha(res: ServerResponse): void {
  sendJson(res, 403, NOT_AUTHENTICATED, {
    'X-Seraph-LoginReason': 'AUTHENTICATION_DENIED',
    'X-Authentication-Denied-Reason': 'CAPTCHA_CHALLENGE; login-url=http://127.0.0.1/login.jsp',
    'X-AUSERNAME': 'anonymous',
  });
}

function serve(req: DemoRequest, res: ServerResponse, state: TenantState): void {
  if (state.troubled) return captcha(res);
  if (state.revoked || bearerOf(req) !== PAT) {
    return sendJson(res, 401, NOT_AUTHENTICATED, {
      'X-Seraph-LoginReason': 'AUTHENTICATED_FAILED',
      'X-AUSERNAME': 'anonymous',
    });
  }
  const who = { 'X-AUSERNAME': USER.name, 'X-AUSERID': '10412' };
  switch (pathOf(req)) {
    case '/rest/api/2/myself':
      return sendJson(
        res,
        200,
        { ...USER, emailAddress: 'importer@acme.example', active: true },
        who,
      );
    case '/rest/pat/latest/tokens':
      return sendJson(res, 200, [tokenEntry()], who);
    default:
      return sendJson(res, 404, { errorMessages: ['not found'] }, who);
  }
}

function tokenEntry() {
  return {
    id: 3,
    name: 'nightly importer',
    createdAt: daysFromNow(-100).toISOString(),
    expiringAt: daysFromNow(80).toISOString(),
    lastAccessedAt: daysFromNow(-1).toISOString(),
  };
}

/**
 * Data Center servers: a Jira whose importer account is locked behind a CAPTCHA, its OAuth 2.0
 * service account, and a Bitbucket (one port for all, so no stored URL moves).
 */
export const dataCenter = (): DemoFamily => ({
  name: 'Atlassian Data Center',
  tenants: [
    {
      slug: 'dc-importer',
      expect: 'locked',
      title: 'Data importer',
      story: 'a Jira Data Center PAT whose account is locked behind a CAPTCHA',
      starts: { troubled: true },
      serve,
      integration: (base) => ({
        config: { kind: 'datacenter-pat', name: 'Data importer', baseUrl: base },
        secret: PAT,
      }),
    },
    datacenterServiceAccountTenant,
    repoDeployer,
  ],
});
