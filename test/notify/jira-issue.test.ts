import type { JiraIssueConfig } from '../../src/domain/channels';
import { jiraIssueNotifier } from '../../src/notify/jira-issue';
import type { Notification, SendResult } from '../../src/notify/types';
import { at, base, context, DAY, notify, only, OWNER, sweep, T0 } from './fixtures';
import { FakeJira, type FakeIssue } from './jira-double';

const config = (extra: Partial<JiraIssueConfig> = {}): JiraIssueConfig => ({
  ...base('jira-issue'),
  projectKey: 'OPS',
  issueType: 'Task',
  assignOwner: true,
  ...extra,
});

let jira: FakeJira;
beforeEach(() => {
  jira = new FakeJira();
});

const send = (n: Notification, c = config()): Promise<SendResult> =>
  jiraIssueNotifier.send(n, c, null, context({ jira: jira.port }));

/** Text of every ADF text node, in order: what a reader of the issue sees. */
function adfText(doc: unknown): string {
  const node = doc as { text?: string; content?: unknown[] };
  return [node.text ?? '', ...(node.content ?? []).map(adfText)].join(' ');
}

function issue(key: string): FakeIssue {
  const found = jira.issues.get(key);
  if (!found) throw new Error(`no issue ${key}`);
  return found;
}

