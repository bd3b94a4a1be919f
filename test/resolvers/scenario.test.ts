// First: the local platform must be installed before the app's code loads @forge/api.
import { basic, call, data, startAdminApp } from './support';
import type { LocalForge } from '../../local/forge-runtime';
import type { IntegrationSummary } from '../../src/resolvers/contract';
import {
  basicAuth,
  bearerToken,
  sendJson,
  startServer,
  type RecordedRequest,
  type TestServer,
} from '../support/server';
import type { ServerResponse } from 'node:http';
import { overviewOf } from '../../src/frontend/overview-pages';

const BOT = 'bot@acme.example';
const JIRA_TOKEN = 'ATATT3xFfGF0-scenario-jira-token-A1B2';
const GITHUB_TOKEN = 'ghp_scenarioGithubTokenNumberOne00001';
const GITHUB_TOKEN_2 = 'ghp_scenarioGithubTokenNumberTwo00002';
const HTTP_USER = 'svc-monitor';
const HTTP_SECRET = 'http-basic-password-Q7w8';
const OAUTH = {
  clientId: 'client-1',
  clientSecret: 'oauth-client-secret-X1',
  refreshToken: 'rt-one-Y2',
};
const OAUTH_NEW_RT = 'rt-two-Z3';
const OAUTH_NEW_CS = 'oauth-client-secret-W4';
const BITBUCKET_TOKEN = 'BBDC-scenarioBitbucketToken0005';

/** Every string that must never leave the backend, with the Basic-auth forms a probe sends. */
const SECRETS = [
  JIRA_TOKEN,
  basic(BOT, JIRA_TOKEN),
  GITHUB_TOKEN,
  GITHUB_TOKEN_2,
  HTTP_SECRET,
  basic(HTTP_USER, HTTP_SECRET),
  OAUTH.clientSecret,
  OAUTH.refreshToken,
  OAUTH_NEW_RT,
  OAUTH_NEW_CS,
  BITBUCKET_TOKEN,
];

/** One service double for every kind in the scenario, routed by path. */
function services(valid: Set<string>) {
  return (req: RecordedRequest, res: ServerResponse) => {
    const basicPass = basicAuth(req)?.password ?? '';
    if (req.path === '/rest/api/3/myself') {
      if (!valid.has(basicPass)) {
        return sendJson(res, 401, {}, { 'X-Seraph-LoginReason': 'AUTHENTICATED_FAILED' });
      }
      return sendJson(res, 200, { accountId: 'acc-bot', displayName: 'Jira bot' });
    }
    if (req.path === '/user') {
      if (!valid.has(bearerToken(req) ?? ''))
        return sendJson(res, 401, { message: 'Bad credentials' });
      return sendJson(res, 200, { login: 'ci-bot', id: 7 });
    }
    if (req.path === '/health') return sendJson(res, valid.has(basicPass) ? 200 : 401, {});
    sendJson(res, 404, {});
  };
}

