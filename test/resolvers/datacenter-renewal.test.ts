// First: the local platform must be installed before the app's code loads @forge/api.
import { data, startAdminApp } from './support';
import type { LocalForge } from '../../local/forge-runtime';
import { bitbucketDc, CONTEXT as BITBUCKET, TOKEN, TOKEN_ID } from '../support/bitbucket-dc';
import { CONTEXT as JIRA, jiraDc, PAT } from '../support/jira-dc';
import { daysFromNow } from '../support/probe';
import type { TestServer } from '../support/server';

/** The detail view's renewal guide is filled in with what the last check read from the service. */
describe('renewal guides after a check of a Data Center token', () => {
  let bitbucket: TestServer;
  let jira: TestServer;
  let forge: LocalForge;

  beforeAll(async () => {
    bitbucket = await bitbucketDc({
      scope: '/projects/OPS/repos/deploy-tools',
      tokens: [
        {
          id: TOKEN_ID,
          name: 'release bot',
          created: daysFromNow(-1),
          expiryDays: 180,
          permissions: ['PROJECT_READ', 'REPO_WRITE'],
        },
      ],
    });
    jira = await jiraDc({
      tokens: [{ name: 'laptop' }, { name: 'nightly import' }, { name: 'other' }],
    });
    forge = await startAdminApp([bitbucket, jira]);
  });
  afterAll(async () => {
    await forge.stop();
    await Promise.all([bitbucket.close(), jira.close()]);
  });

  async function checkedGuide(config: object, secret: string): Promise<string> {
    const { id } = await data(forge, 'createIntegration', { config, secret });
    await data(forge, 'checkNow', { id });
    const detail = await data(forge, 'getIntegration', { id });
    return detail.renewal.steps.join('\n');
  }

  it('Bitbucket: the re-create command keeps the repository token’s listed permissions and lifetime', async () => {
    const steps = await checkedGuide(
      {
        kind: 'bitbucket-datacenter-token',
        name: 'Release bot',
        baseUrl: `${bitbucket.url}${BITBUCKET}`,
        projectKey: 'OPS',
        repoSlug: 'deploy-tools',
      },
      TOKEN,
    );
    const tokens = `${bitbucket.url}${BITBUCKET}/rest/access-tokens/latest/projects/OPS/repos/deploy-tools`;
    expect(steps).toContain(
      `"permissions": ["PROJECT_READ", "REPO_WRITE"], "expiryDays": 180}' ${tokens}`,
    );
    expect(steps).toContain(`-X DELETE ${tokens}/${TOKEN_ID}`);
    expect(steps).not.toContain(TOKEN);
  });

  it('Jira: the revoke command names the token the check matched by name, by its listed id', async () => {
    const steps = await checkedGuide(
      {
        kind: 'datacenter-pat',
        name: 'Nightly import',
        baseUrl: `${jira.url}${JIRA}`,
        tokenId: 'nightly import',
      },
      PAT,
    );
    expect(steps).toContain(
      `curl -X DELETE -H 'Authorization: Bearer <new PAT>' ${jira.url}${JIRA}/rest/pat/latest/tokens/2`,
    );
    expect(steps).not.toContain(PAT);
  });
});
