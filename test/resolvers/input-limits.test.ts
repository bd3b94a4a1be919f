// First: the local platform must be installed before the app's code loads @forge/api.
import { jiraDouble, MAIL_CHANNEL } from './support';
import { LocalForge, type ProductRequest } from '../../local/forge-runtime';
import { platform } from '../../local/forge-runtime/platform';
import * as app from '../../src/index';
import { TOKEN_FLAGS } from '../../src/domain/inventory';
import type { z } from 'zod';
import { integrationConfigSchema } from '../../src/domain/integration';
import { LIST_LIMITS, TEXT_LIMITS, type Limit } from '../../src/domain/limits';
import type { Envelope, ResolverKey } from '../../src/resolvers/contract';
import { APP_DIR } from '../support/app';
import { appKeyPair } from '../support/github-app';
import { answering, type TestServer } from '../support/server';

const ADMIN = 'acc-admin';
const GITHUB_TOKEN = 'ghp_limitsTestToken000000000000000001';
const SLACK_HOOK = 'https://hooks.slack.com/services/T0LIMIT/B0LIMIT/';
const ORG = '0a1b2c3d-4e5f-6789-abcd-ef0123456789';
const ADMIN_KEY = 'ATCTT3xFfGN0-limits-admin-api-key-0001';
const DAY_MS = 86_400_000;
const APP_KEY = appKeyPair().pem;

/** n characters of a: the plain filler for free text. */
const chars = (n: number, c = 'a') => c.repeat(n);
/** An ISO 8601 timestamp of exactly n characters (n ≥ 26), padded with fraction digits. */
const isoOf = (at: Date, n: number) => `${at.toISOString().slice(0, 19)}.${'0'.repeat(n - 21)}Z`;

/** Whether a field's schema takes text (through optional and the like). */
function isText(schema: z.ZodType): boolean {
  const def = schema._zod.def as { type: string; innerType?: z.ZodType };
  return def.type === 'string' || (def.innerType !== undefined && isText(def.innerType));
}

interface LimitCase {
  what: string;
  key: ResolverKey;
  /** The field error's name, as the form looks it up. */
  field: string;
  limit: Limit;
  /** A payload valid in every way but this field, which holds `value`. */
  payload: (value: string) => unknown;
  /** A value of exactly n characters, valid but for its length; plain letters by default. */
  fill?: (n: number) => string;
  /**
   * What a value at the limit gets: saved (the default); an unknown id, not found; a made-up
   * page cursor gets past the length check, and storage then says it never gave it.
   */
  atLimit?: 'ok' | 'NOT_FOUND' | 'unknown cursor' | 'not a site';
}

