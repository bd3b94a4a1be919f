import { HttpClient, type FetchLike, type ProbeResponse } from '../../../src/http/client';
import { MemoryGrantStore, type GrantState } from '../../../src/probes/oauth/grant-store';
import { grantExpiry, keepAccessToken, type KeeperOptions } from '../../../src/probes/oauth/keeper';
import { fingerprint } from '../../../src/probes/oauth/rotation';
import { interpretTokenResponse } from '../../../src/probes/oauth/token-endpoint';
import { Redactor } from '../../../src/http/redact';
import { startOidcProvider, storedGrant, type OidcProvider } from '../../support/oidc/provider';
import { NOW, daysFromNow } from '../../support/probe';

const SERVICE = 'the token endpoint';

describe('OAuth keeper against a real authorization server (oidc-provider)', () => {
  let oidc: OidcProvider;
  beforeAll(async () => {
    oidc = await startOidcProvider();
  });
  afterAll(async () => oidc.close());
  beforeEach(async () => {
    await oidc.stats({ reset: true });
  });

  function options(
    store: MemoryGrantStore,
    refreshToken: string,
    extra: Partial<KeeperOptions> = {},
  ) {
    const http = new HttpClient({
      fetch: globalThis.fetch as unknown as FetchLike,
      redactor: new Redactor([refreshToken, oidc.client.secret]),
      requestTimeoutMs: 1500,
    });
    const grant = { clientId: oidc.client.id, clientSecret: oidc.client.secret, refreshToken };
    return { http, store, tokenUrl: oidc.tokenUrl, grant, now: NOW, service: SERVICE, ...extra };
  }

  it('refreshes a grant with no access token yet and saves the rotated refresh token', async () => {
    const first = await oidc.mintRefreshToken('keeper-rotation');
    const store = new MemoryGrantStore();
    const kept = await keepAccessToken(options(store, first));
    expect(kept.ok).toBe(true);
    const saved = await storedGrant(store);
    expect(saved.refreshToken).not.toBe(first);
    expect(saved.accessToken).toBe(kept.ok && kept.accessToken);
    expect(saved.lastRefreshedAt).toBe(NOW.toISOString());
    expect(saved.accessTokenExpiresAt).toBe(new Date(NOW.getTime() + 3600_000).toISOString());
    expect(saved.seed).toBe(fingerprint(first));
    expect(await oidc.stats()).toEqual({ refreshes: 1, errors: [] });
  });

  it('hands out the stored access token without refreshing while it has more than 5 minutes left', async () => {
    const first = await oidc.mintRefreshToken('keeper-fresh');
    const store = new MemoryGrantStore();
    const opts = options(store, first);
    const a = await keepAccessToken(opts);
    const later = new Date(NOW.getTime() + 50 * 60_000);
    const b = await keepAccessToken({ ...opts, now: later });
    expect(b).toMatchObject({ ok: true, refreshed: false, accessToken: a.ok && a.accessToken });
    expect(opts.http.evidence).toHaveLength(1);
    expect((await oidc.stats()).refreshes).toBe(1);
  });

  it('refreshes again once the stored access token is within 5 minutes of its end', async () => {
    const first = await oidc.mintRefreshToken('keeper-margin');
    const store = new MemoryGrantStore();
    const opts = options(store, first);
    const a = await keepAccessToken(opts);
    const nearEnd = new Date(NOW.getTime() + 56 * 60_000);
    const b = await keepAccessToken({ ...opts, now: nearEnd });
    expect(b).toMatchObject({ ok: true, refreshed: true });
    expect(b.ok && b.accessToken).not.toBe(a.ok && a.accessToken);
    expect(await oidc.stats()).toEqual({ refreshes: 2, errors: [] });
  });

  it('confirms oidc-provider revokes the whole grant when an already-rotated refresh token is reused', async () => {
    const first = await oidc.mintRefreshToken('keeper-reuse');
    const keeperStore = new MemoryGrantStore();
    const kept = await keepAccessToken(options(keeperStore, first));
    expect(kept.ok).toBe(true);
    // Someone else still holds the first refresh token and spends it again.
    const stale = await keepAccessToken(options(new MemoryGrantStore(), first));
    expect(stale.ok).toBe(false);
    expect(!stale.ok && stale.outcome.verdict).toBe('rejected');
    expect(!stale.ok && stale.outcome.message).toMatch(/re-consent/);
    // The reuse revoked the grant: the keeper's own, newer refresh token is dead too.
    const after = await keepAccessToken({
      ...options(keeperStore, first),
      refused: kept.ok ? kept.accessToken : undefined,
    });
    expect(!after.ok && after.outcome.verdict).toBe('rejected');
    expect((await oidc.stats()).errors).toEqual([
      { error: 'invalid_grant', detail: 'refresh token already used' },
      { error: 'invalid_grant', detail: 'refresh token not found' },
    ]);
  });

  it('returns rejected naming the client credentials when the client secret was rotated', async () => {
    const first = await oidc.mintRefreshToken('keeper-client');
    const opts = options(new MemoryGrantStore(), first);
    const kept = await keepAccessToken({
      ...opts,
      grant: { ...opts.grant, clientSecret: 'rotated-away-secret' },
    });
    expect(!kept.ok && kept.outcome.verdict).toBe('rejected');
    expect(!kept.ok && kept.outcome.message).toMatch(/client credentials \(invalid_client/);
  });

  it('starts over from the secret when the admin pastes a new refresh token after re-consent', async () => {
    const old = await oidc.mintRefreshToken('keeper-reseed-old');
    const store = new MemoryGrantStore();
    await keepAccessToken(options(store, old));
    const renewed = await oidc.mintRefreshToken('keeper-reseed-new');
    const kept = await keepAccessToken(options(store, renewed));
    expect(kept).toMatchObject({ ok: true, refreshed: true });
    expect((await storedGrant(store)).seed).toBe(fingerprint(renewed));
    expect((await oidc.stats()).errors).toEqual([]);
  });

  it('keeps using a stored state that has no seed rather than respending the secret', async () => {
    const first = await oidc.mintRefreshToken('keeper-legacy');
    const store = new MemoryGrantStore();
    await keepAccessToken(options(store, first));
    const { refreshToken, consentedAt, lastRefreshedAt } = await storedGrant(store);
    await store.save({ refreshToken, consentedAt, lastRefreshedAt });
    const kept = await keepAccessToken(options(store, first));
    expect(kept).toMatchObject({ ok: true, refreshed: true });
    expect((await oidc.stats()).errors).toEqual([]);
  });

  it('does not hand out a new access token whose rotated refresh token could not be saved', async () => {
    const first = await oidc.mintRefreshToken('keeper-unsaved');
    const store = new MemoryGrantStore();
    const save = store.save.bind(store);
    // The attempt is recorded; the save of its answer fails.
    store.save = async (state) => {
      if (state.inFlight) return save(state);
      throw new Error('storage quota exceeded');
    };
    const kept = await keepAccessToken(options(store, first));
    expect(kept.ok).toBe(false);
    expect(!kept.ok && kept.outcome.verdict).toBe('unexpected-response');
    expect(!kept.ok && kept.outcome.message).toMatch(
      /^grant at risk: .*failed to save the new one/,
    );
    expect((await oidc.stats()).refreshes).toBe(1);
  });

  it('never presents a refresh token again when its answer was lost and the server has no reuse interval', async () => {
    const first = await oidc.mintRefreshToken('keeper-lost');
    const store = new MemoryGrantStore();
    // oidc-provider rotates, then the connection drops before the answer is read.
    const dropping: FetchLike = async (url, init) => {
      const res = await fetch(url, init as RequestInit);
      await res.text();
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } });
    };
    const opts = options(store, first);
    const lostHttp = new HttpClient({ fetch: dropping, redactor: opts.http.redactor });
    const lost = await keepAccessToken({ ...opts, http: lostHttp });
    expect(!lost.ok && lost.outcome.message).toMatch(
      /^grant at risk: .*accepts a refresh token only once/,
    );
    const later = await keepAccessToken({ ...opts, now: new Date(NOW.getTime() + 60_000) });
    expect(!later.ok && later.outcome.message).toMatch(/^grant at risk/);
    expect(opts.http.evidence).toHaveLength(0);
    // One refresh, and no reuse for oidc-provider's reuse detection to punish.
    expect(await oidc.stats()).toEqual({ refreshes: 1, errors: [] });
  });

  it('sends nothing and leaves no mark when the connection is refused before the refresh leaves', async () => {
    const first = await oidc.mintRefreshToken('keeper-refused');
    const store = new MemoryGrantStore();
    const refusing: FetchLike = async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    };
    const opts = options(store, first);
    await expect(
      keepAccessToken({
        ...opts,
        http: new HttpClient({ fetch: refusing, redactor: opts.http.redactor }),
      }),
    ).rejects.toThrow(/refused/);
    expect((await store.load())?.inFlight).toBeUndefined();
    expect(await keepAccessToken(opts)).toMatchObject({ ok: true, refreshed: true });
  });

  it('keeps every token out of its evidence', async () => {
    const first = await oidc.mintRefreshToken('keeper-evidence');
    const store = new MemoryGrantStore();
    const opts = options(store, first);
    await keepAccessToken(opts);
    const saved = await storedGrant(store);
    const text = JSON.stringify(opts.http.evidence);
    expect(text).toContain('[redacted]');
    for (const token of [first, saved.refreshToken, saved.accessToken, oidc.client.secret]) {
      expect(text).not.toContain(token);
    }
  });
});

