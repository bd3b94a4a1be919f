import type { ProductRequest, ProductResponse } from '../forge-runtime';
import type { UserDirectory } from './product';

/**
 * The local Jira's projects and issues: what the Jira issue and Jira email channels call, with
 * the status codes and error bodies Jira Cloud's REST v3 answers (statuses and operations from
 * its OpenAPI spec, /work/shared/forge-offline/specs/jira-platform.v3.json; error words as Jira
 * sends them, sources beside each). Kept in memory: a restart starts with no issues, and the
 * channels then open a new one as they do after an issue was deleted.
 */

interface Status {
  id: string;
  name: string;
  category: 'new' | 'indeterminate' | 'done';
}

const TODO: Status = { id: '10000', name: 'To Do', category: 'new' };
const IN_PROGRESS: Status = { id: '3', name: 'In Progress', category: 'indeterminate' };
const DONE: Status = { id: '10001', name: 'Done', category: 'done' };
/** Jira's simplified workflow: any status to any other, transition ids 11, 21, 31. */
const WORKFLOW = [
  { id: '11', name: 'To Do', to: TODO },
  { id: '21', name: 'In Progress', to: IN_PROGRESS },
  { id: '31', name: 'Done', to: DONE },
];
const ISSUE_TYPES = [
  { id: '10001', name: 'Task' },
  { id: '10002', name: 'Bug' },
];

export interface LocalProject {
  id: string;
  key: string;
  name: string;
}

interface Issue {
  id: string;
  key: string;
  fields: Record<string, unknown>;
  properties: Record<string, unknown>;
  comments: { id: string; body: unknown; properties: unknown[] }[];
  status: Status;
  created: number;
}

type Reply = ProductResponse;
type Json = Record<string, unknown>;

/** Jira's words for an issue it does not have (getIssue and every issue route: 404). */
const NO_ISSUE: Reply = {
  status: 404,
  body: {
    errorMessages: ['Issue does not exist or you do not have permission to see it.'],
    errors: {},
  },
};

const bad = (errors: Record<string, string>, errorMessages: string[] = []): Reply => ({
  status: 400,
  body: { errorMessages, errors },
});

const statusJson = (s: Status) => ({
  id: s.id,
  name: s.name,
  statusCategory: { key: s.category, name: s.category === 'done' ? 'Done' : s.name },
});

function parse(body: string | undefined): Json {
  try {
    const value: unknown = JSON.parse(body ?? '{}');
    return value && typeof value === 'object' ? (value as Json) : {};
  } catch {
    return {};
  }
}

/** One JQL clause the channels write (src/notify/jira.ts findIssue), as a test on an issue. */
function clause(text: string): ((i: Issue) => boolean) | null {
  const property = /^issue\.property\[([\w-]+)\]\.(\w+) = "((?:[^"\\]|\\.)*)"$/.exec(text);
  if (property) {
    const [, key, field, raw] = property as unknown as [string, string, string, string];
    const value = raw.replace(/\\(.)/g, '$1');
    return (i) => (i.properties[key] as Json | undefined)?.[field] === value;
  }
  const project = /^project = "((?:[^"\\]|\\.)*)"$/.exec(text);
  if (project) return (i) => i.key.startsWith(`${project[1]}-`);
  if (text === 'statusCategory != Done') return (i) => i.status.category !== 'done';
  return null;
}

export class LocalIssues {
  private readonly issues = new Map<string, Issue>();
  private next = 1;

  constructor(
    private readonly projects: readonly LocalProject[],
    private readonly users: UserDirectory,
    private readonly clock: () => number,
    private readonly log: (line: string) => void,
  ) {}

  /** The routes this serves, or null for a path that is not about projects, issues or search. */
  route(req: ProductRequest, url: URL): Reply | null {
    const { pathname } = url;
    const project = /^\/rest\/api\/3\/project\/([^/]+)$/.exec(pathname);
    if (project?.[1] && req.method === 'GET') return this.project(decodeURIComponent(project[1]));
    if (pathname === '/rest/api/3/issue' && req.method === 'POST') return this.create(req.body);
    if (pathname === '/rest/api/3/search/jql' && req.method === 'GET') return this.search(url);
    const issue = /^\/rest\/api\/3\/issue\/([^/]+)(\/[a-z]+)?$/.exec(pathname);
    if (!issue?.[1]) return null;
    const found = this.issues.get(decodeURIComponent(issue[1]));
    if (!found) return NO_ISSUE;
    return this.onIssue(`${req.method} ${issue[2] ?? ''}`, found, req, url);
  }

