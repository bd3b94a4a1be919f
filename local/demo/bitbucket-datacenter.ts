import type { ServerResponse } from 'node:http';
import { daysFromNow } from './dates';
import { bearerOf, pathOf, sendJson } from './http';
import type { DemoRequest, TenantSpec, TenantState } from './types';

/**
 * A Bitbucket Data Center HTTP access token: "BBDC-" + base64 of "<token id>:<random bytes>", the
 * id being the one the token list shows (Bitbucket DC REST reference, group "Authentication": its
 * example token "MjUyOTczNTE1MDY5On2r…" decodes to its example id 252973515069).
 */
const TOKEN_ID = '418207553190';
const TOKEN = `BBDC-${Buffer.from(`${TOKEN_ID}:demo-repo-deployer-bytes`).toString('base64')}`;
const USER = { slug: 'repo-deployer', id: '151' };

/** Bitbucket's refusal of a bad token (its error body {"errors":[{message, exceptionName}]}). */
const AUTH_FAILED = {
  errors: [
    {
      context: null,
      message: 'Authentication failed. Please check your credentials and try again.',
      exceptionName: 'com.atlassian.bitbucket.auth.IncorrectPasswordAuthenticationException',
    },
  ],
};

/**
 * The token's entry as the user's token list sends it: createdDate in epoch milliseconds (Atlassian
 * KB "How to renew personal access tokens via REST API's in Bitbucket Server"), with expiryDays.
 */
function tokenEntry() {
  return {
    id: TOKEN_ID,
    name: 'release pipeline',
    createdDate: daysFromNow(-30).getTime(),
    lastAuthenticated: daysFromNow(-1).getTime(),
    expiryDays: 90,
    permissions: ['REPO_WRITE', 'PROJECT_READ'],
    user: { name: USER.slug, slug: USER.slug, id: Number(USER.id) },
  };
}

/**
 * `/rest/api/latest/application-properties` answers anyone; only a good token earns the
 * X-AUSERNAME / X-AUSERID headers. The token's own entry is read by id among its user's tokens.
 */
function serve(req: DemoRequest, res: ServerResponse, state: TenantState): void {
  if (state.revoked || bearerOf(req) !== TOKEN) return sendJson(res, 401, AUTH_FAILED);
  const who = { 'X-AUSERNAME': USER.slug, 'X-AUSERID': USER.id };
  switch (pathOf(req)) {
    case '/rest/api/latest/application-properties':
      return sendJson(
        res,
        200,
        { version: '8.19.1', buildNumber: '8019001', displayName: 'Bitbucket' },
        who,
      );
    case `/rest/access-tokens/latest/users/${USER.slug}/${TOKEN_ID}`:
      return sendJson(res, 200, tokenEntry(), who);
    default:
      return sendJson(res, 404, { errors: [{ context: null, message: 'Not found' }] }, who);
  }
}

export const repoDeployer: TenantSpec = {
  slug: 'repo-deployer',
  title: 'Repo deployer',
  expect: 'healthy',
  story: 'a Bitbucket Data Center access token whose expiry is read from its own entry',
  serve,
  integration: (base) => ({
    config: {
      kind: 'bitbucket-datacenter-token',
      name: 'Repo deployer',
      baseUrl: base,
      username: USER.slug,
    },
    secret: TOKEN,
  }),
};
