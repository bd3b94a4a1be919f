import { LocalForge } from '../../local/forge-runtime';
import { data, jiraDouble, startAdminApp } from '../resolvers/support';
import { APP_DIR, appHandlers, record, seed, statusOf, sweep } from '../support/app';
import { fakeDateOnly } from '../support/clock';
import { json, type Reply } from './support';
import { draw, MintedServices, TOKEN_PATH, vendable, type MintedKind } from './minted-support';

const KINDS: MintedKind[] = ['github-app', 'atlassian-service-account', 'datacenter-oauth2-client'];
const MINUTE = 60_000;

let services: MintedServices;
beforeAll(async () => {
  services = await MintedServices.start();
});
afterAll(async () => services.close());

/**
 * Tokens the app mints rather than refreshes, drawn through the token-vending web trigger on the
 * local runtime: GitHub App installation tokens, Atlassian service-account and Data Center
 * client-credential tokens, each from its service double.
 */
describe.each(KINDS)('drawing %s tokens', (kind) => {
  let forge: LocalForge;
  beforeAll(async () => {
    forge = await startAdminApp(services.servers());
  });
  afterAll(async () => forge.stop());
  afterEach(() => {
    jest.useRealTimers();
    forge.kvs.clearFaults();
  });

  it('hands fifty consumers drawing at once one token, from one mint', async () => {
    const { id, key } = await vendable(forge, services, kind);
    const before = services.mints(kind);
    const replies = await Promise.all(Array.from({ length: 50 }, () => draw(forge, key, id)));
    expect(replies.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(services.mints(kind) - before).toBe(1);
    const tokens = new Set(replies.map((r) => json(r).access_token));
    expect(tokens.size).toBe(1);
    const [token] = [...tokens];
    expect(await services.works(kind, token!)).toBe(true);
    const body = json(replies[0]!);
    expect(body).toEqual({
      access_token: token,
      token_type: 'Bearer',
      expires_at: expect.any(String),
      integration: id,
    });
    expect(Date.parse(body.expires_at!) - Date.now()).toBeGreaterThan(55 * MINUTE);
    expect(replies[0]!.headers['cache-control']).toBe('no-store');
  });

  it('hands out the same token inside its window and mints the next five minutes before its end', async () => {
    fakeDateOnly(Date.now());
    const { id, key } = await vendable(forge, services, kind);
    const first = json(await draw(forge, key, id));
    const before = services.mints(kind);
    jest.setSystemTime(Date.parse(first.expires_at!) - 6 * MINUTE);
    const inside = json(await draw(forge, key, id));
    expect(inside.access_token).toBe(first.access_token);
    expect(services.mints(kind)).toBe(before);
    jest.setSystemTime(Date.parse(first.expires_at!) - 4 * MINUTE);
    const next = json(await draw(forge, key, id));
    expect(next.access_token).not.toBe(first.access_token);
    expect(services.mints(kind)).toBe(before + 1);
    expect(Date.parse(next.expires_at!) - Date.now()).toBeGreaterThan(55 * MINUTE);
    expect(await services.works(kind, next.access_token!)).toBe(true);
  });

  it.each([429, 500])(
    'hands out nothing when storage answers %i to the save, and the next draw works',
    async (status) => {
      const { id, key } = await vendable(forge, services, kind);
      const before = services.mints(kind);
      // Every attempt of the save's retries fails.
      forge.kvs.failNext(4, { status, op: 'secret/set' });
      const refused = await draw(forge, key, id);
      expect(refused.status).toBe(409);
      expect(json(refused)).toEqual({
        error: 'grant_unavailable',
        message: expect.stringMatching(/storage failed to keep the newly minted token/),
      });
      expect(services.mints(kind)).toBe(before + 1);
      expect(forge.kvs.getSecret(`minted-token:${id}`)).toBeUndefined();
      if (kind === 'github-app') {
        // The token it could not keep is revoked, not left alive for an hour.
        expect(services.github.revoked).toContain(services.github.minted.at(-1));
      }
      const next = await draw(forge, key, id);
      expect(next.status).toBe(200);
      expect(await services.works(kind, json(next).access_token!)).toBe(true);
    },
  );

  it('never shows the private key or client secret in an answer, the audit log or a console line', async () => {
    const lines: unknown[] = [];
    const spies = (['log', 'info', 'warn', 'error'] as const).map((level) =>
      jest.spyOn(console, level).mockImplementation((...args) => void lines.push(args)),
    );
    const replies: Reply[] = [];
    try {
      const { id, key, hidden } = await vendable(forge, services, kind);
      forge.kvs.failNext(4, { status: 500, op: 'secret/set' });
      replies.push(await draw(forge, key, id));
      replies.push(await draw(forge, key, id));
      const { entries } = await data(forge, 'getAuditLog', {});
      const seen = JSON.stringify([replies, entries, lines]);
      for (const secret of hidden) expect(seen).not.toContain(secret);
      expect(replies.map((r) => r.status)).toEqual([409, 200]);
    } finally {
      spies.forEach((spy) => spy.mockRestore());
    }
  });

  it('forgets the minted token when the integration is deleted', async () => {
    const { id, key } = await vendable(forge, services, kind);
    expect((await draw(forge, key, id)).status).toBe(200);
    expect(forge.kvs.getSecret(`minted-token:${id}`)).toBeDefined();
    await data(forge, 'deleteIntegration', { id });
    expect(forge.kvs.getSecret(`minted-token:${id}`)).toBeUndefined();
  });
});

describe('a GitHub App whose installation token is vended', () => {
  let forge: LocalForge;
  beforeAll(async () => {
    forge = await startAdminApp(services.servers());
  });
  afterAll(async () => forge.stop());

  it('keeps working through the sweep, whose check revokes only the token it minted itself', async () => {
    const { id, key } = await vendable(forge, services, 'github-app');
    const first = await draw(forge, key, id);
    expect(first.status).toBe(200);
    const vended = json(first).access_token!;
    const before = services.github.minted.length;
    await sweep(forge);
    expect((await statusOf(forge, id))?.last?.verdict).toBe('healthy');
    const checkToken = services.github.minted.at(-1);
    expect(services.github.minted.length).toBe(before + 1);
    expect(services.github.revoked).toContain(checkToken);
    expect(services.github.revoked).not.toContain(vended);
    expect(json(await draw(forge, key, id)).access_token).toBe(vended);
  });
});

describe('a service account whose secret the admin replaced', () => {
  let forge: LocalForge;
  beforeAll(async () => {
    forge = await startAdminApp(services.servers());
  });
  afterAll(async () => forge.stop());

  it('is not served the token minted with the old secret', async () => {
    const kind = 'atlassian-service-account';
    const { id, key } = await vendable(forge, services, kind);
    const old = json(await draw(forge, key, id)).access_token!;
    const fresh = services.credential(kind);
    await seed(forge, [
      { record: record(id, { ...fresh.config, name: 'replaced' }), secret: fresh.secret },
    ]);
    const drawn = json(await draw(forge, key, id)).access_token!;
    expect(drawn).not.toBe(old);
    expect(await services.works(kind, drawn)).toBe(true);
  });
});

describe('a kind whose tokens are neither kept nor minted', () => {
  let forge: LocalForge;
  beforeAll(async () => {
    forge = await startAdminApp(services.servers());
  });
  afterAll(async () => forge.stop());

  it('answers 409 naming the kinds that can be drawn from', async () => {
    const id = 'personal-token';
    const config = {
      kind: 'github-token' as const,
      name: 'CI bot',
      baseUrl: services.githubServer.url,
    };
    await seed(forge, [{ record: record(id, config), secret: 'ghp_notvended' }]);
    const made = await data(forge, 'createConsumerKey', {
      integrationId: id,
      name: 'CI',
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const refused = await draw(forge, made.secret, id);
    expect(refused.status).toBe(409);
    expect(json(refused).message).toBe(
      'this integration does not keep a grant for the app to hand out: only an Atlassian OAuth 2.0 (3LO) integration in mode "keep", a GitHub App, an Atlassian service account or a Data Center OAuth 2.0 client can be drawn from',
    );
  });
});

/** A fifth of Forge's time limits: the draw gives the token endpoint about two seconds. */
describe.each(KINDS)('drawing %s tokens from a token endpoint that times out', (kind) => {
  let forge: LocalForge;
  beforeAll(async () => {
    forge = await LocalForge.start({
      appDir: APP_DIR,
      loadHandlers: appHandlers(),
      extraEgress: services.servers().map((s) => s.url),
      product: jiraDouble(),
      timeScale: 0.2,
    });
  });
  afterAll(async () => forge.stop());

  it('answers 409 with nothing handed out, and the next draw works', async () => {
    const { id, key } = await vendable(forge, services, kind);
    services.relays[kind].hang(1, TOKEN_PATH[kind]);
    const refused = await draw(forge, key, id);
    expect(refused.status).toBe(409);
    expect(refused.body).not.toContain('access_token');
    expect(json(refused).message).toMatch(
      /^the service did not answer the request for a token \(no answer within \d+ s\), so none was handed out/,
    );
    expect(forge.kvs.getSecret(`minted-token:${id}`)).toBeUndefined();
    const next = await draw(forge, key, id);
    expect(next.status).toBe(200);
    expect(await services.works(kind, json(next).access_token!)).toBe(true);
  });
});
