import type { ServerResponse } from 'node:http';
import { daysFromNow, isoDay } from './dates';
import { deployApp } from './github-app';
import { basicOf, bearerOf, header, pathOf, sendJson } from './http';
import type { DemoFamily, DemoRequest, FamilyOptions, TenantSpec, TenantState } from './types';

const GITHUB_TOKEN = 'ghp_demoReleaseBot0000000000000000000000';
const GITLAB_TOKEN = 'glpat-demoNightlyMirror000000';
const BITBUCKET = { email: 'backup-bot@acme.example', token: 'ATATT3xFfGF0-demo-backup-bot-token' };

/** "2026-12-01 12:00:00 UTC", as GitHub sends GitHub-Authentication-Token-Expiration. */
function githubDate(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/**
 * GitHub `GET /user`, with the token's expiry in a header: 5 days after the demo first started,
 * so under the compressed clock it counts down (≈ 2 real hours at 60×) and a restart keeps it.
 */
function githubUser(epoch: number): TenantSpec['serve'] {
  const expiresAt = new Date(epoch + 5 * 86_400_000);
  return (req, res, state) => {
    if (state.revoked || bearerOf(req) !== GITHUB_TOKEN) {
      return sendJson(res, 401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
        status: '401',
      });
    }
    if (pathOf(req) !== '/user') return sendJson(res, 404, { message: 'Not Found' });
    sendJson(
      res,
      200,
      { login: 'acme-release-bot', id: 81234567, type: 'User', name: 'Release bot' },
      {
        'GitHub-Authentication-Token-Expiration': githubDate(expiresAt),
        'X-OAuth-Scopes': 'repo, workflow',
        'X-RateLimit-Remaining': '4999',
      },
    );
  };
}

/** GitLab's words for a revoked token (lib/api/api_guard.rb, RevokedError). */
const GITLAB_REVOKED = 'Token was revoked. You have to re-authorize from the user.';

/**
 * GitLab's token self-description and `/user`; 401 invalid_token once the token is revoked, the
 * plain `401 Unauthorized` for a token it does not know.
 */
function gitlab(req: DemoRequest, res: ServerResponse, state: TenantState): void {
  if (header(req, 'private-token') !== GITLAB_TOKEN) {
    return sendJson(res, 401, { message: '401 Unauthorized' });
  }
  if (state.revoked) {
    return sendJson(
      res,
      401,
      { error: 'invalid_token', error_description: GITLAB_REVOKED },
      {
        'WWW-Authenticate': `Bearer realm="Protected by OAuth 2.0", error="invalid_token", error_description="${GITLAB_REVOKED}"`,
      },
    );
  }
  switch (pathOf(req)) {
    case '/api/v4/personal_access_tokens/self':
      return sendJson(res, 200, {
        id: 4821,
        name: 'nightly mirror',
        revoked: false,
        created_at: daysFromNow(-60).toISOString(),
        scopes: ['read_api', 'read_repository'],
        user_id: 77,
        last_used_at: daysFromNow(-1).toISOString(),
        active: true,
        expires_at: isoDay(daysFromNow(120)),
      });
    case '/api/v4/user':
      return sendJson(res, 200, {
        id: 77,
        username: 'mirror-bot',
        name: 'Mirror bot',
        email: 'mirror-bot@acme.example',
      });
    default:
      return sendJson(res, 404, { message: '404 Not Found' });
  }
}

/** Bitbucket Cloud `GET /2.0/user`: the token works but was created without read:user. */
function bitbucket(req: DemoRequest, res: ServerResponse, state: TenantState): void {
  const login = basicOf(req);
  if (state.revoked || login?.user !== BITBUCKET.email || login.password !== BITBUCKET.token) {
    return sendJson(res, 401, { type: 'error', error: { message: 'Invalid credentials' } });
  }
  if (pathOf(req) !== '/2.0/user') return sendJson(res, 404, { type: 'error' });
  if (state.troubled) {
    return sendJson(res, 403, {
      type: 'error',
      error: {
        message: 'Your credentials lack one or more required privilege scopes.',
        detail: { granted: ['read:repository:bitbucket'], required: ['read:user:bitbucket'] },
      },
    });
  }
  sendJson(res, 200, {
    type: 'user',
    account_id: '5b10ac8d82e05b22cc7d4e06',
    uuid: '{7b3a4c1e-0000-4000-8000-000000000006}',
    nickname: 'backup-bot',
    display_name: 'Backup bot',
  });
}

/** Built when the services start, the token's expiry counting from the demo's first start. */
const releaseBot = (epoch: number): TenantSpec => ({
  slug: 'release-bot',
  title: 'Release bot',
  expect: 'expiring',
  story: 'a GitHub token whose expiry header says it ends in 5 days',
  serve: githubUser(epoch),
  integration: (base) => ({
    config: { kind: 'github-token', name: 'Release bot', baseUrl: base },
    secret: GITHUB_TOKEN,
  }),
});

const nightlyMirror: TenantSpec = {
  slug: 'nightly-mirror',
  title: 'Nightly mirror',
  expect: 'rejected',
  story: 'a GitLab token revoked behind the integration’s back (401)',
  starts: { revoked: true },
  serve: gitlab,
  integration: (base) => ({
    config: { kind: 'gitlab-token', name: 'Nightly mirror', baseUrl: base },
    secret: GITLAB_TOKEN,
  }),
};

const backupBot: TenantSpec = {
  slug: 'backup-bot',
  title: 'Backup bot',
  expect: 'insufficient-scope',
  story: 'a Bitbucket Cloud API token missing the read:user scope (403)',
  starts: { troubled: true },
  serve: bitbucket,
  integration: (base) => ({
    config: {
      kind: 'bitbucket-cloud-api-token',
      name: 'Backup bot',
      baseUrl: base,
      username: BITBUCKET.email,
      expiresAt: daysFromNow(250).toISOString(),
    },
    secret: BITBUCKET.token,
  }),
};

export const github = (options: FamilyOptions): DemoFamily => ({
  name: 'GitHub',
  tenants: [releaseBot(options.epoch ?? Date.now()), deployApp(options.keyDir)],
});
export const gitlabFamily = (): DemoFamily => ({ name: 'GitLab', tenants: [nightlyMirror] });
export const bitbucketCloud = (): DemoFamily => ({
  name: 'Bitbucket Cloud',
  tenants: [backupBot],
});
