import { isRetryableStatus } from './http';
import { clip } from './text';
import type { JiraPort, Notification, SendResult } from './types';

/** The issue property (indexed by the manifest's jira:entityProperty module) naming the thread. */
export const ISSUE_PROPERTY = 'token-health';

/** What the app writes on each issue it opens, so it can find the issue again by JQL. */
export interface IssueMark {
  integrationId: string;
  incidentId: string | null;
  /** The idempotency key of the alert that opened it: a redelivered alert opens nothing new. */
  openedBy: string;
}

export interface JiraAnswer {
  status: number;
  body: unknown;
}

/** Ends a send early with this result: a Jira call failed in a way the caller can only report. */
export class JiraFailure extends Error {
  constructor(readonly result: SendResult) {
    super(result.detail);
    this.name = 'JiraFailure';
  }
}

/** A platform error thrown by requestJira (proxy fault, request budget) reads as no answer. */
export async function callJira(
  jira: JiraPort,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body?: unknown,
): Promise<JiraAnswer> {
  try {
    return await jira(method, path, body);
  } catch (err) {
    const name = err instanceof Error ? err.name : 'error';
    return { status: 0, body: { errorMessages: [`the Forge platform failed the call (${name})`] } };
  }
}

/** Jira's own words from an error body ({errorMessages, errors}), short. */
export function jiraErrors(body: unknown): string {
  const b = (body ?? {}) as { errorMessages?: unknown; errors?: unknown };
  const messages = Array.isArray(b.errorMessages) ? b.errorMessages.map(String) : [];
  const fields =
    b.errors && typeof b.errors === 'object'
      ? Object.entries(b.errors).map(([k, v]) => `${k}: ${String(v)}`)
      : [];
  return clip([...messages, ...fields].join('; '), 200);
}

/** The answer if its status is one of `ok`; otherwise a failure saying what could not be done. */
export function accepted(answer: JiraAnswer, ok: readonly number[], what: string): JiraAnswer {
  if (ok.includes(answer.status)) return answer;
  const said = jiraErrors(answer.body);
  const status = answer.status === 0 ? 'no answer' : String(answer.status);
  throw new JiraFailure({
    ok: false,
    retryable: isRetryableStatus(answer.status),
    detail: `Jira could not ${what} (${status})${said ? `: ${said}` : ''}`,
  });
}

/** A JQL string literal. */
export function jqlString(value: string): string {
  return `"${value.replace(/[\\"]/g, '\\$&')}"`;
}

export function issuePath(key: string, rest = ''): string {
  return `/rest/api/3/issue/${encodeURIComponent(key)}${rest}`;
}

export interface FoundIssue {
  key: string;
  mark: Partial<IssueMark>;
}

export interface IssueQuery {
  integrationId: string;
  projectKey?: string;
  /** Only issues not in a done status: the thread still being written. */
  openOnly: boolean;
}

/** The newest issue the app opened for this integration, by its indexed issue property. */
export async function findIssue(jira: JiraPort, q: IssueQuery): Promise<FoundIssue | null> {
  const clauses = [
    `issue.property[${ISSUE_PROPERTY}].integrationId = ${jqlString(q.integrationId)}`,
    ...(q.projectKey ? [`project = ${jqlString(q.projectKey)}`] : []),
    ...(q.openOnly ? ['statusCategory != Done'] : []),
  ];
  const params = new URLSearchParams({
    jql: `${clauses.join(' AND ')} ORDER BY created DESC`,
    maxResults: '1',
    fields: 'status',
    properties: ISSUE_PROPERTY,
  });
  const answer = accepted(
    await callJira(jira, 'GET', `/rest/api/3/search/jql?${params.toString()}`),
    [200],
    'search for an open issue',
  );
  const issues = (
    answer.body as { issues?: { key?: string; properties?: Record<string, unknown> }[] }
  )?.issues;
  const first = issues?.[0];
  if (!first?.key) return null;
  const mark = (first.properties?.[ISSUE_PROPERTY] ?? {}) as Partial<IssueMark>;
  return { key: first.key, mark };
}

/** The issue this notification belongs to, when known without searching. */
export function knownIssueKey(n: Notification): string | undefined {
  return n.jiraIssueKey ?? n.alert.incident?.jiraIssueKey;
}
