// First: the local platform must be installed before the app's code loads @forge/api.
import { ADMIN, data } from './support';
import { LocalForge, type ProductRequest } from '../../local/forge-runtime';
import { localJira, userDirectory, type LocalUser } from '../../local/dev/product';
import { APP_DIR, appHandlers } from '../support/app';
import { fakeDateOnly } from '../support/clock';
import { sendJson, startServer, type TestServer } from '../support/server';
import { overviewOf } from '../../src/frontend/overview-pages';

const person = (accountId: string, displayName: string): LocalUser => ({
  accountId,
  displayName,
  emailAddress: `${accountId}@acme.example`,
});
const ADA = person(ADMIN, 'Ada Admin');
const PRIYA = person('acc-priya', 'Priya Raman');
const BOT = person('acc-bot', 'Build Bot');
/** An account Jira does not know (deleted, or of another organisation). */
const GONE = 'acc-gone';
const TOKEN = 'ghp_ownerNamesToken000000000000000001';
const DAY_MS = 86_400_000;

describe('owners and identities by name', () => {
  let forge: LocalForge;
  let site: TestServer;
  const bulk: ProductRequest[] = [];
  /** Jira's answer to the next bulk lookups instead of the double's, while set. */
  let jiraDown: number | null = null;
  /** Jira's own cap on a page of the bulk answer, below what the app asks for, while set. */
  let pageCap: number | null = null;

  const overview = async () => overviewOf(await data(forge, 'getOverview', {}));
  const ownerNames = async () =>
    Object.fromEntries(
      (await overview()).integrations.map((row) => [row.ownerAccountId, row.ownerName ?? null]),
    );
  const create = (name: string, ownerAccountId: string) =>
    data(forge, 'createIntegration', {
      config: { kind: 'github-token', name, baseUrl: site.url },
      secret: TOKEN,
      ownerAccountId,
    });

  beforeAll(async () => {
    fakeDateOnly(Date.now());
    // Jira's Get current user for an API token, naming the account by id only.
    site = await startServer((req, res) =>
      req.path === '/rest/api/3/myself'
        ? sendJson(res, 200, { accountId: BOT.accountId, accountType: 'atlassian' })
        : sendJson(res, 200, { login: 'ci-bot', id: 7 }),
    );
    const jira = localJira(ADA, userDirectory([ADA, PRIYA, BOT]), () => undefined);
    forge = await LocalForge.start({
      appDir: APP_DIR,
      loadHandlers: appHandlers(),
      extraEgress: [site.url],
      product: (req) => {
        if (!req.path.startsWith('/rest/api/3/user/bulk')) return jira(req);
        bulk.push(req);
        if (jiraDown !== null) return { status: jiraDown, body: {} };
        if (pageCap === null) return jira(req);
        const url = new URL(req.path, 'https://jira.invalid');
        url.searchParams.set('maxResults', String(pageCap));
        return jira({ ...req, path: `${url.pathname}${url.search}` });
      },
    });
    await create('Deploy bot', PRIYA.accountId);
    await create('Release bot', ADMIN);
    await create('Old bot', GONE);
  });
  afterAll(async () => {
    await forge.stop();
    await site.close();
    jest.useRealTimers();
  });
  beforeEach(() => {
    bulk.length = 0;
    jiraDown = null;
    pageCap = null;
  });

  it('a failed lookup still loads the overview with the ids alone, and is asked again next time', async () => {
    jiraDown = 500;
    const view = await overview();
    expect(view.integrations.map((row) => row.ownerAccountId).sort()).toEqual(
      [ADMIN, PRIYA.accountId, GONE].sort(),
    );
    expect(view.integrations.every((row) => row.ownerName === undefined)).toBe(true);
    jiraDown = null;
    expect(await ownerNames()).toMatchObject({ [PRIYA.accountId]: 'Priya Raman' });
    expect(bulk).toHaveLength(2);
  });

  it('names every owner Jira knows with one bulk request as the app, keeping each id beside its name', async () => {
    jest.setSystemTime(Date.now() + 2 * DAY_MS); // past the cache of the test before
    expect(await ownerNames()).toEqual({
      [PRIYA.accountId]: 'Priya Raman',
      [ADMIN]: 'Ada Admin',
      [GONE]: null,
    });
    expect(bulk).toHaveLength(1);
    const url = new URL(bulk[0]!.path, 'https://jira.invalid');
    expect(url.searchParams.getAll('accountId').sort()).toEqual(
      [ADMIN, PRIYA.accountId, GONE].sort(),
    );
    expect(bulk[0]).toMatchObject({ provider: 'app', asUser: null, method: 'GET' });
  });

  it('answers from the cache for a day without asking Jira, then asks again', async () => {
    await overview();
    bulk.length = 0;
    jest.setSystemTime(Date.now() + DAY_MS - 60_000);
    expect(await ownerNames()).toMatchObject({ [ADMIN]: 'Ada Admin', [GONE]: null });
    expect(bulk).toHaveLength(0);
    jest.setSystemTime(Date.now() + 2 * 60_000);
    expect(await ownerNames()).toMatchObject({ [ADMIN]: 'Ada Admin' });
    expect(bulk).toHaveLength(1);
  });

  it('follows the pages of a bulk answer when Jira holds back some of the users asked for', async () => {
    jest.setSystemTime(Date.now() + 2 * DAY_MS);
    pageCap = 1;
    expect(await ownerNames()).toEqual({
      [PRIYA.accountId]: 'Priya Raman',
      [ADMIN]: 'Ada Admin',
      [GONE]: null,
    });
    expect(
      bulk.map((r) => new URL(r.path, 'https://jira.invalid').searchParams.get('startAt')),
    ).toEqual(['0', '1']);
  });

  it('the detail names the owner, and the identity a probe learned only as an Atlassian account id', async () => {
    const created = await data(forge, 'createIntegration', {
      config: {
        kind: 'atlassian-api-token',
        name: 'Jira bot',
        baseUrl: site.url,
        username: 'bot@acme.example',
      },
      secret: 'ATATT3xFfGF0-owner-names-token',
      ownerAccountId: PRIYA.accountId,
    });
    await data(forge, 'checkNow', { id: created.id });
    const detail = await data(forge, 'getIntegration', { id: created.id });
    expect(detail.summary).toMatchObject({
      ownerAccountId: PRIYA.accountId,
      ownerName: 'Priya Raman',
    });
    expect(detail.identity).toEqual({ id: BOT.accountId, displayName: 'Build Bot' });
    expect(JSON.stringify(detail)).not.toContain('ATATT3xFfGF0');
  });

  it('the detail names the account an Atlassian credential is pinned to, by Jira or by the service', async () => {
    const pinnedTo = async (name: string, expectedAccountId: string) => {
      const created = await data(forge, 'createIntegration', {
        config: {
          kind: 'atlassian-api-token',
          name,
          baseUrl: site.url,
          username: 'bot@acme.example',
          expectedAccountId,
        },
        secret: 'ATATT3xFfGF0-pinned-names-token',
      });
      await data(forge, 'checkNow', { id: created.id });
      return data(forge, 'getIntegration', { id: created.id });
    };
    // The site answers for Build Bot: pinned to Priya, the check reports another account.
    const other = await pinnedTo('Pinned elsewhere', PRIYA.accountId);
    expect(other.summary.verdict).toBe('identity-changed');
    expect(other.pinnedName).toBe('Priya Raman');
    expect((await pinnedTo('Pinned here', BOT.accountId)).pinnedName).toBe('Build Bot');
    expect((await pinnedTo('Pinned to nobody known', GONE)).pinnedName).toBeUndefined();
  });

  it('reads the name cache once per answer, also when it asks Jira and saves what it learned', async () => {
    const opsOf = async () => {
      const before = forge.kvs.requests.length;
      await overview();
      return forge.kvs.requests.slice(before).map((r) => r.op);
    };
    await overview();
    const warm = await opsOf();
    await create('Newcomer bot', 'acc-newcomer');
    bulk.length = 0;
    const missed = await opsOf();
    expect(bulk).toHaveLength(1);
    // Asking Jira adds the write of what it said, and no second read of the cache.
    const count = (ops: string[], op: string) => ops.filter((o) => o === op).length;
    expect(count(missed, 'get')).toBe(count(warm, 'get'));
    expect(count(missed, 'set')).toBe(count(warm, 'set') + 1);
  });

  // Last: it adds owners the tests above do not expect.
  it('reads the cached names of every owner with one KVS request, however many owners there are', async () => {
    await overview();
    const kvsBefore = forge.kvs.requests.length;
    await overview();
    const cached = forge.kvs.requests.length - kvsBefore;
    for (let i = 0; i < 30; i += 1) await create(`Crowd bot ${i}`, `acc-crowd-${i}`);
    await overview();
    const before = forge.kvs.requests.length;
    await overview();
    expect(forge.kvs.requests.length - before).toBe(cached);
    expect(bulk.length).toBeGreaterThan(0);
  });
});
