// First: the local platform must be installed before the app's code loads @forge/api.
import { ADMIN, call } from './support';
import { LocalForge } from '../../local/forge-runtime';
import { APP_DIR } from '../support/app';
import * as app from '../../src/index';

const RESOLVER_LIMIT_MS = 25_000;

describe('the admin guard when Jira is slow to answer', () => {
  let forge: LocalForge;
  const release: (() => void)[] = [];

  beforeAll(async () => {
    // Jira answering mypermissions only after the resolver limit: a slow permission service.
    const slowJira = () =>
      new Promise<{ status: number; body: unknown }>((resolve) => {
        const answer = () =>
          resolve({
            status: 200,
            body: { permissions: { ADMINISTER: { key: 'ADMINISTER', havePermission: true } } },
          });
        const timer = setTimeout(answer, RESOLVER_LIMIT_MS + 5_000);
        release.push(() => {
          clearTimeout(timer);
          answer();
        });
      });
    forge = await LocalForge.start({ appDir: APP_DIR, loadHandlers: () => app, product: slowJira });
  });

  afterAll(async () => {
    release.forEach((r) => r());
    await forge.stop();
  });

  it('refuses in plain words well inside the resolver limit, and stores nothing', async () => {
    const before = forge.kvs.dump();
    const started = Date.now();
    const answer = await call(
      forge,
      'saveSettings',
      { warnDays: [10], defaultInterval: '5m' },
      ADMIN,
    );
    const took = Date.now() - started;
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'FORBIDDEN',
        message: expect.stringMatching(/could not confirm your permissions just now/),
      },
    });
    expect(took).toBeLessThan(RESOLVER_LIMIT_MS);
    expect(forge.kvs.dump()).toEqual(before);
  }, 20_000);
});
