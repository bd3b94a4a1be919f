// First: the local platform must be installed before the app's code loads @forge/api.
import { AlertWorld, SIGNING_KEY } from '../support/alert-world';
import { startAtlassianAuth, type AtlassianAuth } from '../support/atlassian-auth';
import { record, seed } from '../support/app';
import { json, VendingWorld } from './support';

/**
 * A draw refused because the kept grant was rejected: the usual alert fires, through the real
 * web trigger, check and alert handlers on the local Forge runtime, once however many draw.
 */
describe('a draw refused because the grant was rejected', () => {
  let auth: AtlassianAuth;
  let world: AlertWorld;
  let vending: VendingWorld;

  beforeEach(async () => {
    auth = await startAtlassianAuth(() => Date.now());
    world = await AlertWorld.start([auth]);
    vending = new VendingWorld(world.forge, auth);
    await world.call('saveChannel', {
      config: {
        type: 'webhook',
        name: 'Receiver',
        url: world.hookUrl,
        enabled: true,
        role: 'primary',
        digest: false,
      },
      secret: SIGNING_KEY,
    });
  });
  afterEach(async () => {
    await world.stop();
    await auth.close();
  });

  /** A kept grant whose refresh token Atlassian no longer knows (revoked there). */
  async function rejectedGrant(): Promise<string> {
    const config = {
      kind: 'atlassian-oauth2' as const,
      name: 'Deploy grant',
      mode: 'keep' as const,
      baseUrl: auth.url,
      tokenUrl: auth.tokenUrl,
      refreshReuseMinutes: 10,
    };
    const secret = JSON.stringify({
      clientId: auth.client.id,
      clientSecret: auth.client.secret,
      refreshToken: 'rt-revoked-at-atlassian',
    });
    // Checked yesterday and fine: only the draw finds out.
    await seed(world.forge, [{ record: record('dead', config, { interval: '24h' }), secret }]);
    return 'dead';
  }

  it('alerts once through the channels, however many consumers are refused', async () => {
    const id = await rejectedGrant();
    const { secret } = await world.call('createConsumerKey', {
      integrationId: id,
      name: 'Deployer',
      expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    });
    const refused = await Promise.all(Array.from({ length: 5 }, () => vending.draw(secret, id)));
    expect(refused.map((r) => r.status)).toEqual(Array(5).fill(409));
    expect(json(refused[0]!).message).toMatch(/invalid_grant|refused|rejected/i);
    await world.forge.drainQueues();
    expect((await vending.draw(secret, id)).status).toBe(409);
    await world.forge.drainQueues();

    const failures = world.hook.filter((m) => m.body.event === 'failure');
    expect(failures.map((m) => [m.body.verdict, m.verified])).toEqual([['rejected', true]]);
    expect(failures[0]!.body.integration).toEqual({ id, name: 'Deploy grant' });
    expect(failures[0]!.raw).not.toContain(secret);
  });
});
