import { record, seed } from '../support/app';
import { call, startAdminApp } from '../resolvers/support';
import type { LocalForge } from '../../local/forge-runtime';
import { startAtlassianApi, startOidcProvider, type OidcProvider } from '../support/oidc/provider';
import type { TestServer } from '../support/server';

type ForgeFetch = LocalForge['forgeFetch'];

/** The held party's n-th KVS request, and what the test does while it waits. */
interface Hold {
  /** Resolves when the n-th request is waiting; never when the party makes fewer requests. */
  reached: Promise<void>;
  release(): void;
}

/**
 * Holds the n-th KVS request of the first invocation that reaches storage after this call, until
 * released: a step-controlled interleaving at every point where the invocation awaits storage,
 * with no timing involved. The other invocations' requests pass untouched.
 */
function holdKvsRequest(forge: LocalForge, n: number): Hold {
  const original: ForgeFetch = forge.forgeFetch.bind(forge);
  let owner: string | undefined;
  let seen = 0;
  let reached!: () => void;
  let release!: () => void;
  const reachedP = new Promise<void>((resolve) => (reached = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  const held: ForgeFetch = async (scope, descriptor, path, init) => {
    if (descriptor.type === 'kvs' && scope) {
      owner ??= scope.state.invocationId;
      if (scope.state.invocationId === owner && ++seen === n) {
        reached();
        await released;
      }
    }
    return original(scope, descriptor, path, init);
  };
  Object.assign(forge, { forgeFetch: held });
  return {
    reached: reachedP,
    release: () => {
      Reflect.deleteProperty(forge, 'forgeFetch');
      release();
    },
  };
}

/** Every key the integration left in storage, values and secrets alike. */
function leftOf(forge: LocalForge, id: string): string[] {
  const { values, secrets } = forge.kvs.dump();
  return [...Object.keys(values), ...Object.keys(secrets)].filter((key) => key.includes(id));
}

describe('deleting a kept OAuth grant while Check now refreshes it', () => {
  let oidc: OidcProvider;
  let api: TestServer;
  let forge: LocalForge;
  let n = 0;
  beforeAll(async () => {
    oidc = await startOidcProvider();
    api = await startAtlassianApi(oidc, () => [
      { id: 'cloud-1', name: 'acme', url: 'https://acme.atlassian.net' },
    ]);
    forge = await startAdminApp([api, { url: oidc.url }]);
  });
  afterAll(async () => {
    await forge.stop();
    await api.close();
    await oidc.close();
  });

  /** A kept grant nothing was refreshed for yet: the next check refreshes and rotates it. */
  async function keptGrant(): Promise<string> {
    n += 1;
    const id = `deleted-${n}`;
    const refreshToken = await oidc.mintRefreshToken(`delete-${n}`);
    const secret = JSON.stringify({
      clientId: oidc.client.id,
      clientSecret: oidc.client.secret,
      refreshToken,
    });
    const config = {
      kind: 'atlassian-oauth2' as const,
      baseUrl: api.url,
      tokenUrl: oidc.tokenUrl,
      cloudId: 'cloud-1',
    };
    await seed(forge, [{ record: record(id, config), secret }]);
    return id;
  }

  /**
   * Runs `first` held before its n-th KVS request, runs `second` to its answer meanwhile, then lets
   * `first` go on; answers false once `first` makes fewer than n requests (no point left).
   */
  async function interleave(
    held: number,
    first: () => Promise<unknown>,
    second: () => Promise<unknown>,
  ): Promise<boolean> {
    const hold = holdKvsRequest(forge, held);
    const running = first();
    const atPoint = await Promise.race([hold.reached.then(() => true), running.then(() => false)]);
    if (atPoint) await second();
    hold.release();
    await running;
    return atPoint;
  }

  const checkNow = (id: string) => () => call(forge, 'checkNow', { id });
  const remove = (id: string) => async () => {
    const answer = await call(forge, 'deleteIntegration', { id });
    expect(answer).toEqual({ ok: true, data: { id } });
  };

  it('leaves no secret when the delete answers at any storage step of the refresh', async () => {
    await oidc.stats({ reset: true });
    const points: number[] = [];
    for (let step = 1; step <= 100; step += 1) {
      const id = await keptGrant();
      if (!(await interleave(step, checkNow(id), remove(id)))) break;
      points.push(step);
      expect({ step, left: leftOf(forge, id) }).toEqual({ step, left: [] });
    }
    // The refresh happened in the later interleavings: the window after the token call was covered.
    expect((await oidc.stats()).refreshes).toBeGreaterThan(0);
    expect(points.length).toBeGreaterThan(10);
  });

  it('leaves no secret when the refresh runs at any storage step of the delete', async () => {
    const points: number[] = [];
    for (let step = 1; step <= 100; step += 1) {
      const id = await keptGrant();
      if (!(await interleave(step, remove(id), checkNow(id)))) break;
      points.push(step);
      expect({ step, left: leftOf(forge, id) }).toEqual({ step, left: [] });
    }
    expect(points.length).toBeGreaterThan(3);
  });
});
