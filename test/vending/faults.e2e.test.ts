import { LocalForge } from '../../local/forge-runtime';
import type { AtlassianAuth } from '../support/atlassian-auth';
import { APP_DIR, appHandlers } from '../support/app';
import { jiraDouble } from '../resolvers/support';
import { json, VendingWorld } from './support';

/**
 * Draws while storage or the token endpoint fails. Time limits are scaled down (the web
 * trigger's 55 s becomes 2.75 s), so a token endpoint that never answers times out quickly.
 */
describe('drawing while storage or the token endpoint fails', () => {
  let auth: AtlassianAuth;
  let forge: LocalForge;
  let world: VendingWorld;
  beforeAll(async () => {
    auth = await VendingWorld.auth();
    forge = await LocalForge.start({
      appDir: APP_DIR,
      loadHandlers: appHandlers(),
      extraEgress: [auth.url],
      product: jiraDouble(),
      timeScale: 0.05,
    });
    world = new VendingWorld(forge, auth);
  });
  afterAll(async () => {
    await forge.stop();
    await auth.close();
  });
  afterEach(() => {
    auth.onRefresh(null);
    forge.kvs.clearFaults();
  });

  it.each([429, 500])(
    'hands out nothing when KVS answers %i to the rotated grant’s save, and the grant survives',
    async (status) => {
      const { id } = await world.grant();
      const { secret } = await world.key(id);
      // Right after the server rotated the refresh token: every retry of the save fails.
      auth.onRefresh(() => forge.kvs.failNext(4, { op: 'secret/set', status }));
      const refused = await world.draw(secret, id);
      expect(refused.status).toBe(409);
      expect(json(refused).message).toMatch(/grant at risk/);
      expect(refused.body).not.toMatch(/at-[0-9a-f]{32}/);
      auth.onRefresh(null);
      const next = await world.draw(secret, id);
      expect(next.status).toBe(200);
      expect(await world.works(json(next).access_token!)).toBe(true);
      expect(auth.stats().reuseRevocations).toBe(0);
    },
  );

  it('hands out nothing when the token endpoint times out, and the grant survives', async () => {
    const { id } = await world.grant();
    const { secret } = await world.key(id);
    const before = auth.stats().refreshes;
    auth.loseAnswers(2);
    const refused = await world.draw(secret, id);
    expect(refused.status).toBe(409);
    expect(auth.stats().refreshes - before).toBeGreaterThanOrEqual(1);
    const next = await world.draw(secret, id);
    expect(next.status).toBe(200);
    expect(await world.works(json(next).access_token!)).toBe(true);
    expect(auth.stats().reuseRevocations).toBe(0);
  });
});