describe('Jira issue channel: one issue per incident', () => {
  it('opens an assigned issue, comments a reminder, and closes it on recovery', async () => {
    const s = sweep();
    const opened = await send(notify(s, only(s, 'rejected', at(0))));
    expect(opened).toEqual({
      ok: true,
      retryable: false,
      detail: 'opened OPS-1, assigned to the owner',
      jiraIssueKey: 'OPS-1',
    });
    const created = issue('OPS-1');
    expect(created.assignee).toBe(OWNER);
    expect(created.fields).toMatchObject({
      project: { key: 'OPS' },
      issuetype: { name: 'Task' },
      summary: 'CI bot: its credential is refused',
      labels: ['token-health'],
    });
    expect(adfText(created.fields.description)).toContain('answered 401');
    expect(created.properties['token-health']).toEqual({
      integrationId: 'int-1',
      incidentId: 'int-1:after:never',
      openedBy: s.log[0]!.idempotencyKey,
    });

    // The delivery layer records the key on the incident; later alerts carry it.
    s.state!.incident!.jiraIssueKey = opened.jiraIssueKey!;
    const reminder = await send(notify(s, only(s, 'rejected', at(25))));
    expect(reminder).toMatchObject({
      ok: true,
      detail: 'commented on OPS-1',
      jiraIssueKey: 'OPS-1',
    });
    expect(adfText(created.comments[0]!.body)).toContain('Still failing for');

    const recovered = await send(notify(s, only(s, 'healthy', at(30))));
    expect(recovered).toMatchObject({
      ok: true,
      detail: 'commented on OPS-1; moved OPS-1 to Done',
    });
    expect(adfText(created.comments[1]!.body)).toContain('Recovered: CI bot works again');
    expect(created.history).toEqual(['To Do', 'Done']);
    expect(jira.issues.size).toBe(1);
  });

  it('opens no second issue while one is open for the integration', async () => {
    const s = sweep();
    const first = notify(s, only(s, 'rejected', at(0)));
    await send(first);
    // A redelivery of the same alert finds the issue it opened and adds nothing.
    expect(await send(first)).toMatchObject({ ok: true, detail: 'OPS-1 was already opened' });
    expect(issue('OPS-1').comments).toHaveLength(0);

    // The workflow has no done status: the next incident joins the issue still open.
    jira.workflow = [];
    s.state!.incident!.jiraIssueKey = 'OPS-1';
    expect((await send(notify(s, only(s, 'healthy', at(1))))).detail).toBe(
      'commented on OPS-1; its workflow offers no transition to a done status, so OPS-1 stays open',
    );
    const again = await send(notify(s, only(s, 'anonymous', at(2))));
    expect(again).toMatchObject({ ok: true, detail: 'commented on OPS-1', jiraIssueKey: 'OPS-1' });
    expect(jira.issues.size).toBe(1);
  });

  it('opens a new issue once the last one is done', async () => {
    const s = sweep();
    await send(notify(s, only(s, 'rejected', at(0))));
    jira.setStatus('OPS-1', { name: 'Done', category: 'done' });
    s.check('healthy', at(1));
    const next = await send(notify(s, only(s, 'expired', at(2))));
    expect(next).toMatchObject({ ok: true, jiraIssueKey: 'OPS-2' });
  });

  it('comments each expiry threshold on the issue the first one opened', async () => {
    const s = sweep();
    const expires = new Date(T0 + 20 * DAY).toISOString();
    expect(await send(notify(s, only(s, 'expiring', at(0), expires)))).toMatchObject({
      jiraIssueKey: 'OPS-1',
    });
    const week = await send(notify(s, only(s, 'expiring', at(14 * 24), expires)));
    expect(week).toMatchObject({ ok: true, detail: 'commented on OPS-1' });
    expect(issue('OPS-1').properties['token-health']).toMatchObject({ incidentId: null });
  });

  it('does not comment twice when an alert is redelivered', async () => {
    const s = sweep();
    await send(notify(s, only(s, 'rejected', at(0))));
    s.state!.incident!.jiraIssueKey = 'OPS-1';
    const reminder = notify(s, only(s, 'rejected', at(25)));
    await send(reminder);
    expect(await send(reminder)).toMatchObject({
      ok: true,
      detail: 'OPS-1 already had this comment',
    });
    expect(issue('OPS-1').comments).toHaveLength(1);
  });

  it('opens the issue unassigned when Jira refuses the owner, and says so', async () => {
    jira.unassignable.add(OWNER);
    const s = sweep();
    const result = await send(notify(s, only(s, 'rejected', at(0))));
    expect(result.ok).toBe(true);
    expect(result.detail).toMatch(
      /^opened OPS-1; Jira would not assign it to the owner \(assignee: /,
    );
    expect(issue('OPS-1').assignee).toBeNull();
    expect(jira.calls.filter((c) => c.method === 'POST')).toHaveLength(2);
  });

  it('leaves the assignee out when the channel does not assign or there is no owner', async () => {
    const s = sweep(null);
    await send(notify(s, only(s, 'rejected', at(0))));
    const t = sweep();
    t.rec.id = 'int-2';
    await send(notify(t, only(t, 'rejected', at(0))), config({ assignOwner: false }));
    expect([issue('OPS-1').assignee, issue('OPS-2').assignee]).toEqual([null, null]);
  });

  it('uses an issue type ID, custom labels, and a recovery with nothing open closes nothing', async () => {
    const s = sweep();
    await send(
      notify(s, only(s, 'rejected', at(0))),
      config({ issueType: '10002', labels: ['ops'] }),
    );
    expect(issue('OPS-1').fields).toMatchObject({ issuetype: { id: '10002' }, labels: ['ops'] });
    jira.setStatus('OPS-1', { name: 'Done', category: 'done' });
    const recovery = await send(notify(s, only(s, 'healthy', at(1))));
    expect(recovery).toEqual({ ok: true, retryable: false, detail: 'no open issue to close' });
  });

  it('starts over when the incident issue was deleted', async () => {
    const s = sweep();
    await send(notify(s, only(s, 'rejected', at(0))));
    s.state!.incident!.jiraIssueKey = 'OPS-9';
    const reminder = await send(notify(s, only(s, 'rejected', at(25))));
    expect(reminder).toMatchObject({
      ok: true,
      detail: 'commented on OPS-1',
      jiraIssueKey: 'OPS-1',
    });
  });

  it('says so when the issue is already done at recovery', async () => {
    const s = sweep();
    await send(notify(s, only(s, 'rejected', at(0))));
    s.state!.incident!.jiraIssueKey = 'OPS-1';
    jira.setStatus('OPS-1', { name: 'Closed', category: 'done' });
    const recovery = await send(notify(s, only(s, 'healthy', at(1))));
    expect(recovery.detail).toBe('commented on OPS-1; OPS-1 was already done');
  });
});

describe('Jira issue channel: failures', () => {
  const failing = () => {
    const s = sweep();
    return notify(s, only(s, 'rejected', at(0)));
  };

  it.each([
    [500, true],
    [503, true],
    [429, true],
    [400, false],
    [401, false],
    [403, false],
  ])('a %i from Jira is retryable: %s', async (status, retryable) => {
    jira.failNext('POST', /^\/rest\/api\/3\/issue$/, status, { errorMessages: ['nope'] });
    const result = await send(failing());
    expect(result).toEqual({
      ok: false,
      retryable,
      detail: `Jira could not create the issue (${status}): nope`,
    });
  });

  it('a failed search opens nothing', async () => {
    jira.failNext('GET', /search\/jql/, 503);
    expect(await send(failing())).toMatchObject({ ok: false, retryable: true });
    expect(jira.issues.size).toBe(0);
  });

  it('a platform error thrown by requestJira is retryable', async () => {
    const throwing = () => Promise.reject(Object.assign(new Error('429'), { name: 'PROXY_ERR' }));
    const result = await jiraIssueNotifier.send(
      failing(),
      config(),
      null,
      context({ jira: throwing }),
    );
    expect(result).toEqual({
      ok: false,
      retryable: true,
      detail:
        'Jira could not search for an open issue (no answer): the Forge platform failed the call (PROXY_ERR)',
    });
  });

  it('a transition Jira refuses leaves the recovery sent, and a 5xx retries it', async () => {
    const s = sweep();
    await send(notify(s, only(s, 'rejected', at(0))));
    s.state!.incident!.jiraIssueKey = 'OPS-1';
    const recovery = notify(s, only(s, 'healthy', at(1)));
    jira.failNext('POST', /transitions$/, 500);
    expect(await send(recovery)).toMatchObject({ ok: false, retryable: true });
    jira.failNext('POST', /transitions$/, 400, {
      errors: { resolution: 'Resolution is required.' },
    });
    expect(await send(recovery)).toMatchObject({
      ok: true,
      detail:
        'OPS-1 already had this comment; could not move OPS-1 to Done (400: resolution: Resolution is required.)',
    });
    expect(issue('OPS-1').comments).toHaveLength(1);
  });

  it('refuses settings it would fail with', async () => {
    expect(jiraIssueNotifier.validate(config(), null)).toEqual({});
    expect(
      jiraIssueNotifier.validate(
        config({ projectKey: 'ops', issueType: ' ', labels: ['a b'] }),
        null,
      ),
    ).toEqual({
      projectKey: 'Enter a project key, such as OPS',
      issueType: 'Enter an issue type name or ID',
      labels: 'A label cannot be empty or contain spaces: "a b"',
    });
    const result = await send(failing(), config({ projectKey: '' }));
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(jira.calls).toHaveLength(0);
  });
});
