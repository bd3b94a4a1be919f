import { startFixture } from './fixture';
import type { LocalForge } from '../../../local/forge-runtime';
import { Filter, FilterConditions, ForgeKvsAPIError, kvs, Sort, WhereConditions } from '@forge/kvs';

let forge: LocalForge;

beforeEach(async () => {
  ({ forge } = await startFixture());
});
afterEach(() => forge.stop());

type ForgeFetch = (descriptor: object, path: string, init: RequestInit) => Promise<Response>;
const forgeFetch = () => (globalThis as unknown as { __forge_fetch__: ForgeFetch }).__forge_fetch__;

async function kvsError(fn: () => Promise<unknown>): Promise<ForgeKvsAPIError> {
  const error = await forge.run(fn).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ForgeKvsAPIError);
  return error as ForgeKvsAPIError;
}

type Credential = { kind: string; site: string; nextCheckAt: number; failures?: number };
const credentials = kvs.entity<Credential>('credential');
const where = () => new Filter<Credential>();

async function seed(): Promise<void> {
  const rows: [string, string, string, number][] = [
    ['c1', 'github', 'a', 300],
    ['c2', 'gitlab', 'a', 100],
    ['c3', 'github', 'a', 200],
    ['c4', 'github', 'b', 50],
    ['c5', 'slack', 'a', 400],
  ];
  for (const [key, kind, site, nextCheckAt] of rows) {
    await forge.run(() => credentials.set(key, { kind, site, nextCheckAt, failures: 0 }));
  }
}

describe('custom entities', () => {
  test('get / set / delete, stored per entity', async () => {
    await seed();
    expect(await forge.run(() => credentials.get('c1'))).toEqual({
      kind: 'github',
      site: 'a',
      nextCheckAt: 300,
      failures: 0,
    });
    expect(await forge.run(() => kvs.get('c1'))).toBeUndefined();
    await forge.run(() => credentials.delete('c1'));
    expect(forge.kvs.getEntity('credential', 'c1')).toBeUndefined();
  });

  test('query on a single-attribute index', async () => {
    await seed();
    const page = await forge.run(() =>
      credentials.query().index('kind').where(WhereConditions.equalTo('github')).getMany(),
    );
    expect(page.results.map((r) => r.key)).toEqual(['c1', 'c3', 'c4']);
  });

  test('query on a partitioned index: range, sort, cursor', async () => {
    await seed();
    const base = () =>
      credentials
        .query()
        .index('by-site-next-check', { partition: ['a'] })
        .where(WhereConditions.lessThan(400))
        .sort(Sort.DESC)
        .limit(2);
    const first = await forge.run(() => base().getMany());
    expect(first.results.map((r) => r.value.nextCheckAt)).toEqual([300, 200]);
    const second = await forge.run(() => base().cursor(first.nextCursor!).getMany());
    expect(second.results.map((r) => r.key)).toEqual(['c2']);
    expect(second.nextCursor).toBeUndefined();
  });

  test('filters apply after the limit, like DynamoDB: a page may come back short', async () => {
    await seed();
    const q = () =>
      credentials
        .query()
        .index('by-site-next-check', { partition: ['a'] })
        .filters(where().and('kind', FilterConditions.equalTo('slack')))
        .limit(2);
    const first = await forge.run(() => q().getMany());
    expect(first.results).toEqual([]);
    const second = await forge.run(() => q().cursor(first.nextCursor!).getMany());
    expect(second.results.map((r) => r.key)).toEqual(['c5']);
  });

  test('schema errors: undeclared attribute, wrong type, unknown index, unknown entity, no partition', async () => {
    const undeclared = await kvsError(() => credentials.set('x', { colour: 'red' } as never));
    expect(undeclared.code).toBe('INVALID_ENTITY_VALUE');
    const wrongType = await kvsError(() => credentials.set('x', { nextCheckAt: 1.5 } as never));
    expect(wrongType.code).toBe('INVALID_ENTITY_VALUE');
    const index = await kvsError(() => credentials.query().index('nope').getMany());
    expect(index.code).toBe('INVALID_ENTITY_INDEX');
    const entity = await kvsError(() => kvs.entity('ghosts').set('x', {}));
    expect(entity.code).toBe('INVALID_ENTITY_TYPE');
    const partition = await kvsError(() =>
      credentials.query().index('by-site-next-check').getMany(),
    );
    expect(partition.code).toBe('BAD_REQUEST');
    const limit = await kvsError(() => credentials.query().index('kind').limit(0).getMany());
    expect(limit.code).toBe('COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE');
  });
});

