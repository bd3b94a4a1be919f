// First: the local platform must be installed before the app's code loads @forge/api.
import { call, data, startAdminApp } from './support';
import type { LocalForge } from '../../local/forge-runtime';
import type { ResolverKey } from '../../src/resolvers/contract';
import { answering, type TestServer } from '../support/server';
import { dayFromToday } from '../support/clock';

const SECRET = 'ghp_badInputTestToken00000000000001';
/** Kinds whose secret is JSON, with one that parses. */
const JSON_SECRETS: Record<string, string> = {
  'atlassian-oauth2': '{"accessToken":"at-1"}',
  'atlassian-service-account': '{"clientId":"sa-1","clientSecret":"ATOA-1"}',
};
const INSTALLATION_TOKEN = 'ghs_16C7e42F292c6912E7710c838347Ae178B4a';

describe('bad input to the resolvers', () => {
  let server: TestServer;
  let forge: LocalForge;
  let id: string;
  const github = () => ({ kind: 'github-token', name: 'CI bot', baseUrl: server.url });
  const serviceAccount = () => ({
    kind: 'atlassian-service-account',
    baseUrl: server.url,
    tokenUrl: `${server.url}/oauth/token`,
    cloudId: 'c0ffee00-0001',
    expiresAt: dayFromToday(200),
  });

  beforeAll(async () => {
    server = await answering(200, { login: 'ci-bot', id: 1 });
    forge = await startAdminApp([server]);
    ({ id } = await data(forge, 'createIntegration', { config: github(), secret: SECRET }));
  });
  afterAll(async () => {
    await forge.stop();
    await server.close();
  });

  /** Each case: resolver, payload, and the fields its answer must name. */
  const cases = (): [ResolverKey, unknown, string[]][] => [
    ['createIntegration', {}, ['config']],
    ['createIntegration', { config: github() }, ['secret']],
    [
      'createIntegration',
      { config: { ...github(), baseUrl: 'ftp://x' }, secret: SECRET },
      ['config.baseUrl'],
    ],
    ['createIntegration', { config: { kind: 'nope' }, secret: SECRET }, ['config.kind']],
    [
      'createIntegration',
      { config: { kind: 'datacenter-pat' }, secret: SECRET },
      ['config.baseUrl'],
    ],
    [
      'createIntegration',
      { config: { ...github(), warnDays: [7, 7] }, secret: SECRET },
      ['config.warnDays'],
    ],
    ['createIntegration', { config: { ...github(), colour: 'red' }, secret: SECRET }, ['config']],
    ['createIntegration', { config: github(), secret: '   ' }, ['secret']],
    ['createIntegration', { config: github(), secret: 'ab\u0000cd' }, ['secret']],
    ['createIntegration', { config: github(), secret: 'x'.repeat(8193) }, ['secret']],
    ['createIntegration', { config: github(), secret: 'two words' }, ['secret']],
    ['createIntegration', { config: github(), secret: INSTALLATION_TOKEN }, ['secret']],
    [
      'createIntegration',
      { config: { ...github(), organization: 'acme/x' }, secret: SECRET },
      ['config.organization'],
    ],
    [
      'createIntegration',
      { config: { kind: 'bitbucket-cloud-api-token', repository: 'deploy' }, secret: SECRET },
      ['config.workspace'],
    ],
    [
      'createIntegration',
      { config: { kind: 'bitbucket-cloud-api-token', workspace: 'a b' }, secret: SECRET },
      ['config.workspace'],
    ],
    ['createIntegration', { config: github(), secret: SECRET, interval: '2m' }, ['interval']],
    ['createIntegration', { config: github(), secret: 42, interval: 7 }, ['secret', 'interval']],
    [
      'createIntegration',
      { config: { kind: 'atlassian-oauth2' }, secret: '{"refreshToken":"rt-1"}' },
      ['secret'],
    ],
    ['createIntegration', { config: { kind: 'atlassian-oauth2' }, secret: 'not json' }, ['secret']],
    [
      'createIntegration',
      { config: serviceAccount(), secret: '{"clientId":"sa client","clientSecret":"ATOA-1"}' },
      ['secret'],
    ],
    [
      'createIntegration',
      { config: serviceAccount(), secret: '{"clientId":"sa-1","clientSecret":' },
      ['secret'],
    ],
    [
      'createIntegration',
      // The expiry date is optional: Atlassian documents none for these credentials.
      { config: { kind: 'atlassian-service-account' }, secret: '{}' },
      ['config.cloudId'],
    ],
    [
      'createIntegration',
      {
        config: { kind: 'datacenter-oauth2-client', baseUrl: server.url },
        secret: '{"clientId":"dc client","clientSecret":"dc-1"}',
      },
      ['secret'],
    ],
    [
      'createIntegration',
      { config: { kind: 'datacenter-oauth2-client' }, secret: '{"clientId":"dc-1"}' },
      ['config.baseUrl'],
    ],
    ['updateIntegration', { config: github() }, ['id']],
    ['updateIntegration', { id, config: { ...github(), url: 'nope' } }, ['config.url']],
    ['updateIntegration', { id, config: github(), secret: '' }, ['secret']],
    // The stored secret (a GitHub token) is no OAuth JSON: a kind change needs a new secret.
    ['updateIntegration', { id, config: { kind: 'atlassian-oauth2' } }, ['secret']],
    ['testIntegration', { config: github() }, ['secret']],
    ['deleteIntegration', {}, ['id']],
    ['deleteIntegration', { id: 'has spaces/and slashes' }, ['id']],
    ['checkNow', { id: 42 }, ['id']],
    ['setPaused', { id, paused: 'yes' }, ['paused']],
    ['setPaused', { id }, ['paused']],
    ['snooze', { id, until: '2000-01-01T00:00:00Z' }, ['until']],
    ['snooze', { id, until: 'next tuesday' }, ['until']],
    ['snooze', { id }, ['until']],
    ['markRevoked', { id, revokedAt: '2999-01-01T00:00:00Z' }, ['revokedAt']],
    ['markRevoked', { id, revokedAt: 'yesterday' }, ['revokedAt']],
    ['saveSettings', { warnDays: [], defaultInterval: '1h' }, ['warnDays']],
    ['saveSettings', { warnDays: [30, 30], defaultInterval: '1h' }, ['warnDays']],
    ['saveSettings', { warnDays: [0.5], defaultInterval: '1h' }, ['warnDays']],
    ['saveSettings', { warnDays: [400], defaultInterval: '1h' }, ['warnDays']],
    [
      'saveSettings',
      { warnDays: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], defaultInterval: '1h' },
      ['warnDays'],
    ],
    ['saveSettings', { warnDays: [7] }, ['defaultInterval']],
    ['getAuditLog', { cursor: 5 }, ['cursor']],
    ['saveInventorySource', { orgId: 'has spaces', apiKey: 'short' }, ['orgId', 'apiKey']],
    ['saveInventorySource', { orgId: 'org-1', unusedDays: 0 }, ['apiKey', 'unusedDays']],
    // No organisation is set up yet: there is nothing to sync.
    ['syncInventoryNow', {}, []],
    ['listOrgTokens', { owner: 42, kind: 'pat' }, ['owner', 'kind']],
  ];

  it('answers BAD_INPUT naming the fields, and stores nothing, for each bad payload', async () => {
    for (const [key, payload, fields] of cases()) {
      const before = forge.kvs.dump();
      const answer = await call(forge, key, payload);
      const got = answer.ok
        ? answer
        : { code: answer.error.code, fields: Object.keys(answer.error.fields ?? {}).sort() };
      expect({ key, payload, got }).toEqual({
        key,
        payload,
        got: { code: 'BAD_INPUT', fields: [...fields].sort() },
      });
      expect(forge.kvs.dump()).toEqual(before);
    }
  });

  it('covers every mutating resolver', () => {
    const mutating: ResolverKey[] = [
      'createIntegration',
      'updateIntegration',
      'deleteIntegration',
      'checkNow',
      'setPaused',
      'snooze',
      'markRevoked',
      'saveSettings',
      'saveInventorySource',
      'syncInventoryNow',
    ];
    const covered = new Set(cases().map(([key]) => key));
    expect(mutating.filter((k) => !covered.has(k))).toEqual([]);
  });

  it('refuses a GitHub App installation token on the secret field, in plain words, never quoting it', async () => {
    const answer = await call(forge, 'createIntegration', {
      config: github(),
      secret: INSTALLATION_TOKEN,
    });
    if (answer.ok) throw new Error('an installation token must be refused');
    expect(answer.error.fields?.secret).toMatch(/GitHub App installation token.*lives one hour/);
    expect(answer.error.fields?.secret).toMatch(/GitHub App kind/);
    expect(JSON.stringify(answer)).not.toContain(INSTALLATION_TOKEN.slice(4));
  });

  it('never quotes the secret back in an error', async () => {
    const secret = 'ghp_with a space-and-more-SECRET';
    const answer = await call(forge, 'createIntegration', { config: github(), secret });
    expect(answer.ok).toBe(false);
    expect(JSON.stringify(answer)).not.toContain('SECRET');
  });

  it.each([
    ['getIntegration', { id: 'no-such-id' }],
    ['updateIntegration', { id: 'no-such-id', config: { kind: 'github-token' }, secret: SECRET }],
    ['testIntegration', { id: 'no-such-id', config: { kind: 'github-token' } }],
    ['deleteIntegration', { id: 'no-such-id' }],
    ['checkNow', { id: 'no-such-id' }],
    ['setPaused', { id: 'no-such-id', paused: true }],
    ['snooze', { id: 'no-such-id', until: null }],
    ['markRevoked', { id: 'no-such-id', revokedAt: null }],
  ] as [ResolverKey, unknown][])(
    '%s of an unknown id is NOT_FOUND and stores nothing',
    async (key, payload) => {
      const before = forge.kvs.dump();
      const answer = await call(forge, key, payload);
      expect(answer).toEqual({
        ok: false,
        error: { code: 'NOT_FOUND', message: expect.any(String) },
      });
      expect(forge.kvs.dump()).toEqual(before);
    },
  );

  describe('a host not declared as egress', () => {
    it.each([
      [
        'a Jira site',
        { kind: 'atlassian-api-token', baseUrl: 'https://jira.acme.com', username: 'bot@acme.com' },
        '- address: "jira.acme.com"',
        'config.baseUrl',
      ],
      [
        'GitHub Enterprise',
        { kind: 'github-token', baseUrl: 'https://github.acme.com/api/v3' },
        '- address: "github.acme.com"',
        'config.baseUrl',
      ],
      [
        'a port on this machine',
        { kind: 'http', url: 'http://127.0.0.1:1/health' },
        '- address: "http://127.0.0.1:1"',
        'config.url',
      ],
      [
        'an https port',
        { kind: 'datacenter-pat', baseUrl: 'https://jira.acme.com:8443/jira' },
        '- address: "https://jira.acme.com:8443"',
        'config.baseUrl',
      ],
      [
        'a custom token endpoint',
        { kind: 'atlassian-oauth2', tokenUrl: 'https://sso.acme.com/oauth/token' },
        '- address: "sso.acme.com"',
        'config.tokenUrl',
      ],
      [
        "a service account's custom token endpoint",
        {
          kind: 'atlassian-service-account',
          cloudId: 'c0ffee00-0001',
          expiresAt: dayFromToday(200),
          tokenUrl: 'https://sso.acme.com/oauth/token',
        },
        '- address: "sso.acme.com"',
        'config.tokenUrl',
      ],
    ])(
      'refuses %s at save time, saying whom to ask, with the manifest entry to add',
      async (_what, config, line, field) => {
        const secret = JSON_SECRETS[config.kind] ?? SECRET;
        const before = forge.kvs.dump();
        for (const key of ['createIntegration', 'updateIntegration', 'testIntegration'] as const) {
          const answer = await call(forge, key, { id, config, secret });
          if (answer.ok) throw new Error(`${key} accepted an undeclared host`);
          expect(answer.error).toMatchObject({
            code: 'EGRESS_NOT_DECLARED',
            fields: { [field]: expect.any(String) },
          });
          expect(answer.error.message).toContain(line);
          // What the admin can do comes before the lines for whoever deploys the app.
          expect(answer.error.message).toMatch(/^Ask whoever deploys Token Health to declare /);
        }
        expect(forge.kvs.dump()).toEqual(before);
        expect(server.requests).toHaveLength(0);
      },
    );

    it('accepts hosts the manifest declares, globs and kind defaults included', async () => {
      const site = {
        kind: 'atlassian-api-token',
        baseUrl: 'https://acme.atlassian.net',
        username: 'b@acme.com',
      };
      expect((await call(forge, 'createIntegration', { config: site, secret: SECRET })).ok).toBe(
        true,
      );
      const cloud = { kind: 'github-token' };
      expect((await call(forge, 'createIntegration', { config: cloud, secret: SECRET })).ok).toBe(
        true,
      );
    });
  });
});