describe('a full admin scenario through the resolvers', () => {
  let server: TestServer;
  let forge: LocalForge;
  const valid = new Set([JIRA_TOKEN, GITHUB_TOKEN, GITHUB_TOKEN_2, HTTP_SECRET]);
  /** Every answer any resolver gave during the scenario. */
  const answers: unknown[] = [];

  beforeAll(async () => {
    server = await startServer(services(valid));
    forge = await startAdminApp([server]);
  });
  afterAll(async () => {
    await forge.stop();
    await server.close();
  });

  /** Calls a resolver as the admin, keeps its answer, and returns its data. */
  async function run<K extends Parameters<typeof data>[1]>(key: K, payload: unknown) {
    const answer = await call(forge, key, payload);
    answers.push(answer);
    if (!answer.ok) throw new Error(`${key}: ${JSON.stringify(answer.error)}`);
    return answer.data;
  }
  async function refused(key: Parameters<typeof data>[1], payload: unknown) {
    const answer = await call(forge, key, payload);
    answers.push(answer);
    if (answer.ok) throw new Error(`${key} should have failed`);
    return answer.error;
  }

  it('adds, tests, edits, checks, pauses, snoozes, revokes and deletes without a secret in any answer', async () => {
    const jiraConfig = {
      kind: 'atlassian-api-token',
      name: 'Jira sync',
      baseUrl: server.url,
      username: BOT,
    };
    const githubConfig = { kind: 'github-token', name: 'CI bot', baseUrl: server.url };
    const httpConfig = {
      kind: 'http',
      name: 'Monitor',
      url: `${server.url}/health`,
      auth: 'basic',
      username: HTTP_USER,
    };
    const oauthConfig = {
      kind: 'atlassian-oauth2',
      name: 'Sync app',
      mode: 'keep',
      cloudId: 'cloud-1',
    };
    const bitbucketConfig = {
      kind: 'bitbucket-datacenter-token',
      name: 'Deploys',
      baseUrl: server.url,
      username: 'ci-bot',
      tokenId: '42',
    };

    // Test before save, then save.
    expect(await run('testIntegration', { config: jiraConfig, secret: JIRA_TOKEN })).toMatchObject({
      verdict: 'healthy',
      identity: { id: 'acc-bot' },
    });
    const jira = await run('createIntegration', { config: jiraConfig, secret: JIRA_TOKEN });
    const github = await run('createIntegration', {
      config: githubConfig,
      secret: GITHUB_TOKEN,
      interval: '6h',
    });
    const monitor = await run('createIntegration', { config: httpConfig, secret: HTTP_SECRET });
    const oauth = await run('createIntegration', {
      config: oauthConfig,
      secret: JSON.stringify(OAUTH),
    });
    const bitbucket = await run('createIntegration', {
      config: bitbucketConfig,
      secret: BITBUCKET_TOKEN,
    });
    // Saved right after its Test: that Test is its first check.
    expect(jira).toMatchObject({
      name: 'Jira sync',
      severity: 'ok',
      verdict: 'healthy',
      secretFingerprint: '…A1B2',
    });
    expect(github.interval).toBe('6h');

    // The others never checked, yet listed.
    const first = overviewOf(await run('getOverview', {}));
    expect(first.integrations.map((i: IntegrationSummary) => i.name).sort()).toEqual([
      'CI bot',
      'Deploys',
      'Jira sync',
      'Monitor',
      'Sync app',
    ]);
    expect(first.counts).toEqual({ ok: 1, warning: 0, critical: 0, unknown: 4 });

    // Test a saved one with its stored secret; a kept grant is never tested (it would spend it).
    expect(await run('testIntegration', { id: jira.id, config: jiraConfig })).toMatchObject({
      verdict: 'healthy',
    });
    expect(await refused('testIntegration', { id: oauth.id, config: oauthConfig })).toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining('Check now'),
    });

    // Edit keeping the secret, then with a new one.
    const renamed = await run('updateIntegration', {
      id: jira.id,
      config: { ...jiraConfig, name: 'Jira sync (prod)' },
    });
    expect(renamed).toMatchObject({ name: 'Jira sync (prod)', secretFingerprint: '…A1B2' });
    expect(forge.kvs.getSecret(`secret:${jira.id}`)).toBe(JIRA_TOKEN);
    const rotated = await run('updateIntegration', {
      id: github.id,
      config: githubConfig,
      secret: GITHUB_TOKEN_2,
    });
    expect(rotated.secretFingerprint).toBe('…0002');
    expect(forge.kvs.getSecret(`secret:${github.id}`)).toBe(GITHUB_TOKEN_2);

    // A new refresh token starts a new grant; the same one (new client secret) keeps the kept grant.
    const grantKey = `grant:${oauth.id}`;
    forge.kvs.setSecret(grantKey, { refreshToken: 'rotated-by-app', seed: 'x' });
    const sameGrant = { ...OAUTH, clientSecret: OAUTH_NEW_CS };
    await run('updateIntegration', {
      id: oauth.id,
      config: oauthConfig,
      secret: JSON.stringify(sameGrant),
    });
    expect(forge.kvs.getSecret(grantKey)).toEqual({ refreshToken: 'rotated-by-app', seed: 'x' });
    const newGrant = { ...sameGrant, refreshToken: OAUTH_NEW_RT };
    await run('updateIntegration', {
      id: oauth.id,
      config: oauthConfig,
      secret: JSON.stringify(newGrant),
    });
    expect(forge.kvs.getSecret(grantKey)).toBeUndefined();

    // Check now, against the local service double.
    expect(await run('checkNow', { id: github.id })).toMatchObject({
      verdict: 'healthy',
      severity: 'ok',
    });
    expect(await run('checkNow', { id: monitor.id })).toMatchObject({ verdict: 'healthy' });
    valid.delete(JIRA_TOKEN);
    expect(await run('checkNow', { id: jira.id })).toMatchObject({
      verdict: 'rejected',
      severity: 'critical',
    });

    // Pause, resume, snooze, mark revoked.
    expect(await run('setPaused', { id: monitor.id, paused: true })).toMatchObject({
      paused: true,
    });
    expect(await run('setPaused', { id: monitor.id, paused: false })).toMatchObject({
      paused: false,
    });
    const until = new Date(Date.now() + 3 * 86_400_000).toISOString();
    expect(await run('snooze', { id: jira.id, until })).toMatchObject({ snoozedUntil: until });
    expect(await run('snooze', { id: jira.id, until: null })).toMatchObject({ snoozedUntil: null });
    const revokedAt = new Date(Date.now() - 60_000).toISOString();
    expect(await run('markRevoked', { id: github.id, revokedAt })).toMatchObject({ revokedAt });

    // Settings.
    const saved = await run('saveSettings', { warnDays: [7, 30, 14], defaultInterval: '15m' });
    expect(saved).toEqual({ warnDays: [30, 14, 7], defaultInterval: '15m' });
    expect(await run('getSettings', {})).toEqual(saved);

    // Detail: evidence of the last check, history, identity and the renewal guide.
    const detail = await run('getIntegration', { id: github.id });
    expect(detail.identity).toMatchObject({ username: 'ci-bot' });
    expect(detail.history).toHaveLength(1);
    expect(detail.evidence[0]).toMatchObject({
      method: 'GET',
      url: `${server.url}/user`,
      status: 200,
    });
    expect(detail.config).toEqual(githubConfig);
    expect(detail.summary.revokedAt).toBe(revokedAt);
    const guide = (await run('getIntegration', { id: bitbucket.id })).renewal;
    const tokens = `${server.url}/rest/access-tokens/latest/users/ci-bot`;
    expect(guide.title).toMatch(/list, re-create, delete/);
    expect(guide.steps.join('\n')).toContain(`curl -u ci-bot ${tokens}`);
    expect(guide.steps.join('\n')).toContain(`-X PUT`);
    expect(guide.steps.join('\n')).toContain(`-X DELETE ${tokens}/42`);
    const cloudGuide = (await run('getIntegration', { id: jira.id })).renewal;
    expect(cloudGuide.links[0]?.url).toBe(
      'https://id.atlassian.com/manage-profile/security/api-tokens',
    );
    expect(cloudGuide.maxLifetime).toMatch(/365 days/);

    // Delete: the record, its secret and its history go.
    expect(await run('deleteIntegration', { id: monitor.id })).toEqual({ id: monitor.id });
    const left = [...forge.kvs.keys(), ...Object.keys(forge.kvs.dump().secrets)];
    expect(left.filter((k) => k.includes(monitor.id) && !k.startsWith('audit:'))).toEqual([]);

    const last = overviewOf(await run('getOverview', {}));
    expect(last.integrations).toHaveLength(4);
    expect(last.counts).toEqual({ ok: 1, warning: 0, critical: 1, unknown: 2 });
    expect(await run('getSettings', {})).toEqual(saved);

    const log = await run('getAuditLog', {});
    expect(log.entries.map((e) => e.action)).toEqual([
      'delete',
      'save-settings',
      'mark-revoked',
      'unsnooze',
      'snooze',
      'resume',
      'pause',
      'check-now',
      'check-now',
      'check-now',
      'update',
      'update',
      'update',
      'update',
      'create',
      'create',
      'create',
      'create',
      'create',
    ]);
    expect(log.entries.every((e) => e.actorAccountId === 'acc-admin')).toBe(true);
    expect(
      log.entries.find((e) => e.action === 'update' && e.integrationId === github.id)?.detail,
    ).toContain('secret …0001 → …0002');

    // The point of it all: no secret, nor its Basic-auth form, in any answer or stored value.
    const everyAnswer = JSON.stringify(answers);
    const storedValues = JSON.stringify(forge.kvs.dump().values);
    for (const secret of SECRETS) {
      expect({ secret, inAnswers: everyAnswer.includes(secret) }).toEqual({
        secret,
        inAnswers: false,
      });
      expect({ secret, stored: storedValues.includes(secret) }).toEqual({ secret, stored: false });
    }
    expect(answers.length).toBeGreaterThan(25);
  });
});
