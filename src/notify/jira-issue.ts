import { CLOSING_KINDS } from '../domain/alerts/types';
import { adfOf, paragraphOf, type AdfDoc } from './adf';
import { invalidSettings } from './checks';
import { isRetryableStatus } from './http';
import {
  accepted,
  callJira,
  findIssue,
  issuePath,
  ISSUE_PROPERTY,
  jiraErrors,
  JiraFailure,
  knownIssueKey,
  type IssueMark,
} from './jira';
import { shortTitle } from './text';
import type { JiraIssueConfig } from '../domain/channels';
import type { IssuePlace, JiraPort, Notification, Notifier, SendResult } from './types';

export const DEFAULT_ISSUE_LABELS: readonly string[] = ['token-health'];
const SUMMARY_MAX = 255;
const ISSUE = '/rest/api/3/issue';

const labelsOf = (config: IssuePlace): readonly string[] => config.labels ?? DEFAULT_ISSUE_LABELS;

function validate(config: JiraIssueConfig): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!/^[A-Z][A-Z0-9_]*$/.test(config.projectKey)) {
    errors.projectKey = 'Enter a project key, such as OPS';
  }
  if (!config.issueType.trim()) errors.issueType = 'Enter an issue type name or ID';
  const bad = labelsOf(config).find((l) => !/^\S{1,255}$/.test(l));
  if (bad !== undefined) errors.labels = `A label cannot be empty or contain spaces: "${bad}"`;
  return errors;
}

export function issueCreateBody(n: Notification, config: IssuePlace, assignee: string | null) {
  const issuetype = /^\d+$/.test(config.issueType)
    ? { id: config.issueType }
    : { name: config.issueType };
  const mark: IssueMark = {
    integrationId: n.alert.integrationId,
    incidentId: n.alert.incident?.id ?? null,
    openedBy: n.alert.idempotencyKey,
  };
  return {
    fields: {
      project: { key: config.projectKey },
      issuetype,
      summary: shortTitle(n.content, SUMMARY_MAX),
      description: adfOf(n.content, false),
      labels: [...labelsOf(config)],
      ...(assignee ? { assignee: { accountId: assignee } } : {}),
    },
    properties: [{ key: ISSUE_PROPERTY, value: mark }],
  };
}

/** The comment carries its alert's key as a property, so a redelivered alert is recognised. */
export function commentBody(n: Notification): { body: AdfDoc; properties: unknown[] } {
  const value = { idempotencyKey: n.alert.idempotencyKey };
  return { body: adfOf(n.content, true), properties: [{ key: ISSUE_PROPERTY, value }] };
}

const sent = (key: string, detail: string): SendResult => ({
  ok: true,
  retryable: false,
  detail,
  jiraIssueKey: key,
});

function refusesAssignee(body: unknown): boolean {
  const errors = (body as { errors?: Record<string, unknown> } | null)?.errors;
  return errors?.assignee !== undefined;
}

async function openIssue(
  n: Notification,
  config: IssuePlace & { assignOwner: boolean },
  jira: JiraPort,
) {
  const owner = config.assignOwner ? n.ownerAccountId : null;
  let answer = await callJira(jira, 'POST', ISSUE, issueCreateBody(n, config, owner));
  let note = owner ? ', assigned to the owner' : '';
  // An owner who cannot be assigned (no access to the project) must not cost the alert itself.
  if (owner && answer.status === 400 && refusesAssignee(answer.body)) {
    note = `; Jira would not assign it to the owner (${jiraErrors(answer.body)})`;
    answer = await callJira(jira, 'POST', ISSUE, issueCreateBody(n, config, null));
  }
  const key = (accepted(answer, [201], 'create the issue').body as { key?: unknown }).key;
  if (typeof key !== 'string') {
    return { ok: false, retryable: false, detail: 'Jira created an issue but gave no key' };
  }
  return sent(key, `opened ${key}${note}`);
}

function hasComment(body: unknown, idempotencyKey: string): boolean {
  type Listed = {
    comments?: { properties?: { key?: string; value?: { idempotencyKey?: string } }[] }[];
  };
  return ((body as Listed | null)?.comments ?? []).some((c) =>
    (c.properties ?? []).some(
      (p) => p.key === ISSUE_PROPERTY && p.value?.idempotencyKey === idempotencyKey,
    ),
  );
}

type Commented = 'posted' | 'duplicate' | 'gone';

async function comment(jira: JiraPort, key: string, n: Notification): Promise<Commented> {
  const query = '/comment?orderBy=-created&maxResults=50&expand=properties';
  const listed = await callJira(jira, 'GET', issuePath(key, query));
  if (listed.status === 404) return 'gone';
  accepted(listed, [200], `read the comments of ${key}`);
  if (hasComment(listed.body, n.alert.idempotencyKey)) return 'duplicate';
  const posted = await callJira(jira, 'POST', issuePath(key, '/comment'), commentBody(n));
  accepted(posted, [201], `comment on ${key}`);
  return 'posted';
}

