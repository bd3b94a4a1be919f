import { contentText, type AlertContent } from '../domain/alerts/content';
import { CLOSING_KINDS } from '../domain/alerts/types';
import { invalidSettings } from './checks';
import { accepted, callJira, findIssue, issuePath, JiraFailure, knownIssueKey } from './jira';
import { openTestIssue, settleTestIssue } from './jira-issue';
import { factsOf, shortTitle } from './text';
import type { JiraEmailConfig } from '../domain/channels';
import type { JiraPort, Notification, Notifier, SendResult, TestAbout } from './types';

const SUBJECT_MAX = 255;
const PREFIX = '[Token Health] ';

function validate(config: JiraEmailConfig): Record<string, string> {
  const errors: Record<string, string> = {};
  const group = config.groupName?.trim() || config.groupId?.trim();
  if (!config.notifyOwner && !group) errors.notifyOwner = 'Mail the owner, a group, or both';
  if (config.groupName?.trim() && config.groupId?.trim()) {
    errors.groupId = 'Give the group by name or by ID, not both';
  }
  return errors;
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const htmlList = (tag: 'ul' | 'ol', items: readonly string[]): string =>
  `<${tag}>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</${tag}>`;

const htmlLink = (label: string, url: string): string =>
  `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`;

/** The same parts as contentText, as HTML for mail clients that show it. */
export function htmlOf(c: AlertContent): string {
  const facts = factsOf(c).map((f) => `${f.title}: ${f.value}`);
  const renewal = c.renewal
    ? `<h3>${escapeHtml(c.renewal.title)}</h3>${htmlList('ol', c.renewal.steps)}` +
      `<p>${c.renewal.links.map((l) => htmlLink(l.label, l.url)).join(' · ')}</p>`
    : '';
  return [
    `<h2>${escapeHtml(c.title)}</h2>`,
    `<p>${escapeHtml(c.summary)}</p>`,
    htmlList('ul', facts),
    c.evidence.length > 0 ? `<h3>Evidence</h3>${htmlList('ul', c.evidence)}` : '',
    `<p><strong>What to do:</strong> ${escapeHtml(c.action)}</p>`,
    renewal,
    `<p>${htmlLink('Open Token Health', c.adminUrl)}</p>`,
  ].join('');
}

/**
 * Jira refuses the whole mail with 400 when a recipient is invalid, "for example, the recipient is
 * set to the assignee, but the issue is unassigned" (Jira REST v3, "Send notification for
 * issue"): a test issue is opened unassigned, so its mail goes to the admin who asked instead, and
 * an alert's mail is sent again without the assignee when its issue has none.
 */
export function notifyBody(n: Notification, config: JiraEmailConfig) {
  const test = n.about?.type === 'test' ? n.about : null;
  const owner = config.notifyOwner ? (test ? (test.requestedBy ?? null) : n.ownerAccountId) : null;
  const groupName = config.groupName?.trim();
  const groupId = config.groupId?.trim();
  return {
    subject: `${PREFIX}${shortTitle(n.content, SUBJECT_MAX - PREFIX.length)}`,
    textBody: contentText(n.content),
    htmlBody: htmlOf(n.content),
    to: {
      reporter: false,
      assignee: config.notifyOwner && !test,
      watchers: false,
      voters: false,
      users: owner ? [{ accountId: owner }] : [],
      groups: groupName ? [{ name: groupName }] : [],
      groupIds: groupId ? [groupId] : [],
    },
  };
}

/** A recovery (or renewal) may find its issue already closed by the Jira issue channel: any issue will do. */
async function issueFor(n: Notification, jira: JiraPort): Promise<string | null> {
  const known = knownIssueKey(n);
  if (known) return known;
  const openOnly = !CLOSING_KINDS.has(n.alert.kind);
  const found = await findIssue(jira, { integrationId: n.alert.integrationId, openOnly });
  return found?.key ?? null;
}

function recipientsOf(body: ReturnType<typeof notifyBody>): number {
  const { users, groups, groupIds } = body.to;
  return users.length + groups.length + groupIds.length;
}

async function mail(n: Notification, config: JiraEmailConfig, jira: JiraPort, key: string) {
  const body = notifyBody(n, config);
  if (recipientsOf(body) === 0) {
    const detail = 'no recipient: the integration has no owner and no group is set';
    return { ok: false, retryable: false, detail };
  }
  const path = issuePath(key, '/notify');
  const answer = await callJira(jira, 'POST', path, body);
  // An unassigned issue makes the assignee an invalid recipient, and Jira then refuses it all;
  // when the mail fails without the assignee too, Jira's first answer is the one to report.
  const unassigned = answer.status === 400 && body.to.assignee;
  const retried = unassigned
    ? await callJira(jira, 'POST', path, { ...body, to: { ...body.to, assignee: false } })
    : null;
  if (retried?.status !== 204) accepted(answer, [204], `mail about ${key}`);
  return { ok: true, retryable: false, detail: `Jira mailed about ${key}`, jiraIssueKey: key };
}

async function deliver(n: Notification, config: JiraEmailConfig, jira: JiraPort) {
  const key = await issueFor(n, jira);
  if (!key) {
    const detail = 'needs a Jira issue channel: Jira mails only about an issue, and none is open';
    return { ok: false, retryable: false, detail };
  }
  return mail(n, config, jira, key);
}

const NO_PLACE =
  'the test needs a Jira issue channel: Jira mails only about an issue, and the test opens its own in that channel’s project; add a Jira issue channel, then send the test again';

/**
 * "Send test alert" needs no real incident: it opens its own test issue where the Jira issue
 * channel opens issues, mails about it, then comments and closes it as that channel's test does,
 * whether or not Jira took the mail.
 */
async function sendTest(
  n: Notification,
  config: JiraEmailConfig,
  jira: JiraPort,
  about: TestAbout,
) {
  if (!about.issuePlace) return { ok: false, retryable: false, detail: NO_PLACE };
  const opened = await openTestIssue(n, about.issuePlace, jira);
  if (!opened.ok || !opened.jiraIssueKey) return opened;
  const key = opened.jiraIssueKey;
  let mailed: SendResult;
  try {
    mailed = await mail(n, config, jira, key);
  } catch (err) {
    if (!(err instanceof JiraFailure)) throw err;
    mailed = err.result;
  }
  const settled = await settleTestIssue(jira, key);
  return { ...mailed, detail: `${opened.detail} for the test; ${mailed.detail}; ${settled}` };
}

/** Jira's own mail (POST /issue/{key}/notify) to the owner and a group: no SMTP to configure. */
export const jiraEmailNotifier: Notifier<JiraEmailConfig, never> = {
  validate: (config) => validate(config),
  async send(n, config, _secret, ctx): Promise<SendResult> {
    const invalid = invalidSettings(validate(config));
    if (invalid) return invalid;
    try {
      if (n.about?.type === 'test') return await sendTest(n, config, ctx.jira, n.about);
      return await deliver(n, config, ctx.jira);
    } catch (err) {
      if (err instanceof JiraFailure) return err.result;
      throw err;
    }
  },
};
