import { app, FIXTURE_DIR, startFixture } from './fixture';
import {
  InvocationTimeoutError,
  type LocalForge,
  type ProductRequest,
} from '../../../local/forge-runtime';
import { NeedsAuthenticationError, ProxyRequestError } from '@forge/api';
import { kvs } from '@forge/kvs';

let forge: LocalForge;
const productCalls: ProductRequest[] = [];

async function start(options: Parameters<typeof startFixture>[0] = {}): Promise<void> {
  productCalls.length = 0;
  ({ forge } = await startFixture({
    product: (req) => {
      productCalls.push(req);
      return { status: 200, body: { accountId: req.asUser ?? 'app' } };
    },
    ...options,
  }));
}

beforeEach(() => start());
afterEach(() => forge.stop());

describe('scheduled trigger', () => {
  test('gets the documented payload and context, pages KVS and pushes events', async () => {
    for (const id of ['cred:1', 'cred:2', 'cred:3', 'other']) forge.kvs.set(id, {});
    const result = (await forge.runScheduledTrigger('sweep-trigger')) as Record<string, unknown>;
    expect(result).toEqual({
      payload: {
        context: { cloudId: 'cloud-1', moduleKey: 'sweep-trigger' },
        contextToken: expect.any(String),
      },
      installContext: 'ari:cloud:jira::site/cloud-1',
      pushed: 3,
      moduleKey: 'sweep-trigger',
    });
    expect(forge.kvs.requests.filter((r) => r.op === 'query')).toHaveLength(2);
    expect(forge.queues.pending('checks').map((e) => [e.body, e.concurrency])).toEqual([
      [{ id: 'cred:1' }, { key: 'site', limit: 2 }],
      [{ id: 'cred:2' }, { key: 'site', limit: 2 }],
      [{ id: 'cred:3' }, { key: 'site', limit: 2 }],
    ]);
    expect(forge.invocations[0]).toMatchObject({
      functionKey: 'sweep',
      moduleKey: 'sweep-trigger',
      moduleType: 'scheduledTrigger',
      outcome: 'success',
      timeLimitMs: 55_000,
      kvsRequests: 2,
      outboundRequests: 1, // the queue push goes through the platform proxy
    });
  });

  test('an unknown trigger is an error', async () => {
    await expect(forge.runScheduledTrigger('nope')).rejects.toThrow("no scheduledTrigger 'nope'");
  });
});

describe('resolver', () => {
  test('getDefinitions() gets the call, the UI context and the invoking account', async () => {
    const result = (await forge.invokeResolver(
      'resolver',
      { call: { functionKey: 'context', payload: { page: 1 } }, context: { localId: 'l-1' } },
      { accountId: 'acc-1' },
    )) as Record<string, unknown>;
    expect(result).toMatchObject({
      accountId: 'acc-1',
      moduleKey: 'admin-page',
      invocationId: forge.invocations[0]!.invocationId,
      requestContext: {
        cloudId: 'cloud-1',
        moduleKey: 'admin-page',
        localId: 'l-1',
        extension: { type: 'jira:adminPage' },
        installContext: 'ari:cloud:jira::site/cloud-1',
        accountId: 'acc-1',
      },
    });
    expect(result.remainingMs).toBeGreaterThan(24_000);
    expect(result.remainingMs).toBeLessThanOrEqual(25_000);
    expect(forge.invocations[0]).toMatchObject({
      moduleType: 'jira:adminPage',
      accountId: 'acc-1',
    });
  });

  test('an undefined resolver method rejects with the resolver’s error', async () => {
    await expect(
      forge.invokeResolver('resolver', { call: { functionKey: 'nope' } }),
    ).rejects.toThrow("Resolver has no definition for 'nope'.");
    expect(forge.invocations[0]!.outcome).toBe('error');
  });
});