describe('input length limits, through the real resolvers', () => {
  let server: TestServer;
  let forge: LocalForge;
  let integrationId: string;
  const product: ProductRequest[] = [];
  const outbound: string[] = [];
  const T = TEXT_LIMITS;

  const url = (n: number) => `${server.url}/${chars(n - server.url.length - 1)}`;
  const github = (extra: object = {}) => ({
    config: { kind: 'github-token', name: 'CI bot', baseUrl: server.url, ...extra },
    secret: GITHUB_TOKEN,
  });
  const http = (extra: object) => ({
    config: { kind: 'http', name: 'Health', url: `${server.url}/health`, ...extra },
    secret: GITHUB_TOKEN,
  });
  const jiraIssue = (extra: object) => ({
    config: {
      type: 'jira-issue',
      name: 'Ops issues',
      enabled: true,
      role: 'primary',
      digest: false,
      projectKey: 'OPS',
      issueType: 'Task',
      assignOwner: false,
      ...extra,
    },
  });
  const jiraEmail = (extra: object) => ({ config: { ...MAIL_CHANNEL, ...extra } });
  const slack = (extra: object = {}) => ({
    config: { type: 'slack', name: 'Ops Slack', enabled: true, role: 'primary', digest: false },
    secret: `${SLACK_HOOK}x`,
    ...extra,
  });
  const policy = (maintenance: unknown[]) => ({
    reminderHours: 12,
    escalateAfterHours: null,
    maintenance,
    digestHour: 7,
    digestTimeZone: 'UTC',
  });
  const weekly = (extra: object) => ({
    kind: 'weekly',
    days: [6],
    from: '22:00',
    to: '23:00',
    ...extra,
  });
  const soon = () => new Date(Date.now() + DAY_MS);
  const once = (extra: object) => ({
    kind: 'once',
    start: soon().toISOString(),
    end: new Date(soon().getTime() + 3_600_000).toISOString(),
    ...extra,
  });
  const inventorySource = (extra: object) => ({
    orgId: ORG,
    apiKey: ADMIN_KEY,
    maxLifetimeDays: null,
    unusedDays: null,
    ...extra,
  });

  /** Every string field the page or the CLI can send, by resolver. */
  const cases = (): LimitCase[] => [
    // An integration's config, one field of each kind of input.
    ...(['createIntegration', 'updateIntegration', 'testIntegration'] as const).map(
      (key): LimitCase => ({
        what: `${key}: name`,
        key,
        field: 'config.name',
        limit: T.name,
        payload: (v) => ({ id: integrationId, ...github({ name: v }) }),
      }),
    ),
    {
      what: 'a base URL',
      key: 'createIntegration',
      field: 'config.baseUrl',
      limit: T.baseUrl,
      payload: (v) => github({ baseUrl: v }),
      fill: url,
    },
    {
      what: 'an account email',
      key: 'createIntegration',
      field: 'config.username',
      limit: T.username,
      payload: (v) => ({
        config: { kind: 'atlassian-api-token', baseUrl: server.url, username: v },
        secret: 'ATATT3xFfGF0-limits-token',
      }),
      fill: (n) => `${chars(n - 9)}@acme.com`,
    },
    {
      what: 'an organisation id',
      key: 'createIntegration',
      field: 'config.orgId',
      limit: T.orgId,
      payload: (v) => ({
        config: { kind: 'atlassian-admin-api-key', baseUrl: server.url, orgId: v },
        secret: ADMIN_KEY,
      }),
    },
    {
      what: 'a cloud id',
      key: 'createIntegration',
      field: 'config.cloudId',
      limit: T.cloudId,
      payload: (v) => ({
        config: {
          kind: 'atlassian-api-token',
          baseUrl: server.url,
          username: 'bot@acme.com',
          cloudId: v,
        },
        secret: 'ATATT3xFfGF0-limits-token',
      }),
    },
    ...(
      [
        ['tokenUrl', T.tokenUrl, url],
        ['consentedAt', T.consentedAt, (n: number) => isoOf(new Date(), n)],
      ] as const
    ).map(([name, limit, fill]): LimitCase => ({
      what: `an OAuth grant's ${name}`,
      key: 'createIntegration',
      field: `config.${name}`,
      limit,
      payload: (v) => ({
        config: {
          kind: 'atlassian-oauth2',
          tokenUrl: `${server.url}/oauth/token`,
          baseUrl: server.url,
          [name]: v,
        },
        secret: '{"accessToken":"at-limits-1"}',
      }),
      fill,
    })),
    {
      what: 'a Data Center token id',
      key: 'createIntegration',
      field: 'config.tokenId',
      limit: T.tokenId,
      payload: (v) => ({
        config: { kind: 'datacenter-pat', baseUrl: server.url, tokenId: v },
        secret: GITHUB_TOKEN,
      }),
    },
    {
      what: "a service account's scopes",
      key: 'createIntegration',
      field: 'config.scopes',
      limit: T.scopes,
      payload: (v) => ({
        config: {
          kind: 'atlassian-service-account',
          baseUrl: server.url,
          tokenUrl: `${server.url}/oauth/token`,
          cloudId: 'c0ffee00-5a5a-4b4b-8c8c-000000000001',
          expiresAt: new Date(Date.now() + 90 * DAY_MS).toISOString(),
          scopes: v,
        },
        secret: '{"clientId":"sa-limits-1","clientSecret":"ATOA-limits-secret-1"}',
      }),
    },
    {
      what: 'a GitHub organisation',
      key: 'createIntegration',
      field: 'config.organization',
      limit: T.organization,
      payload: (v) => github({ organization: v }),
    },
    ...(['workspace', 'repository'] as const).map((name) => ({
      what: `a Bitbucket ${name}`,
      key: 'createIntegration' as const,
      field: `config.${name}`,
      limit: T[name],
      payload: (v: string) => ({
        config: {
          kind: 'bitbucket-cloud-api-token',
          baseUrl: server.url,
          workspace: name === 'workspace' ? v : 'acme',
          ...(name === 'repository' ? { repository: v } : {}),
        },
        secret: 'ATCTT3xFfGN0-bitbucket-access-token-for-limits',
      }),
    })),
    ...(
      [
        ['appId', T.appId, (n: number) => '1'.repeat(n)],
        ['installationId', T.installationId, (n: number) => '2'.repeat(n)],
        ['account', T.account, chars],
        // A valid list of exactly n characters: padding in the permission's name.
        ['permissions', T.permissions, (n: number) => `${chars(n - 5, 'p')}:read`],
      ] as const
    ).map(([name, limit, fill]): LimitCase => ({
      what: `a GitHub App's ${name}`,
      key: 'createIntegration',
      field: `config.${name}`,
      limit,
      payload: (v) => ({
        config: {
          kind: 'github-app',
          name: 'Release app',
          appId: '482913',
          baseUrl: server.url,
          [name]: v,
        },
        secret: APP_KEY,
      }),
      fill,
    })),
    {
      what: "a Bitbucket Data Center token's project key",
      key: 'createIntegration',
      field: 'config.projectKey',
      limit: T.bitbucketProject,
      payload: (v) => ({
        config: { kind: 'bitbucket-datacenter-token', baseUrl: server.url, projectKey: v },
        secret: GITHUB_TOKEN,
      }),
      fill: (n) => `P${chars(n - 1)}`,
    },
    {
      what: "a Bitbucket Data Center token's repository slug",
      key: 'createIntegration',
      field: 'config.repoSlug',
      limit: T.repoSlug,
      payload: (v) => ({
        config: {
          kind: 'bitbucket-datacenter-token',
          baseUrl: server.url,
          projectKey: 'OPS',
          repoSlug: v,
        },
        secret: GITHUB_TOKEN,
      }),
    },
    {
      what: 'an expected account id',
      key: 'createIntegration',
      field: 'config.expectedAccountId',
      limit: T.expectedAccountId,
      payload: (v) => github({ expectedAccountId: v }),
    },
    {
      what: 'an expiry date',
      key: 'createIntegration',
      field: 'config.expiresAt',
      limit: T.expiresAt,
      payload: (v) => github({ expiresAt: v }),
      fill: (n) => isoOf(soon(), n),
    },
    {
      what: 'a SAML metadata URL',
      key: 'createIntegration',
      field: 'config.metadataUrl',
      limit: T.metadataUrl,
      payload: (v) => ({ config: { kind: 'saml-idp-certificate', metadataUrl: v } }),
      fill: url,
    },
    {
      what: 'a certificate fingerprint',
      key: 'createIntegration',
      field: 'config.certificateFingerprint',
      limit: T.certificateFingerprint,
      payload: (v) => ({
        config: {
          kind: 'saml-idp-certificate',
          metadataUrl: `${server.url}/metadata`,
          certificateFingerprint: v,
        },
      }),
      // 64 hex digits in colon-separated pairs are the longest valid value; past it, more digits.
      fill: (n) => `${'AB:'.repeat(32).slice(0, 95)}${'C'.repeat(n - 95)}`,
    },
    {
      what: 'a SCIM directory id',
      key: 'createIntegration',
      field: 'config.directoryId',
      limit: T.directoryId,
      payload: (v) => ({
        config: { kind: 'scim-directory-key', baseUrl: server.url, directoryId: v },
        secret: GITHUB_TOKEN,
      }),
    },
    ...(['createIntegration', 'testIntegration'] as const).map((key): LimitCase => ({
      what: `${key}: the URL an HTTP check calls`,
      key,
      field: 'config.url',
      limit: T.url,
      payload: (v) => http({ url: v }),
      fill: url,
    })),
    {
      what: 'a header name',
      key: 'createIntegration',
      field: 'config.headerName',
      limit: T.headerName,
      payload: (v) => http({ auth: 'header', headerName: v }),
    },
    {
      what: 'a JSON pointer the answer must hold',
      key: 'createIntegration',
      field: 'config.expectJsonPointer',
      limit: T.expectJsonPointer,
      payload: (v) => http({ expectJsonPointer: v }),
      fill: (n) => `/${chars(n - 1)}`,
    },
    {
      what: 'an expiry header',
      key: 'createIntegration',
      field: 'config.expiryHeader',
      limit: T.expiryHeader,
      payload: (v) => http({ expiryHeader: v }),
    },
    {
      what: 'a JSON pointer to the expiry',
      key: 'createIntegration',
      field: 'config.expiryJsonPointer',
      limit: T.expiryJsonPointer,
      payload: (v) => http({ expiryJsonPointer: v }),
      fill: (n) => `/${chars(n - 1)}`,
    },
    ...(['createIntegration', 'updateIntegration', 'testIntegration'] as const).map(
      (key): LimitCase => ({
        what: `${key}: the secret`,
        key,
        field: 'secret',
        limit: T.secret,
        payload: (v) => ({ id: integrationId, ...github(), secret: v }),
        fill: (n) => `ghp_${chars(n - 4)}`,
      }),
    ),
    {
      what: 'an owner account id',
      key: 'createIntegration',
      field: 'ownerAccountId',
      limit: T.ownerAccountId,
      payload: (v) => ({ ...github(), ownerAccountId: v }),
    },
    // Ids, of every resolver that takes one.
    ...(
      [
        'getIntegration',
        'updateIntegration',
        'testIntegration',
        'deleteIntegration',
        'checkNow',
        'setPaused',
        'snooze',
        'markRevoked',
      ] as const
    ).map((key): LimitCase => ({
      what: `${key}: the integration id`,
      key,
      field: 'id',
      limit: T.id,
      payload: (v) => ({ ...github(), id: v, paused: true, until: null, revokedAt: null }),
      atLimit: 'NOT_FOUND',
    })),
    {
      what: 'a snooze end',
      key: 'snooze',
      field: 'until',
      limit: T.until,
      payload: (v) => ({ id: integrationId, until: v }),
      fill: (n) => isoOf(soon(), n),
    },
    {
      what: 'a revocation time',
      key: 'markRevoked',
      field: 'revokedAt',
      limit: T.revokedAt,
      payload: (v) => ({ id: integrationId, revokedAt: v }),
      fill: (n) => isoOf(new Date(Date.now() - DAY_MS), n),
    },
    ...(['getAuditLog', 'getDeliveryLog'] as const).map((key): LimitCase => ({
      what: `${key}: the page cursor`,
      key,
      field: 'cursor',
      limit: T.cursor,
      payload: (v) => ({ cursor: v }),
      atLimit: 'unknown cursor',
    })),
    // Channels.
    {
      what: "a channel's name",
      key: 'saveChannel',
      field: 'config.name',
      limit: T.name,
      payload: (v) => {
        const input = slack();
        return { ...input, config: { ...input.config, name: v } };
      },
    },
    {
      what: 'a Jira project key',
      key: 'saveChannel',
      field: 'config.projectKey',
      limit: T.projectKey,
      payload: (v) => jiraIssue({ projectKey: v }),
      fill: (n) => chars(n, 'P'),
    },
    {
      what: 'a Jira issue type',
      key: 'saveChannel',
      field: 'config.issueType',
      limit: T.issueType,
      payload: (v) => jiraIssue({ issueType: v }),
    },
    {
      what: 'a Jira label',
      key: 'saveChannel',
      field: 'config.labels',
      limit: T.label,
      payload: (v) => jiraIssue({ labels: ['token-health', v] }),
    },
    {
      what: 'a Jira group name',
      key: 'saveChannel',
      field: 'config.groupName',
      limit: T.groupName,
      payload: (v) => jiraEmail({ groupName: v }),
    },
    {
      what: 'a Jira group id',
      key: 'saveChannel',
      field: 'config.groupId',
      limit: T.groupId,
      payload: (v) => jiraEmail({ groupId: v }),
    },
    {
      what: 'the site URL whose cloud id is looked up',
      key: 'findCloudId',
      field: 'siteUrl',
      limit: T.siteUrl,
      payload: (v) => ({ siteUrl: v }),
      fill: url,
      atLimit: 'not a site',
    },
    {
      what: "a webhook receiver's URL",
      key: 'saveChannel',
      field: 'config.url',
      limit: T.receiverUrl,
      payload: (v) => ({
        config: {
          type: 'webhook',
          name: 'Receiver',
          enabled: true,
          role: 'primary',
          digest: false,
          url: v,
        },
        secret: 'whsec_ZRwVQVOCGsjMTgAtgiEWd3/NiElDqMMF2ZshLGiBVlw=',
      }),
      fill: url,
    },
    {
      what: "a channel's secret: a Slack webhook URL",
      key: 'saveChannel',
      field: 'secret',
      limit: T.secret,
      payload: (v) => slack({ secret: v }),
      fill: (n) => `${SLACK_HOOK}${chars(n - SLACK_HOOK.length)}`,
    },
    ...(['saveChannel', 'deleteChannel', 'sendTestAlert'] as const).map((key): LimitCase => ({
      what: `${key}: the channel id`,
      key,
      field: 'id',
      limit: T.id,
      payload: (v) => ({ ...slack(), id: v }),
      // Deleting a channel that is not there answers as if it had just been deleted.
      atLimit: key === 'deleteChannel' ? 'ok' : 'NOT_FOUND',
    })),
    // The alert policy's maintenance windows.
    ...(['start', 'end'] as const).map((name): LimitCase => ({
      what: `a one-off window's ${name}`,
      key: 'saveAlertPolicy',
      field: `maintenance.0.${name}`,
      limit: T[name],
      payload: (v) => policy([once({ [name]: v })]),
      fill: (n) => isoOf(new Date(soon().getTime() + (name === 'end' ? 3_600_000 : 0)), n),
    })),
    ...(['from', 'to'] as const).map((name): LimitCase => ({
      what: `a weekly window's ${name}`,
      key: 'saveAlertPolicy',
      field: `maintenance.0.${name}`,
      limit: T[name],
      payload: (v) => policy([weekly({ [name]: v })]),
      // A time with a stray space after it: the limit speaks before the format does.
      fill: (n) => `21:30${' '.repeat(n - 5)}`,
    })),
    {
      what: "a weekly window's time zone",
      key: 'saveAlertPolicy',
      field: 'maintenance.0.timeZone',
      limit: T.timeZone,
      payload: (v) => policy([weekly({ timeZone: v })]),
      // The longest zone name there is; one character more is over the limit.
      fill: (n) => (n === T.timeZone.max ? 'America/Argentina/ComodRivadavia' : 'x'.repeat(n)),
    },
    // The org token inventory.
    {
      what: 'the inventory organisation id',
      key: 'saveInventorySource',
      field: 'orgId',
      limit: T.orgId,
      payload: (v) => inventorySource({ orgId: v }),
    },
    {
      what: 'the Admin API key',
      key: 'saveInventorySource',
      field: 'apiKey',
      limit: T.apiKey,
      payload: (v) => inventorySource({ apiKey: v }),
    },
    ...(['listOrgTokens', 'exportOrgTokensCsv'] as const).map((key): LimitCase => ({
      what: `${key}: the owner filter`,
      key,
      field: 'owner',
      limit: T.ownerFilter,
      payload: (v) => ({ owner: v }),
    })),
  ];

  async function call(key: ResolverKey, payload: unknown): Promise<Envelope<unknown>> {
    const answer = await forge.invokeResolver(
      'resolver',
      { call: { functionKey: key, payload } },
      { accountId: ADMIN },
    );
    return answer as Envelope<unknown>;
  }

  /** What a refused call must leave: storage, queues and the network untouched. */
  function traces() {
    return {
      kvs: forge.kvs.dump(),
      queued: forge.queues.pending().length,
      outbound: outbound.length,
      product: product.filter((r) => !r.path.startsWith('/rest/api/3/mypermissions')).length,
      server: server.requests.length,
    };
  }

  beforeAll(async () => {
    server = await answering(200, { login: 'ci-bot', id: 1 });
    forge = await LocalForge.start({
      appDir: APP_DIR,
      loadHandlers: () => app,
      extraEgress: [server.url],
      product: jiraDouble(product),
      outboundFetch: (input, init) => {
        const target = String(input instanceof Request ? input.url : input);
        outbound.push(target);
        // Tests reach this machine only.
        if (!target.startsWith(`${server.url}/`))
          return Promise.resolve(new Response(null, { status: 503 }));
        return platform().nativeFetch(input, init);
      },
    });
    const created = await call('createIntegration', github());
    if (!created.ok) throw new Error('could not set up the test');
    integrationId = (created.data as { id: string }).id;
  });
  afterAll(async () => {
    await forge.stop();
    await server.close();
  });

  it('tries every limit of the table through some resolver', () => {
    const tried = new Set<Limit>([...cases(), ...listCases()].map((c) => c.limit));
    const limits: Record<string, Limit> = { ...TEXT_LIMITS, ...LIST_LIMITS };
    expect(Object.keys(limits).filter((name) => !tried.has(limits[name]!))).toEqual([]);
  });

  it('tries every free-text field of an integration config', () => {
    const shape: Record<string, z.ZodType> = integrationConfigSchema.shape;
    const tried = new Set(cases().map((c) => c.field));
    const untried = Object.keys(shape).filter(
      (name) => isText(shape[name]!) && !tried.has(`config.${name}`),
    );
    expect(untried).toEqual([]);
  });

  it('refuses a value one character over the limit with a plain field error, storing and sending nothing', async () => {
    for (const c of cases()) {
      const value = (c.fill ?? chars)(c.limit.max + 1);
      expect({ what: c.what, length: value.length }).toEqual({
        what: c.what,
        length: c.limit.max + 1,
      });
      const before = traces();
      const answer = await call(c.key, c.payload(value));
      expect({ what: c.what, answer }).toEqual({
        what: c.what,
        answer: {
          ok: false,
          error: {
            code: 'BAD_INPUT',
            message: 'Some fields need fixing.',
            fields: { [c.field]: `${c.limit.label}: at most ${c.limit.max} characters` },
          },
        },
      });
      expect({ what: c.what, traces: traces() }).toEqual({ what: c.what, traces: before });
    }
  });

  it('refuses a megabyte as quickly and plainly as one character too many', async () => {
    const before = traces();
    const answer = await call('createIntegration', github({ name: chars(1_000_000) }));
    expect(answer).toMatchObject({
      ok: false,
      error: { fields: { 'config.name': 'Name: at most 120 characters' } },
    });
    expect(traces()).toEqual(before);
  });

  it('accepts a value exactly at the limit', async () => {
    for (const c of cases()) {
      const value = (c.fill ?? chars)(c.limit.max);
      expect({ what: c.what, length: value.length }).toEqual({
        what: c.what,
        length: c.limit.max,
      });
      const answer = await call(c.key, c.payload(value));
      const got = answer.ok ? 'ok' : answer.error;
      const expected = {
        ok: 'ok',
        NOT_FOUND: { code: 'NOT_FOUND', message: expect.any(String) },
        'unknown cursor': {
          code: 'BAD_INPUT',
          message: 'Some fields need fixing.',
          fields: { cursor: 'Page cursor: not one this log gave; start from the first page' },
        },
        // Long enough to be taken, then asked: the test server is not an Atlassian site.
        'not a site': {
          code: 'BAD_INPUT',
          message: expect.any(String),
          fields: { siteUrl: expect.not.stringContaining('at most') },
        },
      }[c.atLimit ?? 'ok'];
      expect({ what: c.what, got }).toEqual({ what: c.what, got: expected });
    }
  });

  interface ListCase {
    what: string;
    key: ResolverKey;
    field: string;
    limit: Limit & { items: string };
    /** A payload valid in every way but this list, which holds n items. */
    payload: (n: number) => unknown;
  }

  const days = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
  const listCases = (): ListCase[] => [
    {
      what: "an integration's warning thresholds",
      key: 'createIntegration',
      field: 'config.warnDays',
      limit: LIST_LIMITS.warnDays,
      payload: (n) => github({ warnDays: days(n) }),
    },
    {
      what: 'the default warning thresholds',
      key: 'saveSettings',
      field: 'warnDays',
      limit: LIST_LIMITS.warnDays,
      payload: (n) => ({ warnDays: days(n), defaultInterval: '1h' }),
    },
    {
      what: "a Jira issue channel's labels",
      key: 'saveChannel',
      field: 'config.labels',
      limit: LIST_LIMITS.labels,
      payload: (n) => jiraIssue({ labels: days(n).map((d) => `label-${d}`) }),
    },
    {
      what: 'maintenance windows',
      key: 'saveAlertPolicy',
      field: 'maintenance',
      limit: LIST_LIMITS.maintenance,
      payload: (n) => policy(days(n).map(() => weekly({}))),
    },
    {
      what: "a weekly window's days",
      key: 'saveAlertPolicy',
      field: 'maintenance.0.days',
      limit: LIST_LIMITS.days,
      payload: (n) => policy([weekly({ days: days(n).map((d) => (d > 7 ? 0 : d - 1)) })]),
    },
    {
      what: 'the token flags to filter by',
      key: 'listOrgTokens',
      field: 'flags',
      limit: LIST_LIMITS.flags,
      payload: (n) => ({ flags: days(n).map((d) => TOKEN_FLAGS[(d - 1) % TOKEN_FLAGS.length]) }),
    },
  ];

  it('refuses a list one item over its limit in plain words, storing and sending nothing', async () => {
    for (const c of listCases()) {
      const before = traces();
      const answer = await call(c.key, c.payload(c.limit.max + 1));
      const message = `${c.limit.label}: at most ${c.limit.max} ${c.limit.items}`;
      expect({ what: c.what, answer }).toEqual({
        what: c.what,
        answer: {
          ok: false,
          error: {
            code: 'BAD_INPUT',
            message: 'Some fields need fixing.',
            fields: { [c.field]: message },
          },
        },
      });
      expect({ what: c.what, traces: traces() }).toEqual({ what: c.what, traces: before });
    }
  });

  it('accepts a list of exactly its limit', async () => {
    for (const c of listCases()) {
      const answer = await call(c.key, c.payload(c.limit.max));
      expect({ what: c.what, got: answer.ok ? 'ok' : answer.error }).toEqual({
        what: c.what,
        got: 'ok',
      });
    }
  });
});