  private onIssue(route: string, issue: Issue, req: ProductRequest, url: URL): Reply | null {
    switch (route) {
      case 'GET ':
        return this.read(issue, url);
      case 'GET /transitions':
        return { status: 200, body: { transitions: this.transitions(issue) } };
      case 'POST /transitions':
        return this.transition(issue, parse(req.body));
      case 'GET /comment':
        return this.comments(issue, url);
      case 'POST /comment':
        return this.comment(issue, parse(req.body));
      case 'POST /notify':
        return this.notify(issue, parse(req.body));
      default:
        return null;
    }
  }

  /**
   * getProject: 200 with the project, 404 "the project is not found or the user does not have
   * permission to view it" (OpenAPI spec), in Jira's words "No project could be found with key".
   */
  private project(key: string): Reply {
    const found = this.projects.find((p) => p.key === key || p.id === key);
    if (!found) {
      return {
        status: 404,
        body: { errorMessages: [`No project could be found with key '${key}'.`], errors: {} },
      };
    }
    return { status: 200, body: { ...found, issueTypes: ISSUE_TYPES } };
  }

  /**
   * createIssue: 201 {id, key, self}; 400 {errorMessages, errors} naming the field, in Jira's
   * words: errors.project "Specify a valid project ID or key" (wso2/product-integrator-mi#3420),
   * errors.issuetype "valid issue type is required" (pycontribs/jira#934), and an assignee Jira
   * cannot assign as errors.assignee.
   */
  private create(raw: string | undefined): Reply {
    const body = parse(raw);
    const fields = (body.fields ?? {}) as Json;
    const key = ((fields.project ?? {}) as Json).key;
    const project = this.projects.find((p) => p.key === key);
    const type = (fields.issuetype ?? {}) as Json;
    const errors: Record<string, string> = {};
    if (!project) errors.project = 'Specify a valid project ID or key';
    if (!ISSUE_TYPES.some((t) => t.id === type.id || t.name === type.name)) {
      errors.issuetype = 'valid issue type is required';
    }
    const assignee = ((fields.assignee ?? {}) as Json).accountId;
    if (typeof assignee === 'string' && !this.users.get(assignee)) {
      errors.assignee = `User '${assignee}' cannot be assigned issues.`;
    }
    if (!project || Object.keys(errors).length > 0) return bad(errors);
    const issue = this.add(project, fields, body.properties);
    this.log(`[jira] opened ${issue.key}: ${String(fields.summary ?? '')}`);
    return { status: 201, body: { id: issue.id, key: issue.key, self: this.self(issue) } };
  }

  private add(project: LocalProject, fields: Json, properties: unknown): Issue {
    const id = String(10000 + this.next);
    const key = `${project.key}-${this.next}`;
    this.next += 1;
    const listed = Array.isArray(properties)
      ? (properties as { key: string; value: unknown }[])
      : [];
    const issue: Issue = {
      id,
      key,
      fields,
      properties: Object.fromEntries(listed.map((p) => [p.key, p.value])),
      comments: [],
      status: TODO,
      created: this.clock(),
    };
    this.issues.set(key, issue);
    return issue;
  }

  private self(issue: Issue): string {
    return `/rest/api/3/issue/${issue.id}`;
  }

  /**
   * searchAndReconsileIssuesUsingJql (GET /rest/api/3/search/jql): 200 {issues, isLast}, each issue
   * with the `fields` and `properties` asked for; 400 for JQL it cannot read. Only the JQL the
   * channels write is understood: clauses joined by AND, then ORDER BY created DESC.
   */
  private search(url: URL): Reply {
    const jql = url.searchParams.get('jql') ?? '';
    const [where = '', order] = jql.split(/ ORDER BY /i);
    const parsed = where.split(' AND ').map((c) => clause(c.trim()));
    const tests = parsed.filter((t) => t !== null);
    if (tests.length < parsed.length || (order && order.trim() !== 'created DESC')) {
      return bad({}, [`Error in the JQL Query: the local Jira cannot read '${jql}'.`]);
    }
    const max = Number(url.searchParams.get('maxResults') ?? 50);
    const wanted = (url.searchParams.get('properties') ?? '').split(',').filter(Boolean);
    const withStatus = (url.searchParams.get('fields') ?? '').split(',').includes('status');
    const found = [...this.issues.values()]
      .filter((i) => tests.every((t) => t(i)))
      .sort((a, b) => b.created - a.created || Number(b.id) - Number(a.id));
    const issues = found.slice(0, max).map((i) => ({
      id: i.id,
      key: i.key,
      fields: withStatus ? { status: statusJson(i.status) } : {},
      properties: Object.fromEntries(wanted.map((p) => [p, i.properties[p]])),
    }));
    return { status: 200, body: { issues, isLast: found.length <= max } };
  }

