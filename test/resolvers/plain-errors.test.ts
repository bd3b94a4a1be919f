// First: the local platform must be installed before the app's code loads @forge/api.
import { jiraDouble } from './support';
import { LocalForge } from '../../local/forge-runtime';
import { platform } from '../../local/forge-runtime/platform';
import * as app from '../../src/index';
import type { Envelope, ResolverError, ResolverKey } from '../../src/resolvers/contract';
import { handlers } from '../../src/resolvers/handlers';
import { APP_DIR } from '../support/app';
import { answering, type TestServer } from '../support/server';
import { ZOD_DEFAULT } from '../support/zod-default';

const GITHUB_TOKEN = 'ghp_plainErrorsTestToken0000000000001';
const HOUR_MS = 3_600_000;

/** Values of every type, and of none, for a field that expects something else. */
const HOSTILE: unknown[] = [
  null,
  42,
  -1,
  1.5,
  true,
  '',
  ' ',
  'x',
  'x'.repeat(100_000),
  [],
  [1, 'a', null],
  {},
  { a: 1 },
];
const MISSING = Symbol('missing');

type Json = Record<string, unknown>;

/** The payload with the value at `path` replaced (or removed, for MISSING). */
function withValue(payload: Json, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(payload) as Json;
  let parent: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === MISSING) Reflect.deleteProperty(parent, last);
  else parent[last] = value;
  return copy;
}