describe('grantExpiry', () => {
  const state = (extra: Partial<GrantState>): GrantState => ({ refreshToken: 'r', ...extra });

  it('is 365 days after consent when that comes before 90 days of inactivity', () => {
    const expiry = grantExpiry(
      state({ consentedAt: daysFromNow(-360).toISOString(), lastRefreshedAt: NOW.toISOString() }),
    );
    expect(expiry.expiresAt).toEqual(daysFromNow(5));
    expect(expiry.facts.grantLimit).toMatch(/^365 days after consent/);
    expect(expiry.facts.inactivityExpiresAt).toBe(daysFromNow(90).toISOString());
  });

  it('is 90 days after the last refresh when that comes first', () => {
    const expiry = grantExpiry(
      state({
        consentedAt: daysFromNow(-10).toISOString(),
        lastRefreshedAt: daysFromNow(-85).toISOString(),
      }),
    );
    expect(expiry.expiresAt).toEqual(daysFromNow(5));
    expect(expiry.facts.grantLimit).toMatch(/^90 days without a refresh/);
  });

  it('falls back to the configured consent date and says when none is known', () => {
    expect(grantExpiry(state({}), daysFromNow(-1).toISOString()).expiresAt).toEqual(
      daysFromNow(364),
    );
    const unknown = grantExpiry(state({}));
    expect(unknown.expiresAt).toBeNull();
    expect(unknown.facts.consentedAt).toMatch(/unknown/);
  });
});

