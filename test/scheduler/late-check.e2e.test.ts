// First: the local platform must be installed before the app's code loads @forge/api.
import { call, data, startAdminApp } from '../resolvers/support';
import { statusOf, sweep } from '../support/app';
import type { LocalForge } from '../../local/forge-runtime';
import type { IntegrationStatus } from '../../src/domain/schedule';
import { bearerToken, sendJson, startServer, type TestServer } from '../support/server';
import { fakeDateOnly } from '../support/clock';
import { overviewOf } from '../../src/frontend/overview-pages';

const TOKEN = 'ghp_lateCheckTestToken000000000001';
const NEW_TOKEN = 'ghp_lateCheckTestToken000000000002';
const HOUR = 3_600_000;

/**
 * A check that finishes after the admin changed the integration: the sweep's probe is held at
 * the GitHub double while the admin deletes or edits through the real resolvers, then answered.
 */
describe('a check finishing after the admin changed the integration', () => {
  let github: TestServer;
  let forge: LocalForge;
  /** Runs while the double holds the probe's request, before it answers. */
  let meanwhile: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    fakeDateOnly(Date.now());
    github = await startServer(async (req, res) => {
      const during = meanwhile;
      meanwhile = undefined;
      if (during) await during();
      if (bearerToken(req) === TOKEN) return sendJson(res, 200, { login: 'ci-bot', id: 7 });
      sendJson(res, 401, { message: 'Bad credentials' });
    });
    forge = await startAdminApp([github]);
  });
  afterAll(async () => {
    await forge.stop();
    await github.close();
    jest.useRealTimers();
  });
  // Each test's sweep plans a slot of its own.
  beforeEach(() => jest.setSystemTime(Date.now() + HOUR));

  const config = (name: string) => ({ kind: 'github-token', name, baseUrl: github.url });
  const create = (name: string) =>
    data(forge, 'createIntegration', { config: config(name), secret: TOKEN, interval: '1h' });
  const row = async (id: string) =>
    overviewOf(await data(forge, 'getOverview', {})).integrations.find((r) => r.id === id);
  const keysOf = (id: string) => forge.kvs.keys().filter((k) => k.includes(id));

  it('does not write a deleted integration back, and leaves nothing of it', async () => {
    const { id } = await create('Doomed bot');
    meanwhile = async () => void (await data(forge, 'deleteIntegration', { id }));
    await sweep(forge);

    expect(meanwhile).toBeUndefined();
    expect(await row(id)).toBeUndefined();
    expect(keysOf(id)).toEqual([]);
    expect(forge.kvs.getSecret(`secret:${id}`)).toBeUndefined();
  });

  it('stores the other checks stored with it when one integration is deleted while it is checked', async () => {
    const doomed = await create('Doomed in a crowd');
    const kept = [await create('Kept bot one'), await create('Kept bot two')];
    meanwhile = async () => void (await data(forge, 'deleteIntegration', { id: doomed.id }));
    await sweep(forge);

    expect(keysOf(doomed.id)).toEqual([]);
    for (const { id } of kept) expect((await row(id))?.verdict).toBe('healthy');
  });

  it('keeps the overview row of an edit made while the check ran, with the check result', async () => {
    const { id } = await create('Old name');
    meanwhile = async () =>
      void (await data(forge, 'updateIntegration', {
        id,
        config: config('New name'),
        interval: '6h',
      }));
    await sweep(forge);

    expect(await row(id)).toMatchObject({
      name: 'New name',
      interval: '6h',
      verdict: 'healthy',
    });
    const status = (await statusOf(forge, id)) as IntegrationStatus;
    // The next check follows the edited interval (from the check's planned slot), not the one
    // the check started with.
    const planned = Date.parse(status.lastSlot ?? '');
    expect(Date.parse(status.nextDueAt) - planned).toBe(6 * 3_600_000);
  });

  it('drops the result of a secret replaced while it was checked, which says nothing of the new one', async () => {
    const { id } = await create('Rotated bot');
    meanwhile = async () =>
      void (await data(forge, 'updateIntegration', {
        id,
        config: config('Rotated bot'),
        secret: NEW_TOKEN,
      }));
    await sweep(forge);

    expect(await row(id)).toMatchObject({ verdict: null, secretFingerprint: '…0002' });
    expect(forge.kvs.get(`status:${id}`)).toBeUndefined();
  });

  it('answers a Check now of an integration deleted while it ran as gone, and stores nothing', async () => {
    const { id } = await create('Checked bot');
    meanwhile = async () => void (await data(forge, 'deleteIntegration', { id }));
    const answer = await call(forge, 'checkNow', { id });

    expect(answer).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringMatching(/no such integration/) },
    });
    expect(keysOf(id)).toEqual([]);
  });
});