  private transitions(issue: Issue) {
    return WORKFLOW.filter((t) => t.to !== issue.status).map((t) => ({
      id: t.id,
      name: t.name,
      isAvailable: true,
      to: statusJson(t.to),
    }));
  }

  /** getIssue with ?expand=transitions, as the Jira issue channel reads an issue before closing it. */
  private read(issue: Issue, url: URL): Reply {
    const expand = (url.searchParams.get('expand') ?? '').split(',');
    return {
      status: 200,
      body: {
        id: issue.id,
        key: issue.key,
        fields: { ...issue.fields, status: statusJson(issue.status) },
        ...(expand.includes('transitions') ? { transitions: this.transitions(issue) } : {}),
      },
    };
  }

  /**
   * doTransition: 204; 400 when no transition is given or it is not one offered from the issue's
   * status, in Jira's words "Transition id 'N' is not valid for this issue.".
   */
  private transition(issue: Issue, body: Json): Reply {
    const id = ((body.transition ?? {}) as Json).id;
    const move = WORKFLOW.find((t) => t.id === id && t.to !== issue.status);
    if (!move) {
      return bad({}, [`Transition id '${String(id ?? '')}' is not valid for this issue.`]);
    }
    issue.status = move.to;
    this.log(`[jira] moved ${issue.key} to ${issue.status.name}`);
    return { status: 204 };
  }

  /** getComments: newest first with ?orderBy=-created; properties only with ?expand=properties. */
  private comments(issue: Issue, url: URL): Reply {
    const withProperties = (url.searchParams.get('expand') ?? '').includes('properties');
    const newest = url.searchParams.get('orderBy') === '-created';
    const listed = newest ? [...issue.comments].reverse() : issue.comments;
    const max = Number(url.searchParams.get('maxResults') ?? 5000);
    const comments = listed.slice(0, max).map((c) => ({
      id: c.id,
      body: c.body,
      ...(withProperties ? { properties: c.properties } : {}),
    }));
    return {
      status: 200,
      body: { comments, startAt: 0, maxResults: max, total: issue.comments.length },
    };
  }

  /** addComment: 201 with the comment; 400 without a body. */
  private comment(issue: Issue, body: Json): Reply {
    if (body.body === undefined) return bad({ comment: 'Comment body can not be empty!' });
    const id = String(issue.comments.length + 1);
    const properties = Array.isArray(body.properties) ? body.properties : [];
    issue.comments.push({ id, body: body.body, properties });
    return { status: 201, body: { id, body: body.body } };
  }

  /**
   * notify: 204 once the mail is queued (here: logged); 400 when it names no recipient Jira can
   * mail (OpenAPI spec: "the recipient is invalid"), in Jira's words "No recipients were defined
   * for notification.".
   */
  private notify(issue: Issue, body: Json): Reply {
    const to = (body.to ?? {}) as Json;
    const list = (v: unknown) => (Array.isArray(v) ? (v as Json[]) : []);
    const users = list(to.users).flatMap((u) => this.users.get(String(u.accountId)) ?? []);
    const groups = [
      ...list(to.groups).map((g) => String(g.name)),
      ...(Array.isArray(to.groupIds) ? to.groupIds.map(String) : []),
    ];
    const assignee = to.assignee === true && issue.fields.assignee ? ['the assignee'] : [];
    const recipients = [...users.map((u) => u.displayName), ...groups, ...assignee];
    if (recipients.length === 0) return bad({}, ['No recipients were defined for notification.']);
    this.log(`[jira] mail about ${issue.key} to ${recipients.join(', ')}: ${String(body.subject)}`);
    return { status: 204 };
  }
}
