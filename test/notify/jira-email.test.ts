import { contentText } from '../../src/domain/alerts/content';
import type { JiraEmailConfig } from '../../src/domain/channels';
import { jiraEmailNotifier } from '../../src/notify/jira-email';
import { jiraIssueNotifier } from '../../src/notify/jira-issue';
import { testNotification } from '../../src/notify/deliver-test';
import type { Notification } from '../../src/notify/types';
import { at, base, context, DAY, notify, only, OWNER, sweep, T0 } from './fixtures';
import { FakeJira } from './jira-double';

const config = (extra: Partial<JiraEmailConfig> = {}): JiraEmailConfig => ({
  ...base('jira-email'),
  notifyOwner: true,
  groupName: 'jira-admins',
  ...extra,
});

let jira: FakeJira;
beforeEach(() => {
  jira = new FakeJira();
});

const send = (n: Notification, c = config()) =>
  jiraEmailNotifier.send(n, c, null, context({ jira: jira.port }));

/** Opens the incident's issue through the Jira issue channel, as the delivery layer would first. */
async function withIssue(n: Notification): Promise<void> {
  const issueChannel = {
    ...base('jira-issue'),
    projectKey: 'OPS',
    issueType: 'Task',
    assignOwner: true,
  };
  await jiraIssueNotifier.send(n, issueChannel, null, context({ jira: jira.port }));
}

describe('Email through Jira', () => {
  it("mails the owner and the group through Jira's notify on the incident's issue", async () => {
    const s = sweep();
    const n = notify(s, only(s, 'rejected', at(0)));
    await withIssue(n);
    expect(await send(n)).toEqual({
      ok: true,
      retryable: false,
      detail: 'Jira mailed about OPS-1',
      jiraIssueKey: 'OPS-1',
    });
    expect(jira.mails).toHaveLength(1);
    const { key, body } = jira.mails[0]!;
    expect(key).toBe('OPS-1');
    expect(body).toEqual({
      subject: '[Token Health] CI bot: its credential is refused',
      textBody: contentText(n.content),
      htmlBody: expect.stringContaining('<h2>CI bot: its credential is refused</h2>'),
      to: {
        reporter: false,
        assignee: true,
        watchers: false,
        voters: false,
        users: [{ accountId: OWNER }],
        groups: [{ name: 'jira-admins' }],
        groupIds: [],
      },
    });
    expect(body.htmlBody).toContain(`<a href="${n.content.adminUrl}">Open Token Health</a>`);
  });

  it('uses the key the alert carries, or a group ID, and escapes HTML', async () => {
    const s = sweep();
    s.rec.config.name = 'CI <bot> & co';
    const n = notify(s, only(s, 'rejected', at(0)));
    await withIssue(n);
    const withKey = { ...n, jiraIssueKey: 'OPS-1' };
    const groupId = '952d12c3-5b5b-4d04-bb32-44d383afc4b2';
    await send(withKey, config({ notifyOwner: false, groupName: undefined, groupId }));
    const body = jira.mails[0]!.body as { htmlBody: string; to: Record<string, unknown> };
    expect(body.to).toMatchObject({ assignee: false, users: [], groups: [], groupIds: [groupId] });
    expect(body.htmlBody).toContain('CI &#60;bot&#62; &#38; co');
    expect(jira.calls.filter((c) => c.path.includes('search'))).toHaveLength(1);
  });

  it('finds the open issue of an expiry warning, which has no incident', async () => {
    const s = sweep();
    const n = notify(s, only(s, 'expiring', at(0), new Date(T0 + 5 * DAY).toISOString()));
    await withIssue(n);
    expect(await send(n)).toMatchObject({ ok: true, jiraIssueKey: 'OPS-1' });
  });

  it('mails a recovery about the issue the Jira issue channel just closed', async () => {
    const s = sweep();
    await withIssue(notify(s, only(s, 'rejected', at(0))));
    const recovery = notify(s, only(s, 'healthy', at(1)));
    await withIssue(recovery);
    expect(jira.issues.get('OPS-1')!.status.category).toBe('done');
    expect(await send(recovery)).toMatchObject({ ok: true, jiraIssueKey: 'OPS-1' });
  });

  it('needs a Jira issue channel: without an issue nothing is mailed, and retrying will not help', async () => {
    const s = sweep();
    expect(await send(notify(s, only(s, 'rejected', at(0))))).toEqual({
      ok: false,
      retryable: false,
      detail: 'needs a Jira issue channel: Jira mails only about an issue, and none is open',
    });
    expect(jira.mails).toHaveLength(0);
  });

  it('has no one to mail when the integration has no owner and no group is set', async () => {
    const s = sweep(null);
    const n = { ...notify(s, only(s, 'rejected', at(0))), jiraIssueKey: 'OPS-1' };
    expect(await send(n, config({ groupName: undefined }))).toMatchObject({
      ok: false,
      retryable: false,
      detail: 'no recipient: the integration has no owner and no group is set',
    });
  });

  it.each([
    [500, true],
    [429, true],
    [400, false],
    [403, false],
    [404, false],
  ])('a %i from notify is retryable: %s', async (status, retryable) => {
    const s = sweep();
    const n = { ...notify(s, only(s, 'rejected', at(0))), jiraIssueKey: 'OPS-1' };
    jira.failNext('POST', /\/notify$/, status, { errorMessages: ['no'] });
    expect(await send(n)).toEqual({
      ok: false,
      retryable,
      detail: `Jira could not mail about OPS-1 (${status}): no`,
    });
  });

  it('validates its recipients', () => {
    expect(jiraEmailNotifier.validate(config(), null)).toEqual({});
    expect(
      jiraEmailNotifier.validate(config({ notifyOwner: false, groupName: ' ' }), null),
    ).toEqual({ notifyOwner: 'Mail the owner, a group, or both' });
    expect(jiraEmailNotifier.validate(config({ groupId: 'abc' }), null)).toEqual({
      groupId: 'Give the group by name or by ID, not both',
    });
  });
});