/** Every path into the payload, down to its leaves. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Object.entries(value).map(([k, v]) => [Array.isArray(value) ? Number(k) : k, v]);
  const below = entries.flatMap(([k, v]) => pathsOf(v, [...prefix, k as string | number]));
  return prefix.length > 0 ? [prefix, ...below] : below;
}

describe('no answer speaks in zod’s words', () => {
  let server: TestServer;
  let forge: LocalForge;
  let id: string;

  const soon = () => new Date(Date.now() + 24 * HOUR_MS).toISOString();
  const common = { enabled: true, role: 'primary', digest: false };

  /** A valid payload of each resolver, with every field a form can send. */
  const payloads = (): [ResolverKey, Json][] => [
    ['getOverview', {}],
    ['getIntegration', { id }],
    ...(['createIntegration', 'updateIntegration', 'testIntegration'] as const).flatMap(
      (key): [ResolverKey, Json][] => [
        [
          key,
          {
            id,
            config: {
              kind: 'http',
              name: 'Health',
              url: `${server.url}/health`,
              method: 'GET',
              auth: 'header',
              headerName: 'X-Api-Key',
              expectStatus: 200,
              expectJsonPointer: '/ok',
              expiryHeader: 'X-Expires',
              expiryJsonPointer: '/expires',
              expiryFromJwt: false,
              expiresAt: soon(),
              warnDays: [30, 7],
              expectedAccountId: 'acc-1',
            },
            secret: GITHUB_TOKEN,
            interval: '1h',
            ownerAccountId: 'acc-owner',
          },
        ],
        [
          key,
          {
            id,
            config: {
              kind: 'atlassian-oauth2',
              mode: 'observe',
              cloudId: 'cloud-1',
              tokenUrl: `${server.url}/oauth/token`,
              baseUrl: server.url,
              consentedAt: new Date().toISOString(),
              product: 'jira',
              orgId: 'org-1',
              tokenId: 'token-1',
              username: 'bot@acme.com',
            },
            secret: '{"accessToken":"at-plain-1"}',
          },
        ],
      ],
    ),
    ...(['deleteIntegration', 'checkNow'] as const).map((k): [ResolverKey, Json] => [k, { id }]),
    ['setPaused', { id, paused: true }],
    ['snooze', { id, until: soon() }],
    ['markRevoked', { id, revokedAt: new Date().toISOString() }],
    ['getSettings', {}],
    ['saveSettings', { warnDays: [30, 7], defaultInterval: '1h' }],
    ['getAuditLog', { cursor: 'c' }],
    ['getHeartbeat', {}],
    [
      'saveHeartbeat',
      {
        method: 'POST',
        includeNames: true,
        successUrl: `${server.url}/5bf66975-d4c7-4bf5-bcc8-b8d8a82ea278`,
        remove: ['failure'],
      },
    ],
    ['testHeartbeat', { which: 'success' }],
    ['listChannels', {}],
    [
      'saveChannel',
      {
        id: 'channel-1',
        config: {
          ...common,
          type: 'jira-issue',
          name: 'Ops',
          projectKey: 'OPS',
          issueType: 'Task',
          labels: ['a'],
          assignOwner: false,
        },
      },
    ],
    [
      'saveChannel',
      {
        config: {
          ...common,
          type: 'jira-email',
          name: 'Mail',
          notifyOwner: true,
          groupName: 'admins',
          groupId: 'g-1',
        },
      },
    ],
    [
      'saveChannel',
      {
        config: { ...common, type: 'webhook', name: 'Hook', url: `${server.url}/hook` },
        secret: 'whsec_ZRwVQVOCGsjMTgAtgiEWd3/NiElDqMMF2ZshLGiBVlw=',
      },
    ],
    ...(['deleteChannel', 'sendTestAlert'] as const).map((k): [ResolverKey, Json] => [
      k,
      { id: 'channel-1' },
    ]),
    ['getAlertPolicy', {}],
    [
      'saveAlertPolicy',
      {
        reminderHours: 12,
        escalateAfterHours: 48,
        maintenance: [
          { kind: 'once', start: soon(), end: new Date(Date.now() + 25 * HOUR_MS).toISOString() },
          { kind: 'weekly', days: [0, 6], from: '22:00', to: '02:00' },
        ],
        digestHour: 7,
        digestTimeZone: 'UTC',
      },
    ],
    ['getDeliveryLog', { cursor: 'c' }],
    ['getInventory', {}],
    [
      'saveInventorySource',
      {
        orgId: 'org-1',
        apiKey: 'ATCTT3xFfGN0-plain-admin-key-0001',
        maxLifetimeDays: 365,
        unusedDays: 90,
      },
    ],
    ['deleteInventorySource', {}],
    ['syncInventoryNow', {}],
    ['listOrgTokens', { flags: ['expired'], owner: 'grace', kind: 'api-token', offset: 0 }],
    ['exportOrgTokensCsv', { flags: ['expired'], owner: 'grace', kind: 'api-key' }],
    // The test server, not a real site: tests reach only 127.0.0.1.
    ['findCloudId', { siteUrl: server.url }],
    ['getChanges', {}],
    ['listConsumerKeys', { integrationId: 'ci-bot' }],
    ['createConsumerKey', { integrationId: 'ci-bot', name: 'CI', expiresAt: '2099-01-01' }],
    ['rotateConsumerKey', { integrationId: 'ci-bot', id: 'k1', overlapHours: 1 }],
    ['revokeConsumerKey', { integrationId: 'ci-bot', id: 'k1' }],
  ];

  /** Each payload with one field missing or of the wrong kind, and whole payloads that are not. */
  function* hostilePayloads(): Generator<[ResolverKey, unknown]> {
    for (const [key, payload] of payloads()) {
      for (const whole of HOSTILE) yield [key, whole];
      for (const path of pathsOf(payload)) {
        for (const value of [MISSING, ...HOSTILE]) yield [key, withValue(payload, path, value)];
        yield [key, withValue(payload, path.slice(0, -1).concat('unknownField'), 1)];
      }
    }
  }

  async function call(key: ResolverKey, payload: unknown): Promise<Envelope<unknown>> {
    const answer = await forge.invokeResolver(
      'resolver',
      { call: { functionKey: key, payload } },
      { accountId: 'acc-admin' },
    );
    return answer as Envelope<unknown>;
  }

  beforeAll(async () => {
    server = await answering(200, { login: 'ci-bot', id: 1, ok: true });
    forge = await LocalForge.start({
      appDir: APP_DIR,
      loadHandlers: () => app,
      extraEgress: [server.url],
      product: jiraDouble(),
      // Tests reach this machine only: a saved inventory source would otherwise sync for real.
      outboundFetch: (input, init) => {
        const target = String(input instanceof Request ? input.url : input);
        if (!target.startsWith(`${server.url}/`)) {
          return Promise.resolve(new Response(null, { status: 503 }));
        }
        return platform().nativeFetch(input, init);
      },
    });
    const created = await call('createIntegration', {
      config: { kind: 'github-token', name: 'CI bot', baseUrl: server.url },
      secret: GITHUB_TOKEN,
    });
    if (!created.ok) throw new Error('could not set up the test');
    id = (created.data as { id: string }).id;
  });
  afterAll(async () => {
    await forge.stop();
    await server.close();
  });

  it('has a payload for every resolver', () => {
    const covered = new Set(payloads().map(([key]) => key));
    expect(Object.keys(handlers).filter((k) => !covered.has(k as ResolverKey))).toEqual([]);
  });

  it('answers every hostile payload in plain words of its own, never as a failure of ours', async () => {
    const spoken: { key: ResolverKey; error: ResolverError }[] = [];
    for (const [key, payload] of hostilePayloads()) {
      const answer = await call(key, payload);
      if (!answer.ok) spoken.push({ key, error: answer.error });
    }
    expect(spoken.filter(({ error }) => error.code === 'INTERNAL')).toEqual([]);
    const zodWords = spoken.filter(({ error }) =>
      [error.message, ...Object.values(error.fields ?? {})].some((m) => ZOD_DEFAULT.test(m)),
    );
    expect(spoken.length).toBeGreaterThan(1000);
    expect(zodWords).toEqual([]);
  }, 120_000);
});