describe('batch operations', () => {
  test('batchSet reports per-item failures; batchGet reports missing keys', async () => {
    const set = await forge.run(() =>
      kvs.batchSet<unknown>([
        { key: 'a', value: 1 },
        { key: 'bad/key', value: 2 },
        {
          key: 'c1',
          value: { kind: 'github', site: 'a', nextCheckAt: 1 },
          entityName: 'credential',
        },
      ]),
    );
    expect(set.successfulKeys).toEqual([{ key: 'a' }, { key: 'c1', entityName: 'credential' }]);
    expect(set.failedKeys).toEqual([
      { key: 'bad/key', error: { code: 'INVALID_KEY', message: expect.any(String) } },
    ]);
    const got = await forge.run(() =>
      kvs.batchGet([{ key: 'a' }, { key: 'missing' }, { key: 'c1', entityName: 'credential' }]),
    );
    expect(got.successfulKeys).toEqual([
      { key: 'a', value: 1 },
      { key: 'c1', entityName: 'credential', value: { kind: 'github', site: 'a', nextCheckAt: 1 } },
    ]);
    expect(got.failedKeys).toEqual([
      { key: 'missing', error: { code: 'KEY_NOT_FOUND', message: 'Key does not exist' } },
    ]);
    await forge.run(() => kvs.batchDelete([{ key: 'a' }, { key: 'c1', entityName: 'credential' }]));
    expect(forge.kvs.dump()).toEqual({ values: {}, secrets: {}, entities: { credential: {} } });
  });

  test('more than 25 keys, or one key twice, fails the whole batch', async () => {
    const many = Array.from({ length: 26 }, (_, i) => ({ key: `k${i}`, value: i }));
    expect((await kvsError(() => kvs.batchSet(many))).responseDetails.status).toBe(400);
    const twice = [
      { key: 'k', value: 1 },
      { key: 'k', value: 2 },
    ];
    expect((await kvsError(() => kvs.batchSet(twice))).code).toBe('BAD_REQUEST');
    expect(forge.kvs.keys()).toEqual([]);
  });
});

describe('transactions', () => {
  test('all operations apply together when every condition holds', async () => {
    await seed();
    await forge.run(() =>
      kvs
        .transact()
        .set(
          'c2',
          { kind: 'gitlab', site: 'a', nextCheckAt: 999, failures: 1 },
          {
            entityName: 'credential',
            conditions: where().and('failures', FilterConditions.equalTo(0)),
          },
        )
        .delete('c4', { entityName: 'credential' })
        .check('c1', {
          entityName: 'credential',
          conditions: where().and('kind', FilterConditions.equalTo('github')),
        })
        .set('sweep:last', 'now')
        .execute(),
    );
    expect(forge.kvs.getEntity('credential', 'c2')).toMatchObject({ nextCheckAt: 999 });
    expect(forge.kvs.getEntity('credential', 'c4')).toBeUndefined();
    expect(forge.kvs.get('sweep:last')).toBe('now');
  });

  test('a failing condition changes nothing', async () => {
    await seed();
    const before = forge.kvs.dump();
    const e = await kvsError(() =>
      kvs
        .transact()
        .set('sweep:last', 'now')
        .delete('c4', { entityName: 'credential' })
        .check('c1', {
          entityName: 'credential',
          conditions: where().and('kind', FilterConditions.equalTo('slack')),
        })
        .execute(),
    );
    expect([e.code, e.responseDetails.status]).toEqual(['CONDITIONAL_CHECK_FAILED', 409]);
    expect(forge.kvs.dump()).toEqual(before);
  });

  test('a set conditioned on NOT_EXISTS creates only once', async () => {
    const create = () =>
      kvs
        .transact()
        .set<Credential>(
          'c9',
          { kind: 'github', site: 'a', nextCheckAt: 1 },
          {
            entityName: 'credential',
            conditions: where().and('kind', FilterConditions.notExists()),
          },
        )
        .execute();
    await forge.run(create);
    expect((await kvsError(create)).code).toBe('CONDITIONAL_CHECK_FAILED');
  });

  test('limits: conditions only on entities, ≤ 25 operations, each key once', async () => {
    const plainWithCondition = {
      set: [
        {
          key: 'k',
          value: 1,
          conditions: { and: [{ property: 'a', condition: 'EXISTS', values: [true] }] },
        },
      ],
    };
    // The SDK cannot send a condition on a plain key; send the request as it would look.
    const direct = (body: unknown) =>
      forge.run(() =>
        forgeFetch()({ type: 'kvs' }, '/api/v1/transaction', {
          method: 'POST',
          body: JSON.stringify(body),
        }),
      );
    const res = await direct(plainWithCondition);
    expect([res.status, await res.json()]).toEqual([
      400,
      expect.objectContaining({ code: 'BAD_REQUEST' }),
    ]);
    let tx = kvs.transact();
    for (let i = 0; i < 26; i++) tx = tx.set(`k${i}`, i);
    expect((await kvsError(() => tx.execute())).code).toBe('BAD_REQUEST');
    const twice = kvs.transact().set('k', 1).delete('k');
    expect((await kvsError(() => twice.execute())).code).toBe('BAD_REQUEST');
    expect(forge.kvs.keys()).toEqual([]);
  });
});
