import { record, startApp } from '../support/app';
import { startAtlassianAuth, type AtlassianAuth } from '../support/atlassian-auth';
import type { LocalForge } from '../../local/forge-runtime';
import { runProbe } from '../../src/probes/engine';
import type { FetchLike } from '../../src/http/client';
import type { GrantState, GrantStore } from '../../src/probes/oauth/grant-store';
import { KvsGrantStore } from '../../src/storage/grant-store';

const MINUTE = 60_000;

/**
 * A kept Atlassian grant whose refresh answers go missing, on Forge storage through the real SDK,
 * against a token endpoint that rotates refresh tokens with Atlassian's 10-minute leeway.
 */
describe('a kept Atlassian grant whose refresh answer is lost', () => {
  let clock = Date.now();
  let auth: AtlassianAuth;
  let forge: LocalForge;
  let grantNo = 0;
  beforeAll(async () => {
    auth = await startAtlassianAuth(() => clock);
    forge = await startApp([auth]);
  });
  afterAll(async () => {
    await forge.stop();
    await auth.close();
  });
  beforeEach(() => {
    clock = Date.now();
    auth.onRefresh(null);
  });

  function grant(config: { refreshReuseMinutes?: number } = {}) {
    grantNo += 1;
    const secret = JSON.stringify({
      clientId: auth.client.id,
      clientSecret: auth.client.secret,
      refreshToken: auth.consent(),
    });
    const id = `lost-${grantNo}`;
    // A grant is kept only while its integration exists.
    forge.kvs.set(`integration:${id}`, record(id, { kind: 'atlassian-oauth2' }));
    const check = (minutesLater: number, store?: GrantStore) => {
      clock += minutesLater * MINUTE;
      const at = new Date(clock);
      return forge.run(() =>
        runProbe(
          {
            kind: 'atlassian-oauth2',
            baseUrl: auth.url,
            tokenUrl: auth.tokenUrl,
            cloudId: 'cloud-1',
            refreshReuseMinutes: 10,
            ...config,
          },
          secret,
          {
            fetch: globalThis.fetch as unknown as FetchLike,
            now: () => at,
            grants: store ?? new KvsGrantStore(id, `holder-${clock}`),
            requestTimeoutMs: 400,
          },
        ),
      );
    };
    return { id, check, stored: () => forge.kvs.getSecret(`grant:${id}`) as GrantState };
  }

  it('presents the same refresh token again within the check when the answer is slower than the timeout', async () => {
    const g = grant();
    auth.loseAnswers(1);
    const before = auth.stats();
    expect((await g.check(0)).verdict).toBe('healthy');
    expect(auth.stats().refreshes - before.refreshes).toBe(2);
    expect(g.stored().inFlight).toBeUndefined();
    // Two hours on, the saved token is the live one: the grant survived.
    expect((await g.check(120)).verdict).toBe('healthy');
    expect(auth.stats().reuseRevocations).toBe(0);
  });

  it('checks again within a minute and recovers the grant at that check when every answer of a check is lost', async () => {
    const g = grant();
    auth.loseAnswers(2);
    const lost = await g.check(0);
    expect(lost.verdict).toBe('unreachable');
    expect(lost.recheckAfterSeconds).toBe(60);
    expect(lost.message).toMatch(/presented again within its 10-minute reuse interval/);
    expect(g.stored().inFlight).toBeDefined();
    const next = await g.check(4);
    expect(next.verdict).toBe('healthy');
    expect(g.stored().inFlight).toBeUndefined();
    expect((await g.check(120)).verdict).toBe('healthy');
    expect(auth.stats().reuseRevocations).toBe(0);
  });

  it('never presents a possibly spent refresh token after the reuse interval: it reports the grant at risk', async () => {
    const g = grant();
    auth.loseAnswers(2);
    await g.check(0);
    const requests = auth.stats().tokenRequests;
    const late = await g.check(11);
    expect(late.verdict).toBe('unexpected-response');
    expect(late.severity).toBe('critical');
    expect(late.message).toMatch(/^grant at risk: .*re-consent/);
    expect(auth.stats().tokenRequests).toBe(requests);
    expect(auth.stats().reuseRevocations).toBe(0);
  });

  it('keeps the grant alive after a crash between the refresh and the save of its answer', async () => {
    const g = grant();
    const kvsStore = new KvsGrantStore(g.id, 'crashing');
    const crashing: GrantStore = {
      load: () => kvsStore.load(),
      withLock: (fn) => kvsStore.withLock(fn),
      async save(state) {
        // The process dies with the new tokens in hand: nothing of them is kept anywhere.
        if (state.accessToken && !state.inFlight) throw new Error('the invocation was killed');
        return kvsStore.save(state);
      },
    };
    expect((await g.check(0, crashing)).verdict).toBe('unexpected-response');
    expect((await g.check(3)).verdict).toBe('healthy');
    expect((await g.check(120)).verdict).toBe('healthy');
    expect(auth.stats().reuseRevocations).toBe(0);
  });

  it.each([429, 500])(
    'holds a rotated token whose save keeps failing with KVS %s, and saves it first at the next check',
    async (status) => {
      const g = grant();
      // Storage starts failing the moment the token endpoint has rotated the grant.
      auth.onRefresh(() => forge.kvs.failNext(4, { status, op: 'secret/set' }));
      const atRisk = await g.check(0);
      auth.onRefresh(null);
      expect(atRisk.verdict).toBe('unexpected-response');
      expect(atRisk.message).toMatch(/^grant at risk: .*failed to save the new one/);
      expect(atRisk.recheckAfterSeconds).toBe(60);
      const refreshes = auth.stats().refreshes;
      expect((await g.check(1)).verdict).toBe('healthy');
      // The held token was saved and used: no second refresh was needed.
      expect(auth.stats().refreshes).toBe(refreshes);
      expect(g.stored().inFlight).toBeUndefined();
      expect((await g.check(120)).verdict).toBe('healthy');
      expect(auth.stats().reuseRevocations).toBe(0);
    },
  );

  it('sends no refresh at all when storage fails before the attempt can be recorded', async () => {
    const g = grant();
    const requests = auth.stats().tokenRequests;
    forge.kvs.failNext(4, { status: 500, op: 'secret/set' });
    const result = await g.check(0);
    expect(result.verdict).toBe('unreachable');
    expect(result.message).toMatch(/nothing was sent/);
    expect(auth.stats().tokenRequests).toBe(requests);
    expect((await g.check(1)).verdict).toBe('healthy');
  });

  it('confirms the double revokes the whole grant when a rotated-out token comes back after 10 minutes', async () => {
    const first = auth.consent();
    const body = (token: string) =>
      new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: token,
        client_id: auth.client.id,
        client_secret: auth.client.secret,
      }).toString();
    const post = (token: string) =>
      fetch(auth.tokenUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: body(token),
      });
    const rotated = (await (await post(first)).json()) as { refresh_token: string };
    clock += 5 * MINUTE;
    expect((await post(first)).status).toBe(200);
    clock += 6 * MINUTE;
    const reuse = await post(first);
    expect(reuse.status).toBe(403);
    expect(await reuse.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'Unknown or invalid refresh token.',
    });
    expect((await post(rotated.refresh_token)).status).toBe(403);
  });
});
