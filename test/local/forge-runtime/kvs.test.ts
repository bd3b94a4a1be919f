import { startFixture } from './fixture';
import type { LocalForge, ManualClock } from '../../../local/forge-runtime';
import { ForgeKvsAPIError, kvs, MetadataField, WhereConditions } from '@forge/kvs';

let forge: LocalForge;
let clock: ManualClock;

beforeEach(async () => {
  ({ forge, clock } = await startFixture());
});
afterEach(() => forge.stop());

/** Runs SDK code inside an invocation and returns the error it threw. */
async function kvsError(fn: () => Promise<unknown>): Promise<ForgeKvsAPIError> {
  const error = await forge.run(fn).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ForgeKvsAPIError);
  return error as ForgeKvsAPIError;
}

describe('get / set / delete', () => {
  test('round-trips values through the runtime branch of @forge/kvs', async () => {
    await forge.run(() => kvs.set('cred:1', { kind: 'github', n: [1, 2] }));
    expect(await forge.run(() => kvs.get('cred:1'))).toEqual({ kind: 'github', n: [1, 2] });
    expect(forge.kvs.get('cred:1')).toEqual({ kind: 'github', n: [1, 2] });
    expect(forge.kvs.requests.map((r) => [r.op, r.status])).toEqual([
      ['set', 204],
      ['get', 200],
    ]);
    expect(forge.kvs.requests[0]!.descriptor).toEqual({ type: 'kvs' });
  });

  test('a missing key reads as undefined and deletes quietly (404 KEY_NOT_FOUND underneath)', async () => {
    expect(await forge.run(() => kvs.get('nope'))).toBeUndefined();
    await expect(forge.run(() => kvs.delete('nope'))).resolves.toBeUndefined();
    expect(forge.kvs.requests.map((r) => [r.status, r.code])).toEqual([
      [404, 'KEY_NOT_FOUND'],
      [404, 'KEY_NOT_FOUND'],
    ]);
    await forge.run(() => kvs.set('k', 'v'));
    await forge.run(() => kvs.delete('k'));
    expect(forge.kvs.get('k')).toBeUndefined();
  });

  test('metadata fields and returnValue', async () => {
    await forge.run(() => kvs.set('k', 'v1', { ttl: { value: 1, unit: 'HOURS' } }));
    clock.advance(2000);
    const previous = await forge.run(() =>
      kvs.set('k', 'v2', {
        keyPolicy: 'OVERRIDE',
        returnValue: 'PREVIOUS',
        returnMetadataFields: [MetadataField.CREATED_AT],
      }),
    );
    const start = Math.floor(Date.UTC(2026, 0, 1) / 1000);
    expect(previous).toEqual({ key: 'k', value: 'v1', createdAt: start });
    const latest = await forge.run(() =>
      kvs.set('k', 'v3', { keyPolicy: 'OVERRIDE', returnValue: 'LATEST' }),
    );
    expect(latest).toEqual({ key: 'k', value: 'v3' });
    const got = await forge.run(() =>
      kvs.get('k', { metadataFields: [MetadataField.CREATED_AT, MetadataField.UPDATED_AT] }),
    );
    expect(got).toEqual({ key: 'k', value: 'v3', createdAt: start, updatedAt: start + 2 });
    const none = await forge.run(() =>
      kvs.set('fresh', 1, { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' }),
    );
    expect(none).toBeUndefined();
  });

  test('FAIL_IF_EXISTS is atomic: one winner among 20 concurrent invocations', async () => {
    const results = (await Promise.all(
      Array.from({ length: 20 }, () =>
        forge.invokeResolver('resolver', { call: { functionKey: 'lock' } }),
      ),
    )) as { won: boolean; code?: string }[];
    expect(results.filter((r) => r.won)).toHaveLength(1);
    expect(results.filter((r) => !r.won).every((r) => r.code === 'KEY_CONFLICT')).toBe(true);
    const winner = forge.invocations.find((_, i) => results[i]!.won)!;
    expect(forge.kvs.get('lock:sweep')).toBe(winner.invocationId);
  });

  test('a KEY_CONFLICT surfaces as ForgeKvsAPIError 409', async () => {
    await forge.run(() => kvs.set('lock', 1));
    const e = await kvsError(() => kvs.set('lock', 2, { keyPolicy: 'FAIL_IF_EXISTS' }));
    expect(e.code).toBe('KEY_CONFLICT');
    expect(e.responseDetails.status).toBe(409);
  });
});

describe('TTL', () => {
  test('an expired key is gone for get and query once the clock passes its expiry', async () => {
    await forge.run(() => kvs.set('lock:a', 'x', { ttl: { value: 5, unit: 'SECONDS' } }));
    const got = await forge.run(() =>
      kvs.get('lock:a', { metadataFields: [MetadataField.EXPIRE_TIME] }),
    );
    expect(got).toEqual({ key: 'lock:a', value: 'x', expireTime: '2026-01-01T00:00:05.000Z' });
    clock.advance(4999);
    expect(await forge.run(() => kvs.get('lock:a'))).toBe('x');
    clock.advance(1);
    expect(await forge.run(() => kvs.get('lock:a'))).toBeUndefined();
    const page = await forge.run(() => kvs.query().getMany());
    expect(page.results).toEqual([]);
    // The lock can be taken again.
    await forge.run(() => kvs.set('lock:a', 'y', { keyPolicy: 'FAIL_IF_EXISTS' }));
  });

  test('a query passes over keys that expired side by side and lists every live one', async () => {
    const ttl = { ttl: { value: 5, unit: 'SECONDS' as const } };
    await forge.run(async () => {
      await kvs.query().getMany(); // the keys are indexed before they expire
      for (const k of ['t:1', 't:3', 't:4']) await kvs.set(k, 'gone', ttl);
      for (const k of ['t:2', 't:5']) await kvs.set(k, 'kept');
    });
    clock.advance(5000);
    const page = await forge.run(() =>
      kvs.query().where('key', WhereConditions.beginsWith('t:')).getMany(),
    );
    expect(page.results.map((r) => r.key)).toEqual(['t:2', 't:5']);
  });
});

describe('query', () => {
  beforeEach(() => {
    for (let i = 0; i < 25; i++) forge.kvs.set(`cred:${String(i).padStart(2, '0')}`, { i });
    forge.kvs.set('other:1', {});
  });

  test('pages by cursor in ascending key order', async () => {
    const keys: string[] = [];
    const cursors: (string | undefined)[] = [];
    let cursor: string | undefined;
    do {
      let q = kvs.query().where('key', WhereConditions.beginsWith('cred:')).limit(10);
      if (cursor) q = q.cursor(cursor);
      const page = await forge.run(() => q.getMany<{ i: number }>());
      keys.push(...page.results.map((r) => r.key));
      cursor = page.nextCursor;
      cursors.push(cursor);
    } while (cursor);
    expect(keys).toEqual(
      Array.from({ length: 25 }, (_, i) => `cred:${String(i).padStart(2, '0')}`),
    );
    expect(cursors.map((c) => typeof c)).toEqual(['string', 'string', 'undefined']);
  });

  test('a key written or deleted between pages shows as its place in key order says', async () => {
    const q = () => kvs.query().where('key', WhereConditions.beginsWith('cred:')).limit(10);
    const first = await forge.run(() => q().getMany());
    forge.kvs.set('cred:05a', {});
    forge.kvs.set('cred:15a', {});
    await forge.run(() => kvs.delete('cred:20'));
    const keys: string[] = [];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await forge.run(() =>
        q()
          .cursor(cursor as string)
          .getMany(),
      );
      keys.push(...page.results.map((r) => r.key));
      cursor = page.nextCursor;
    }
    const expected = Array.from({ length: 15 }, (_, i) => `cred:${i + 10}`)
      .filter((k) => k !== 'cred:20')
      .flatMap((k) => (k === 'cred:15' ? [k, 'cred:15a'] : [k]));
    expect(keys).toEqual(expected);
  });

  test('without a limit a page holds 10 items; getOne returns the first key', async () => {
    const page = await forge.run(() => kvs.query().getMany());
    expect(page.results).toHaveLength(10);
    expect(page.nextCursor).toBeDefined();
    expect(await forge.run(() => kvs.query().getOne())).toEqual({
      key: 'cred:00',
      value: { i: 0 },
    });
  });

  test('a limit over 100 and a bad cursor are rejected', async () => {
    const tooBig = await kvsError(() => kvs.query().limit(101).getMany());
    expect([tooBig.code, tooBig.responseDetails.status]).toEqual([
      'LIST_QUERY_LIMIT_EXCEEDED',
      400,
    ]);
    await expect(forge.run(() => kvs.query().limit(100).getMany())).resolves.toBeDefined();
    const bad = await kvsError(() => kvs.query().cursor('garbage').getMany());
    expect(bad.code).toBe('BAD_REQUEST');
  });

  test('where clauses other than BEGINS_WITH on the key also work', async () => {
    const q = kvs.query().where('key', WhereConditions.between('cred:10', 'cred:12') as never);
    const page = await forge.run(() => q.getMany());
    expect(page.results.map((r) => r.key)).toEqual(['cred:10', 'cred:11', 'cred:12']);
  });
});

describe('validation errors as the SDK surfaces them', () => {
  test.each([
    ['empty', '', 'KEY_TOO_SHORT'],
    ['501 chars', 'x'.repeat(501), 'KEY_TOO_LONG'],
    ['with a slash', 'a/b', 'INVALID_KEY'],
    ['blank', '   ', 'INVALID_KEY'],
  ])('a key %s → %s', async (_label, key, code) => {
    const e = await kvsError(() => kvs.set(key, 1));
    expect([e.code, e.responseDetails.status, e.responseDetails.httpPath]).toEqual([
      code,
      400,
      '/api/v1/set',
    ]);
  });

  test('keys may use letters, digits and : . _ - # and spaces', async () => {
    await forge.run(() => kvs.set('a:b.c_d-e#f g', 1));
    expect(forge.kvs.keys()).toEqual(['a:b.c_d-e#f g']);
  });

  test('a value over 240 KiB → MAX_SIZE; deeper than 32 → MAX_DEPTH', async () => {
    await forge.run(() => kvs.set('ok', 'x'.repeat(240 * 1024 - 2)));
    const big = await kvsError(() => kvs.set('big', 'x'.repeat(240 * 1024)));
    expect(big.code).toBe('MAX_SIZE');
    let deep: unknown = 1;
    for (let i = 0; i < 33; i++) deep = { d: deep };
    expect((await kvsError(() => kvs.set('deep', deep))).code).toBe('MAX_DEPTH');
    expect(forge.kvs.get('big')).toBeUndefined();
  });
});

describe('secrets', () => {
  test('are stored apart from plain keys and never queried', async () => {
    await forge.run(() => kvs.setSecret('token:1', 'ghp_secret'));
    expect(await forge.run(() => kvs.getSecret('token:1'))).toBe('ghp_secret');
    expect(await forge.run(() => kvs.get('token:1'))).toBeUndefined();
    expect((await forge.run(() => kvs.query().getMany())).results).toEqual([]);
    expect(forge.kvs.getSecret('token:1')).toBe('ghp_secret');
    await forge.run(() => kvs.deleteSecret('token:1'));
    expect(await forge.run(() => kvs.getSecret('token:1'))).toBeUndefined();
    expect(forge.kvs.requests.map((r) => r.op)).toContain('secret/delete');
  });

  test('are limited to 128 KiB', async () => {
    expect((await kvsError(() => kvs.setSecret('s', 'x'.repeat(128 * 1024)))).code).toBe(
      'MAX_SIZE',
    );
  });
});

describe('fault injection and rate limits', () => {
  test('a 429 injected into the sweep surfaces as the SDK error, then KVS recovers', async () => {
    forge.kvs.set('cred:1', {});
    forge.kvs.failNext(1, { status: 429, op: 'query' });
    const error = await forge.runScheduledTrigger('sweep-trigger').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForgeKvsAPIError);
    expect((error as ForgeKvsAPIError).code).toBe('RATE_LIMIT_EXCEEDED');
    expect((error as ForgeKvsAPIError).responseDetails.status).toBe(429);
    expect(forge.invocations[0]!.outcome).toBe('error');
    await expect(forge.runScheduledTrigger('sweep-trigger')).resolves.toMatchObject({ pushed: 1 });
  });

  test('a 500 mid-sweep, and a non-JSON error body', async () => {
    forge.kvs.failNext(1, { status: 500 });
    expect((await kvsError(() => kvs.get('a'))).code).toBe('INTERNAL_SERVER_ERROR');
    forge.kvs.failNext(1, { status: 502, rawBody: '<html>bad gateway</html>' });
    const e = await kvsError(() => kvs.get('a'));
    expect([e.code, e.context]).toEqual([
      'UNKNOWN_ERROR',
      { responseText: '<html>bad gateway</html>' },
    ]);
    expect(await forge.run(() => kvs.get('a'))).toBeUndefined();
  });

  test('only the filtered operation fails', async () => {
    forge.kvs.failNext(2, { status: 500, op: ['set'] });
    await forge.run(() => kvs.get('a'));
    await kvsError(() => kvs.set('a', 1));
    await kvsError(() => kvs.set('a', 1));
    await forge.run(() => kvs.set('a', 1));
  });
});

test('a configured request rate answers 429 RATE_LIMIT_EXCEEDED until the window passes', async () => {
  await forge.stop();
  ({ forge, clock } = await startFixture({ kvs: { rateLimit: { requests: 3, perMs: 1000 } } }));
  for (let i = 0; i < 3; i++) await forge.run(() => kvs.set(`k${i}`, i));
  const e = await kvsError(() => kvs.get('k0'));
  expect([e.code, e.responseDetails.status]).toEqual(['RATE_LIMIT_EXCEEDED', 429]);
  clock.advance(1000);
  expect(await forge.run(() => kvs.get('k0'))).toBe(0);
});