describe('interpretTokenResponse', () => {
  const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const contentType = typeof body === 'string' ? 'text/html' : 'application/json';
    return {
      url: 'https://auth.atlassian.com/oauth/token',
      status,
      headers: { 'content-type': contentType, ...headers },
      contentType,
      text,
      truncated: false,
      durationMs: 5,
    } satisfies ProbeResponse;
  };

  it("reads Atlassian's 403 invalid_grant as rejected, asking for re-consent", () => {
    const read = interpretTokenResponse(
      answer(403, {
        error: 'invalid_grant',
        error_description: 'Unknown or invalid refresh token.',
      }),
      SERVICE,
      NOW,
    );
    expect(!read.ok && read.outcome.verdict).toBe('rejected');
    expect(!read.ok && read.outcome.message).toMatch(
      /invalid_grant: Unknown or invalid refresh token.*re-consent/,
    );
  });

  it('reads a 503 as unreachable and a 429 as rate-limited with its Retry-After', () => {
    const down = interpretTokenResponse(answer(503, 'Service Unavailable'), SERVICE, NOW);
    expect(!down.ok && down.outcome.verdict).toBe('unreachable');
    const slow = interpretTokenResponse(answer(429, {}, { 'retry-after': '30' }), SERVICE, NOW);
    expect(!slow.ok && slow.outcome).toMatchObject({
      verdict: 'rate-limited',
      retryAfterSeconds: 30,
    });
  });

  it('reads an HTML page as unexpected-response and a 200 without access_token likewise', () => {
    const html = interpretTokenResponse(answer(200, '<html>Log in</html>'), SERVICE, NOW);
    expect(!html.ok && html.outcome.verdict).toBe('unexpected-response');
    const empty = interpretTokenResponse(answer(200, { token_type: 'Bearer' }), SERVICE, NOW);
    expect(!empty.ok && empty.outcome.verdict).toBe('unexpected-response');
  });

  it('keeps the old refresh token when the server does not rotate it', () => {
    const read = interpretTokenResponse(
      answer(200, { access_token: 'at-0001', expires_in: 3600, scope: 'read:me' }),
      SERVICE,
      NOW,
    );
    expect(read.ok && read.tokens).toEqual({
      accessToken: 'at-0001',
      refreshToken: undefined,
      expiresAt: new Date(NOW.getTime() + 3600_000),
      scope: 'read:me',
    });
  });
});
