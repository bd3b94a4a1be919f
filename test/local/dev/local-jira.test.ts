import { localJira, userDirectory, type LocalUser } from '../../../local/dev/product';
import type { ProductRequest } from '../../../local/forge-runtime';

const person = (accountId: string, displayName: string): LocalUser => ({
  accountId,
  displayName,
  emailAddress: `${accountId}@acme.example`,
});
const ADMIN = person('local-admin', 'Local admin');
const PEOPLE = Array.from({ length: 12 }, (_, i) => person(`p${i}`, `Person ${i}`));
const jira = localJira(ADMIN, userDirectory([ADMIN, ...PEOPLE]), () => undefined);

function get(path: string) {
  const req: ProductRequest = {
    product: 'jira',
    provider: 'app',
    asUser: null,
    method: 'GET',
    path,
    headers: {},
  };
  return jira(req);
}

const bulk = (ids: string[], extra = '') =>
  get(`/rest/api/3/user/bulk?${ids.map((id) => `accountId=${id}`).join('&')}${extra}`);

describe("the local Jira's user lookups, as Jira's REST v3 spec describes them", () => {
  it('answers bulk get users with a page of the known users, leaving out unknown ids', async () => {
    const answer = await bulk(['p1', 'gone', 'local-admin'], '&maxResults=50');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ startAt: 0, maxResults: 50, total: 2, isLast: true });
    const values = (answer.body as { values: LocalUser[] }).values;
    expect(values.map((u) => [u.accountId, u.displayName])).toEqual([
      ['p1', 'Person 1'],
      ['local-admin', 'Local admin'],
    ]);
  });

  it('pages bulk get users by 10 unless maxResults says otherwise, from startAt', async () => {
    const ids = PEOPLE.map((p) => p.accountId);
    const first = (await bulk(ids)).body as { values: unknown[]; isLast: boolean };
    expect([first.values.length, first.isLast]).toEqual([10, false]);
    const rest = (await bulk(ids, '&startAt=10')).body as { values: LocalUser[]; isLast: boolean };
    expect(rest.values.map((u) => u.accountId)).toEqual(['p10', 'p11']);
    expect(rest.isLast).toBe(true);
  });

  it('refuses bulk get users without an accountId with 400', async () => {
    expect((await get('/rest/api/3/user/bulk?maxResults=10')).status).toBe(400);
  });

  it('finds users by name or email for the user search', async () => {
    const answer = await get('/rest/api/3/user/search?query=PERSON%2011');
    expect((answer.body as LocalUser[]).map((u) => u.accountId)).toEqual(['p11']);
  });
});