describe('product requests', () => {
  test('asUser() goes to the double as the invoking account; asApp() as the app', async () => {
    const asUser = await forge.invokeResolver(
      'resolver',
      { call: { functionKey: 'whoami' } },
      { accountId: 'acc-7' },
    );
    const asApp = await forge.invokeResolver('resolver', {
      call: { functionKey: 'whoami', payload: { as: 'app' } },
    });
    expect([asUser, asApp]).toEqual([
      { status: 200, body: { accountId: 'acc-7' } },
      { status: 200, body: { accountId: 'app' } },
    ]);
    expect(productCalls.map((c) => [c.product, c.provider, c.asUser, c.method, c.path])).toEqual([
      ['jira', 'user', 'acc-7', 'GET', '/rest/api/3/myself'],
      ['jira', 'app', null, 'GET', '/rest/api/3/myself'],
    ]);
  });

  test('concurrent invocations keep their own user', async () => {
    const [slow, fast] = await Promise.all([
      forge.invokeResolver(
        'resolver',
        { call: { functionKey: 'whoami', payload: { delayMs: 30 } } },
        { accountId: 'slow' },
      ),
      forge.invokeResolver('resolver', { call: { functionKey: 'whoami' } }, { accountId: 'fast' }),
    ]);
    expect([slow, fast]).toEqual([
      { status: 200, body: { accountId: 'slow' } },
      { status: 200, body: { accountId: 'fast' } },
    ]);
  });

  test('asUser() with nobody invoking needs authentication', async () => {
    const error = await forge
      .invokeResolver('resolver', { call: { functionKey: 'whoami' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NeedsAuthenticationError);
  });

  test('with no product double the proxy error names the gap', async () => {
    await forge.stop();
    await start({ product: undefined });
    const error = await forge
      .invokeResolver('resolver', { call: { functionKey: 'whoami', payload: { as: 'app' } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProxyRequestError);
    expect((error as ProxyRequestError).errorCode).toBe('LOCAL_FORGE_NO_PRODUCT_DOUBLE');
  });
});

describe('time limits', () => {
  test('a resolver past 25 s (scaled) is reported as timed out; its later platform calls are refused', async () => {
    await forge.stop();
    await start({ timeScale: 0.001 }); // 25 s → 25 ms
    const error = await forge
      .invokeResolver('resolver', { call: { functionKey: 'sleep', payload: { ms: 60 } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvocationTimeoutError);
    expect(forge.invocations[0]).toMatchObject({ outcome: 'timeout', timeLimitMs: 25 });
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(forge.invocations[0]!.settledAfterTimeout).toBe('error');
    expect(forge.kvs.get('after-sleep')).toBeUndefined();
  });

  test('a trigger’s limit is its function’s timeoutSeconds, else 55 s', async () => {
    await forge.runScheduledTrigger('sweep-trigger');
    expect(forge.invocations[0]!.timeLimitMs).toBe(55_000);
  });
});

test('the SDKs work outside invocations while a LocalForge runs, and fail clearly after stop()', async () => {
  await kvs.set('k', 1);
  expect(forge.kvs.get('k')).toBe(1);
  await forge.stop();
  await expect(kvs.get('k')).rejects.toThrow('LocalForge is not running');
});

test('only one LocalForge runs at a time', async () => {
  await expect(startFixture()).rejects.toThrow('another LocalForge is running');
});

test('start() refuses an @forge/api that captured fetch before the runtime was installed', async () => {
  await forge.stop();
  const guarded = globalThis.fetch;
  await jest.isolateModulesAsync(async () => {
    // A fresh registry: this @forge/api copy captures an unguarded fetch, as it would if an app
    // imported it before LocalForge.
    globalThis.fetch = (() => Promise.reject(new TypeError('unguarded'))) as typeof fetch;
    await import('@forge/api');
    globalThis.fetch = guarded;
    const isolated = await import('../../../local/forge-runtime');
    await expect(
      isolated.LocalForge.start({ appDir: FIXTURE_DIR, loadHandlers: () => app }),
    ).rejects.toThrow('@forge/api was loaded before the LocalForge runtime');
  });
  globalThis.fetch = guarded;
});