interface IssueWithTransitions {
  fields?: { status?: { statusCategory?: { key?: string } } };
  transitions?: { id: string; isAvailable?: boolean; to?: TransitionTarget }[];
}
interface TransitionTarget {
  name?: string;
  statusCategory?: { key?: string };
}

/** Moves the issue to a status in the done category if its workflow offers one from here. */
async function close(jira: JiraPort, key: string): Promise<string> {
  const read = await callJira(jira, 'GET', issuePath(key, '?fields=status&expand=transitions'));
  const issue = accepted(read, [200], `read ${key}`).body as IssueWithTransitions;
  if (issue.fields?.status?.statusCategory?.key === 'done') return `${key} was already done`;
  const done = issue.transitions?.find(
    (t) => t.isAvailable !== false && t.to?.statusCategory?.key === 'done',
  );
  if (!done) return `its workflow offers no transition to a done status, so ${key} stays open`;
  const status = done.to?.name ?? 'done';
  const moved = await callJira(jira, 'POST', issuePath(key, '/transitions'), {
    transition: { id: done.id },
  });
  if (moved.status === 204) return `moved ${key} to ${status}`;
  // A required field on the transition screen will not fill itself: say so instead of retrying.
  if (isRetryableStatus(moved.status)) accepted(moved, [204], `move ${key} to ${status}`);
  return `could not move ${key} to ${status} (${moved.status}: ${jiraErrors(moved.body)})`;
}

async function deliver(
  n: Notification,
  config: JiraIssueConfig,
  jira: JiraPort,
  known: string | undefined,
): Promise<SendResult> {
  const found = known
    ? { key: known, mark: {} as Partial<IssueMark> }
    : await findIssue(jira, {
        integrationId: n.alert.integrationId,
        projectKey: config.projectKey,
        openOnly: true,
      });
  if (!found) {
    if (!CLOSING_KINDS.has(n.alert.kind)) return openIssue(n, config, jira);
    return { ok: true, retryable: false, detail: 'no open issue to close' };
  }
  const { key } = found;
  if (found.mark.openedBy === n.alert.idempotencyKey) return sent(key, `${key} was already opened`);
  const commented = await comment(jira, key, n);
  // The incident's issue was deleted: carry on as if it never had one.
  if (commented === 'gone' && known) return deliver(n, config, jira, undefined);
  if (commented === 'gone') {
    return { ok: false, retryable: true, detail: `${key} disappeared while commenting` };
  }
  const said = commented === 'posted' ? `commented on ${key}` : `${key} already had this comment`;
  if (!CLOSING_KINDS.has(n.alert.kind)) return sent(key, said);
  return sent(key, `${said}; ${await close(jira, key)}`);
}

const TEST_NOTE =
  'This was a test from Token Health: nothing is wrong, so the issue is closed at once. Real alerts open issues like this one.';

/** Says in a comment that the issue was a test and closes it, so nobody is left to triage it. */
export async function settleTestIssue(jira: JiraPort, key: string): Promise<string> {
  const note = { body: { type: 'doc', version: 1, content: [paragraphOf(TEST_NOTE)] } };
  const commented = await callJira(jira, 'POST', issuePath(key, '/comment'), note);
  const said = commented.status === 201 ? 'commented' : 'could not comment';
  return `${said}; ${await close(jira, key)}`;
}

/** A test issue where `place` says, unassigned: the test has no owner to give it to. */
export function openTestIssue(n: Notification, place: IssuePlace, jira: JiraPort) {
  return openIssue(n, { ...place, assignOwner: false }, jira);
}

/**
 * "Send test alert" opens a new issue, says in a comment that it was a test, and closes it, so
 * nothing is left for anyone to triage. A workflow without a done transition is said so.
 */
async function sendTest(n: Notification, config: JiraIssueConfig, jira: JiraPort) {
  const opened = await openIssue(n, config, jira);
  if (!opened.ok || !opened.jiraIssueKey) return opened;
  const key = opened.jiraIssueKey;
  return sent(key, `${opened.detail}; ${await settleTestIssue(jira, key)}`);
}

/**
 * One issue per incident, found again by its issue property: the opening alert creates it (or
 * comments on an issue still open for the integration), later alerts comment, a recovery (or
 * the renewal of a credential whose expiry warning opened the issue)
 * comments and closes it.
 */
export const jiraIssueNotifier: Notifier<JiraIssueConfig, never> = {
  validate: (config) => validate(config),
  async send(n, config, _secret, ctx) {
    const invalid = invalidSettings(validate(config));
    if (invalid) return invalid;
    try {
      if (n.about?.type === 'test') return await sendTest(n, config, ctx.jira);
      return await deliver(n, config, ctx.jira, knownIssueKey(n));
    } catch (err) {
      if (err instanceof JiraFailure) return err.result;
      throw err;
    }
  },
};
