// First: the local platform must be installed before the app's code loads @forge/api.
import { call, startAdminApp } from './support';
import type { LocalForge } from '../../local/forge-runtime';

const HIDDEN = 'sk_live_hiddenInTheQuery0001';
const SECRET = 'ghp_urlCredentialsTest0000000000001';
const SIGNING_KEY = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;

/** A URL is logged, shown on the page and written to the audit; a secret is not. */
describe('a credential in a URL query is refused at input', () => {
  let forge: LocalForge;

  beforeAll(async () => {
    forge = await startAdminApp([{ url: 'http://127.0.0.1:9' }]);
  });
  afterAll(() => forge.stop());

  it.each([
    ['http', 'url', { kind: 'http', url: `https://api.example.com/v1/me?api_key=${HIDDEN}` }],
    ['http', 'url', { kind: 'http', url: `https://fn.example.net/api/ping?code=${HIDDEN}` }],
    [
      'github-token',
      'baseUrl',
      { kind: 'github-token', baseUrl: `https://ghe.example/api/v3?token=${HIDDEN}` },
    ],
    [
      'atlassian-oauth2',
      'tokenUrl',
      {
        kind: 'atlassian-oauth2',
        mode: 'observe',
        tokenUrl: `https://auth.example/token?client_secret=${HIDDEN}`,
      },
    ],
    [
      'gitlab-token',
      'baseUrl',
      { kind: 'gitlab-token', baseUrl: `https://gl.example?Sig=${HIDDEN}` },
    ],
  ])(
    '%s: ?… on %s gets field errors on the URL and the secret, and nothing is stored',
    async (_kind, field, config) => {
      const before = forge.kvs.dump();
      const answer = await call(forge, 'createIntegration', {
        config: { name: 'x', ...config },
        secret: SECRET,
      });
      expect(answer).toEqual({
        ok: false,
        error: expect.objectContaining({
          code: 'BAD_INPUT',
          fields: expect.objectContaining({
            [`config.${field}`]: expect.stringMatching(/credential in its query.*secret field/),
            secret: expect.stringContaining(`not in the query of ${field}`),
          }),
        }),
      });
      expect(JSON.stringify(answer)).not.toContain(HIDDEN);
      expect(forge.kvs.dump()).toEqual(before);
    },
  );

  it('accepts a query that carries no credential', async () => {
    const answer = await call(forge, 'testIntegration', {
      config: { kind: 'http', url: 'http://127.0.0.1:9/health?verbose=1' },
      secret: SECRET,
    });
    expect(answer.ok).toBe(true);
  });

  it('refuses a webhook receiver URL with a token in its query', async () => {
    const before = forge.kvs.dump();
    const answer = await call(forge, 'saveChannel', {
      config: {
        type: 'webhook',
        name: 'Receiver',
        enabled: true,
        role: 'primary',
        digest: false,
        url: `http://127.0.0.1:9/hook?token=${HIDDEN}`,
      },
      secret: SIGNING_KEY,
    });
    expect(answer).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'BAD_INPUT',
        fields: expect.objectContaining({
          'config.url': expect.stringMatching(/credential in its query/),
        }),
      }),
    });
    expect(JSON.stringify(answer)).not.toContain(HIDDEN);
    expect(forge.kvs.dump()).toEqual(before);
  });
});

/** Issue #23 §5: names the old exact list let through into plain storage. */
const LET_THROUGH = [
  'private_token',
  'auth_token',
  'refresh_token',
  'api_token',
  'apiToken',
  'hapikey',
  'x-api-key',
  'client_assertion',
  'session_token',
];

describe('every credential name, not an exact list, is refused in every URL the app stores', () => {
  let forge: LocalForge;

  beforeAll(async () => {
    forge = await startAdminApp([{ url: 'http://127.0.0.1:9' }]);
  });
  afterAll(() => forge.stop());

  it.each(LET_THROUGH)('an integration URL with ?%s=… is refused, naming it', async (name) => {
    const before = forge.kvs.dump();
    const answer = await call(forge, 'createIntegration', {
      config: { kind: 'http', name: 'x', url: `https://api.example.com/v1/me?${name}=${HIDDEN}` },
      secret: SECRET,
    });
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', fields: { 'config.url': expect.stringContaining(`?${name}=…`) } },
    });
    expect(JSON.stringify(answer)).not.toContain(HIDDEN);
    expect(forge.kvs.dump()).toEqual(before);
  });

  it.each(LET_THROUGH)('a webhook receiver URL with ?%s=… is refused, naming it', async (name) => {
    const before = forge.kvs.dump();
    const answer = await call(forge, 'saveChannel', {
      config: {
        type: 'webhook',
        name: 'Receiver',
        enabled: true,
        role: 'primary',
        digest: false,
        url: `http://127.0.0.1:9/hook?${name}=${HIDDEN}`,
      },
      secret: SIGNING_KEY,
    });
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', fields: { 'config.url': expect.stringContaining(`?${name}=…`) } },
    });
    expect(JSON.stringify(answer)).not.toContain(HIDDEN);
    expect(forge.kvs.dump()).toEqual(before);
  });
});
