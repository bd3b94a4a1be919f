import { CREDENTIAL_KINDS, type IntegrationConfig } from '../../src/domain/integration';
import { renewalGuide } from '../../src/domain/renewal';
import { dayFromToday } from '../support/clock';

const BASE = 'https://scm.acme.example/';

function config(kind: IntegrationConfig['kind']): IntegrationConfig {
  return {
    kind,
    baseUrl: BASE,
    url: `${BASE}health`,
    username: 'ci-bot',
    orgId: 'org-7',
    tokenId: '42',
  };
}

describe('renewal guides', () => {
  it.each(CREDENTIAL_KINDS)('%s: steps in plain words, links that are URLs', (kind) => {
    const guide = renewalGuide(config(kind), 'Deploys');
    expect(guide.title).not.toBe('');
    expect(guide.steps.length).toBeGreaterThanOrEqual(3);
    expect(guide.steps.join('\n')).not.toMatch(/undefined|null|[^:]\/\//);
    for (const link of guide.links) expect(() => new URL(link.url)).not.toThrow();
  });

  it('Bitbucket Data Center: list, re-create and delete with the user and token id filled in', () => {
    const tokens = 'https://scm.acme.example/rest/access-tokens/latest/users/ci-bot';
    const steps = renewalGuide(config('bitbucket-datacenter-token'), 'Deploys').steps.join('\n');
    expect(steps).toContain(`curl -u ci-bot ${tokens}\n`);
    expect(steps).toContain(`-X PUT -H 'Content-Type: application/json'`);
    expect(steps).toContain(`"name": "Deploys"`);
    expect(steps).toContain(`curl -u ci-bot -X DELETE ${tokens}/42`);
    expect(steps).toMatch(/no API to renew/);
  });

  it('Bitbucket Data Center: re-creates the token with the permissions and lifetime the last check listed', () => {
    const facts = {
      tokenId: '361836483637',
      permissions: 'PROJECT_WRITE, REPO_WRITE',
      expiryDays: '30',
    };
    const steps = renewalGuide(config('bitbucket-datacenter-token'), 'Deploys', facts).steps;
    const text = steps.join('\n');
    expect(text).toContain('"permissions": ["PROJECT_WRITE", "REPO_WRITE"], "expiryDays": 30');
    expect(text).not.toContain('REPO_READ');
    expect(text).toContain(
      '-X DELETE https://scm.acme.example/rest/access-tokens/latest/users/ci-bot/361836483637',
    );
  });

  it('Bitbucket Data Center: never invents permissions it does not know, nor copies odd ones into a command', () => {
    for (const permissions of [undefined, 'unknown', `REPO_READ"]}' ; rm -rf ~ ; echo '`]) {
      const facts: Record<string, string> = permissions === undefined ? {} : { permissions };
      const text = renewalGuide(config('bitbucket-datacenter-token'), 'x', facts).steps.join('\n');
      expect(text).toContain('"permissions": ["<the old token’s permissions, from the list>"]');
      expect(text).not.toContain('rm -rf');
    }
  });

  it('Bitbucket Data Center: a project or repository token is managed by an admin at its own path', () => {
    const base = { kind: 'bitbucket-datacenter-token', baseUrl: BASE } as const;
    const project = renewalGuide({ ...base, projectKey: 'OPS' }, 'x').steps.join('\n');
    expect(project).toContain(
      'curl -u <username of a project admin> https://scm.acme.example/rest/access-tokens/latest/projects/OPS\n',
    );
    expect(project).toContain('Project settings → HTTP access tokens');
    const repo = renewalGuide({ ...base, projectKey: 'OPS', repoSlug: 'deploy' }, 'x').steps.join(
      '\n',
    );
    expect(repo).toContain('/rest/access-tokens/latest/projects/OPS/repos/deploy');
    expect(repo).toContain('a repository admin');
  });

  it('Data Center PAT: creates with the current PAT and revokes with the new one, both as Bearer, by the listed id', () => {
    const c = {
      kind: 'datacenter-pat',
      baseUrl: 'https://jira.acme.example/jira',
      username: 'ci-bot',
      tokenId: 'nightly',
    } as const;
    const text = renewalGuide(c, 'Nightly', { tokenId: '3' }).steps.join('\n');
    expect(text).toContain(
      `curl -X POST -H 'Authorization: Bearer <current PAT>' -H 'Content-Type: application/json' -d '{"name": "Nightly", "expirationDuration": 90}' https://jira.acme.example/jira/rest/pat/latest/tokens`,
    );
    expect(text).toContain(
      `curl -X DELETE -H 'Authorization: Bearer <new PAT>' https://jira.acme.example/jira/rest/pat/latest/tokens/3`,
    );
    expect(text).not.toMatch(/curl -u/);
  });

  it('Data Center PAT: without a listed id, says where to find it rather than using a name as an id', () => {
    const c = {
      kind: 'datacenter-pat',
      baseUrl: 'https://jira.acme.example',
      tokenId: 'nightly',
    } as const;
    const text = renewalGuide(c, 'x').steps.join('\n');
    expect(text).toContain('/rest/pat/latest/tokens/<old token id, from the token list>');
  });

  it('Atlassian Cloud API token: where to create it and how long it may live', () => {
    const guide = renewalGuide({ kind: 'atlassian-api-token', username: 'bot@acme.com' }, 'Sync');
    expect(guide.steps.join('\n')).toContain(
      'https://id.atlassian.com/manage-profile/security/api-tokens',
    );
    expect(guide.steps.join('\n')).toContain('bot@acme.com');
    expect(guide.maxLifetime).toBe('1 to 365 days, chosen when the token is created');
  });

  it('Atlassian service account: new credentials with the needed scopes, and the new expiry entered too', () => {
    const guide = renewalGuide(
      {
        kind: 'atlassian-service-account',
        cloudId: 'c1',
        expiresAt: dayFromToday(200),
        expectedAccountId: '712020:sa-1',
        scopes: 'read:jira-work write:jira-work',
      },
      'Sync',
    );
    const steps = guide.steps.join('\n');
    expect(steps).toContain(
      'Directory → Service accounts and select the service account 712020:sa-1',
    );
    expect(steps).toContain('Create credentials → OAuth 2.0');
    expect(steps).toContain('this integration needs read:jira-work write:jira-work');
    expect(steps).toContain('Enter the new expiry date as well');
    // Atlassian documents no expiry for service account OAuth 2.0 credentials.
    expect(guide.maxLifetime).toBeNull();
  });

  it('Data Center service account: new credentials in the server administration, with its scopes', () => {
    const guide = renewalGuide(
      { kind: 'datacenter-oauth2-client', baseUrl: BASE, scopes: 'WRITE' },
      'Deploys',
    );
    const steps = guide.steps.join('\n');
    expect(steps).toContain('Sign in to https://scm.acme.example as an administrator');
    expect(steps).toContain('with the scopes it needs (WRITE)');
    expect(guide.links[0]).toEqual({ label: 'The server', url: 'https://scm.acme.example' });
  });

  it('without a username, says whose placeholder to fill in rather than inventing one', () => {
    const steps = renewalGuide({ kind: 'bitbucket-datacenter-token', baseUrl: BASE }, 'x').steps;
    expect(steps.join('\n')).toContain('/users/%3Cusername%3E');
  });

  it('Bitbucket Cloud app password: says it was removed and to use an API token with the email', () => {
    const guide = renewalGuide({ kind: 'bitbucket-cloud-api-token', username: 'ci-bot' }, 'Backup');
    const steps = guide.steps.join('\n');
    expect(guide.title).toMatch(/Replace the app password/);
    expect(steps).toMatch(/removed them on 2026-07-28/);
    expect(steps).toContain('https://id.atlassian.com/manage-profile/security/api-tokens');
    expect(steps).toMatch(/account email/);
  });

  it('Bitbucket Cloud access token: made again in the repository or workspace settings', () => {
    const repo = renewalGuide(
      { kind: 'bitbucket-cloud-api-token', workspace: 'acme', repository: 'deploy' },
      'CI',
    );
    expect(repo.title).toMatch(/access token/);
    expect(repo.links).toEqual([
      { label: 'Repository settings', url: 'https://bitbucket.org/acme/deploy/admin' },
    ]);
    const ws = renewalGuide({ kind: 'bitbucket-cloud-api-token', workspace: 'acme' }, 'CI');
    expect(ws.steps.join('\n')).toContain('https://bitbucket.org/acme/workspace/settings');
  });

  it('GitHub with an organisation: a regenerated classic token must be authorised for its SSO again', () => {
    const steps = renewalGuide({ kind: 'github-token', organization: 'acme' }, 'CI').steps.join(
      '\n',
    );
    expect(steps).toContain(
      'https://github.com/settings/tokens → Configure SSO → Authorize next to acme',
    );
  });
});

describe('GitHub App renewal guide', () => {
  it('generates a new private key in the app settings, then deletes the old one; keys never expire', () => {
    const guide = renewalGuide(
      { kind: 'github-app', appId: '482913', baseUrl: 'https://ghe.acme.example/api/v3' },
      'Deploy app',
    );
    const steps = guide.steps.join('\n');
    expect(steps).toContain('https://ghe.acme.example/settings/apps');
    expect(steps).toContain('App ID 482913');
    expect(steps).toMatch(/Private keys, choose Generate a private key/);
    expect(steps).toMatch(/delete the old key under Private keys/);
    expect(guide.maxLifetime).toMatch(/do not expire/);
  });
});

describe('GitLab renewal guide', () => {
  const steps = renewalGuide({ kind: 'gitlab-token', baseUrl: BASE }, 'Mirror').steps.join('\n');

  it('self-rotates with an explicit expires_at, since GitLab otherwise gives the new token one week', () => {
    expect(steps).toContain(
      '"https://scm.acme.example/api/v4/personal_access_tokens/self/rotate?expires_at=<YYYY-MM-DD>"',
    );
    expect(steps).toMatch(/without it GitLab gives the new token only one week/);
  });

  it('says self-rotation needs the api or self_rotate scope and cannot revive an expired token', () => {
    expect(steps).toMatch(/api or self_rotate scope/);
    expect(steps).toMatch(/401 means it has already expired or was revoked: create a new one/);
  });
});

describe('Slack renewal guide', () => {
  it('says rotating tokens are renewed by their app and to monitor its refresh token there', () => {
    const guide = renewalGuide({ kind: 'slack-token' }, 'Alerts');
    expect(guide.steps.join('\n')).toMatch(/tokens start xoxe\.\), Token Health cannot watch them/);
    expect(guide.steps.join('\n')).toMatch(/monitor that refresh in the app/);
    expect(guide.maxLifetime).toMatch(/with it 12 hours/);
  });
});

describe('renewal guides for the credentials that lock an organisation out', () => {
  it('SAML: Atlassian gets the new certificate before the identity provider signs with it', () => {
    const url = 'https://acme.okta.com/app/0oa1/sso/saml/metadata';
    const guide = renewalGuide({ kind: 'saml-idp-certificate', metadataUrl: url }, 'SSO', {
      rollover: 'rollover ready: …',
    });
    const text = guide.steps.join('\n');
    expect(text.indexOf('Security → Identity providers')).toBeLessThan(
      text.indexOf('Make the new certificate active'),
    );
    expect(text).toContain(url);
    expect(text).toContain('A newer certificate is already published');
    expect(guide.links.map((l) => l.url)).toContain(url);
  });

  it('SCIM: regenerate in the directory, then give the identity provider the new key at once', () => {
    const guide = renewalGuide({ kind: 'scim-directory-key', directoryId: 'dir-7' }, 'SCIM');
    const text = guide.steps.join('\n');
    expect(text).toContain('Security → Identity providers and select the directory dir-7');
    expect(text).toContain('Regenerate API key');
    expect(text).toContain('the old key stops working the moment a new one is made');
    expect(guide.maxLifetime).toContain('One year');
  });
});