describe('Email through Jira, Send test alert', () => {
  const place = { projectKey: 'OPS', issueType: 'Task' };
  const test = (requestedBy = 'acc-admin') =>
    testNotification('Ops mail', new Date(T0), 'https://acme.atlassian.net/admin', {
      requestedBy,
      issuePlace: place,
    });

  it('still closes its test issue when Jira refuses the mail, and says why', async () => {
    jira.failNext('POST', /\/notify$/, 403, { errorMessages: ['Outgoing mail is disabled.'] });
    const result = await send(test());
    expect(result).toEqual({
      ok: false,
      retryable: false,
      detail:
        'opened OPS-1 for the test; Jira could not mail about OPS-1 (403): Outgoing mail is disabled.; commented; moved OPS-1 to Done',
    });
    expect(jira.issues.get('OPS-1')?.status.name).toBe('Done');
  });

  it('mails only the group when the channel does not mail the owner, and leaves the issue unassigned', async () => {
    await send(test(), config({ notifyOwner: false }));
    expect(jira.mails[0]?.body.to).toMatchObject({ assignee: false, users: [] });
    expect(jira.issues.get('OPS-1')?.assignee).toBeNull();
  });
});

describe('Email through Jira, an issue without an assignee', () => {
  it('mails again without the assignee when Jira refuses an unassigned issue’s assignee as recipient', async () => {
    const s = sweep();
    const n = notify(s, only(s, 'rejected', at(0)));
    const issueChannel = {
      ...base('jira-issue'),
      projectKey: 'OPS',
      issueType: 'Task',
      assignOwner: false,
    };
    await jiraIssueNotifier.send(n, issueChannel, null, context({ jira: jira.port }));
    expect(await send(n)).toMatchObject({ ok: true, detail: 'Jira mailed about OPS-1' });
    expect(jira.mails.map((m) => (m.body.to as { assignee: boolean }).assignee)).toEqual([false]);
    expect(jira.calls.filter((c) => c.path.endsWith('/notify'))).toHaveLength(2);
  });
});
