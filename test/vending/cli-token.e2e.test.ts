import type { LocalForge } from '../../local/forge-runtime';
import { main } from '../../src/cli/main';
import type { FetchLike } from '../../src/http/client';
import type { AtlassianAuth } from '../support/atlassian-auth';
import { data, startAdminApp } from '../resolvers/support';
import { VendingWorld } from './support';

/** `token-health token` against the app's web trigger, served over HTTP by the local runtime. */
describe('token-health token', () => {
  let auth: AtlassianAuth;
  let forge: LocalForge;
  let world: VendingWorld;
  let url: string;
  beforeAll(async () => {
    auth = await VendingWorld.auth();
    forge = await startAdminApp([auth]);
    world = new VendingWorld(forge, auth);
    await forge.listenWebTriggers();
    url = forge.webTriggerUrl('token-vending');
  });
  afterAll(async () => {
    await forge.stop();
    await auth.close();
  });

  async function run(argv: string[], key: string | null) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['token', ...argv], {
      env: key === null ? {} : { TOKEN_HEALTH_CONSUMER_KEY: key },
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      fetch: globalThis.fetch as unknown as FetchLike,
      now: () => new Date(),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('prints the access token alone, exit 0, and it works', async () => {
    const { id } = await world.grant();
    const { secret } = await world.key(id);
    const drawn = await run(['--url', url, '--integration', id], secret);
    expect(drawn).toEqual({ code: 0, out: expect.stringMatching(/^at-[0-9a-f]+$/), err: '' });
    expect(await world.works(drawn.out)).toBe(true);
  });

  it('says in plain words why there is no token, exit 2 when refused, never echoing the key', async () => {
    const a = await world.grant();
    const b = await world.grant();
    const made = await world.key(a.id);
    const other = await run(['--url', url, '--integration', b.id], made.secret);
    expect(other).toEqual({
      code: 2,
      out: '',
      err: 'token-health: no token (403): this consumer key may not draw tokens for that integration',
    });
    await data(forge, 'revokeConsumerKey', { integrationId: a.id, id: made.key.id });
    const revoked = await run(['--url', url, '--integration', a.id], made.secret);
    expect(revoked.code).toBe(2);
    expect(revoked.err).toBe('token-health: no token (401): a valid consumer key is required');
    expect(JSON.stringify([other, revoked])).not.toContain(made.secret);
  });

  it('refuses bad input with exit 3 and sends nothing', async () => {
    const noKey = await run(['--url', url, '--integration', 'x'], null);
    expect(noKey.code).toBe(3);
    expect(noKey.err).toMatch(/TOKEN_HEALTH_CONSUMER_KEY/);
    const plain = await run(['--url', 'http://example.com/x1/abc', '--integration', 'x'], 'k');
    expect(plain).toMatchObject({ code: 3, err: expect.stringMatching(/must be https/) });
    const missing = await run(['--url', url], 'k');
    expect(missing).toMatchObject({ code: 3, err: expect.stringMatching(/give both/) });
  });
});
