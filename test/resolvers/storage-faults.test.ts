// First: the local platform must be installed before the app's code loads @forge/api.
import { call, data, startAdminApp } from './support';
import { kvs } from '@forge/kvs';
import type { LocalForge } from '../../local/forge-runtime';
import { answering, type TestServer } from '../support/server';
import { overviewOf } from '../../src/frontend/overview-pages';

const TOKEN = 'ghp_storageFaultsTestToken00000001';
/** More failures in a row than the storage retries ride out. */
const OUTAGE = 4;

/** Create and delete through the real resolvers while KVS answers 429 and 500. */
describe('create and delete when storage fails part-way', () => {
  let github: TestServer;
  let forge: LocalForge;

  beforeAll(async () => {
    github = await answering(200, { login: 'ci-bot', id: 7 });
    forge = await startAdminApp([github]);
  });
  afterAll(async () => {
    await forge.stop();
    await github.close();
  });
  afterEach(() => forge.kvs.clearFaults());

  const create = () =>
    call(forge, 'createIntegration', {
      config: { kind: 'github-token', name: 'CI bot', baseUrl: github.url },
      secret: TOKEN,
    });
  const created = async () => {
    const answer = await create();
    if (!answer.ok) throw new Error(JSON.stringify(answer.error));
    return answer.data.id;
  };
  const secrets = () => Object.keys(forge.kvs.dump().secrets);
  const keysOf = (id: string) => forge.kvs.keys().filter((k) => k.includes(id));

  it('creates through a KVS 429 on the record write', async () => {
    forge.kvs.failNext(1, { status: 429, op: 'set' });
    const id = await created();
    expect(forge.kvs.get(`integration:${id}`)).toMatchObject({ id });
    expect(forge.kvs.getSecret(`secret:${id}`)).toBe(TOKEN);
  });

  it('keeps no secret when the record cannot be written, and says so in plain words', async () => {
    const before = secrets();
    const rows = forge.kvs.keys();
    forge.kvs.failNext(OUTAGE, { status: 500, op: 'set' });
    expect(await create()).toEqual({
      ok: false,
      error: {
        code: 'UNAVAILABLE',
        message: expect.stringMatching(
          /^Storage is not answering, so the integration was not saved/,
        ),
      },
    });
    expect(secrets()).toEqual(before);
    expect(forge.kvs.keys()).toEqual(rows);
  });

  it('deletes the secret through a KVS 500 on its removal', async () => {
    const id = await created();
    forge.kvs.failNext(2, { status: 500, op: 'secret/delete' });
    expect(await call(forge, 'deleteIntegration', { id })).toEqual({ ok: true, data: { id } });
    expect(forge.kvs.getSecret(`secret:${id}`)).toBeUndefined();
    expect(keysOf(id)).toEqual([]);
  });

  it('keeps the row of a delete that failed part-way, and a second delete removes the secret', async () => {
    const id = await created();
    await data(forge, 'checkNow', { id });
    forge.kvs.failNext(OUTAGE, { status: 500, op: 'secret/delete' });
    expect(await call(forge, 'deleteIntegration', { id })).toEqual({
      ok: false,
      error: {
        code: 'UNAVAILABLE',
        message: expect.stringMatching(/may be only partly deleted\. Delete it again/),
      },
    });
    const overview = overviewOf(await data(forge, 'getOverview', {}));
    expect(overview.integrations.map((r) => r.id)).toContain(id);

    expect(await call(forge, 'deleteIntegration', { id })).toEqual({ ok: true, data: { id } });
    expect(forge.kvs.getSecret(`secret:${id}`)).toBeUndefined();
    expect(keysOf(id)).toEqual([]);
  });

  it('removes what is left of an integration whose record is gone: secret, status, row, history, alert state', async () => {
    const id = await created();
    await data(forge, 'checkNow', { id });
    forge.kvs.set(`alert:${id}`, { expiry: null, incident: null });
    await forge.run(() => kvs.delete(`integration:${id}`));
    expect(
      keysOf(id)
        .map((k) => k.split(':')[0])
        .sort(),
    ).toEqual(['alert', 'checked', 'history', 'revision', 'status', 'summary']);

    expect(await call(forge, 'deleteIntegration', { id })).toEqual({ ok: true, data: { id } });
    expect(forge.kvs.getSecret(`secret:${id}`)).toBeUndefined();
    expect(keysOf(id)).toEqual([]);
  });

  it('answers a delete of an integration that never existed as not found', async () => {
    expect(await call(forge, 'deleteIntegration', { id: 'no-such-id' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringMatching(/no such integration/) },
    });
  });
});
