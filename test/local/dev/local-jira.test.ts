import { localJira, userDirectory, type LocalUser } from '../../../local/dev/product';
import type { ProductRequest } from '../../../local/forge-runtime';
import { testNotification } from '../../../src/notify/deliver-test';
import type { JiraEmailConfig, JiraIssueConfig } from '../../../src/domain/channels';
import { jiraEmailNotifier } from '../../../src/notify/jira-email';
import { jiraIssueNotifier } from '../../../src/notify/jira-issue';
import type { JiraPort } from '../../../src/notify/types';

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

describe("the local Jira's issues, as the Jira channels use them", () => {
  const lines: string[] = [];
  const issues = localJira(ADMIN, userDirectory([ADMIN, ...PEOPLE]), (l) => lines.push(l));
  /** The app's JiraPort over the double: JSON in and out, as requestJira does. */
  const port: JiraPort = async (method, path, body) => {
    const answer = await issues({
      product: 'jira',
      provider: 'app',
      asUser: null,
      method,
      path,
      headers: {},
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: answer.status, body: answer.body ?? null };
  };
  const channel: JiraIssueConfig = {
    id: 'c1',
    type: 'jira-issue',
    name: 'Ops issues',
    enabled: true,
    role: 'primary',
    digest: false,
    projectKey: 'OPS',
    issueType: 'Task',
    assignOwner: true,
  };
  const mail: JiraEmailConfig = { ...channel, type: 'jira-email', notifyOwner: true };
  const ctx = { fetch: globalThis.fetch as never, jira: port, now: new Date() };
  const test = testNotification('Ops issues', new Date(), 'https://acme.example/admin');

  it("opens, comments on and closes the issue channel's test issue", async () => {
    const result = await jiraIssueNotifier.send(test, channel, null, ctx);
    expect(result).toMatchObject({
      ok: true,
      detail: 'opened OPS-1; commented; moved OPS-1 to Done',
    });
    expect(lines).toContain('[jira] moved OPS-1 to Done');
  });

  it('finds an open issue again by JQL, comments on it, and mails its owner about it', async () => {
    const alert = { ...test.alert, integrationId: 'int-7', idempotencyKey: 'fail:int-7:1' };
    const failure = { ...test, alert, ownerAccountId: 'p3', about: undefined };
    const opened = await jiraIssueNotifier.send(failure, channel, null, ctx);
    expect(opened).toMatchObject({ ok: true, jiraIssueKey: 'OPS-2' });
    const again = { ...failure, alert: { ...alert, idempotencyKey: 'remind:int-7:2' } };
    expect(await jiraIssueNotifier.send(again, channel, null, ctx)).toMatchObject({
      detail: 'commented on OPS-2',
    });
    expect(await jiraEmailNotifier.send(again, mail, null, ctx)).toMatchObject({
      ok: true,
      detail: 'Jira mailed about OPS-2',
    });
    expect(lines.some((l) => l.startsWith('[jira] mail about OPS-2 to Person 3'))).toBe(true);
  });

  it('answers 404 for a project it does not have, and refuses to create an issue in one', async () => {
    expect((await port('GET', '/rest/api/3/project/OPS')).status).toBe(200);
    const missing = await port('GET', '/rest/api/3/project/NOPE');
    expect(missing).toEqual({
      status: 404,
      body: { errorMessages: ["No project could be found with key 'NOPE'."], errors: {} },
    });
    const created = await port('POST', '/rest/api/3/issue', {
      fields: { project: { key: 'NOPE' }, issuetype: { name: 'Epic' }, summary: 'x' },
    });
    expect(created).toEqual({
      status: 400,
      body: {
        errorMessages: [],
        errors: {
          project: 'Specify a valid project ID or key',
          issuetype: 'valid issue type is required',
        },
      },
    });
  });

  it('refuses a transition the issue does not offer, JQL it cannot read, and a mail to nobody', async () => {
    const moved = await port('POST', '/rest/api/3/issue/OPS-1/transitions', {
      transition: { id: '31' },
    });
    expect(moved.body).toEqual({
      errorMessages: ["Transition id '31' is not valid for this issue."],
      errors: {},
    });
    const search = await port('GET', '/rest/api/3/search/jql?jql=assignee%20%3D%20currentUser()');
    expect(search.status).toBe(400);
    const nobody = await port('POST', '/rest/api/3/issue/OPS-1/notify', { to: { users: [] } });
    expect(nobody.status).toBe(400);
    expect((await port('GET', '/rest/api/3/issue/OPS-99')).status).toBe(404);
  });
});
