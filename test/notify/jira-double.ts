import type { JiraPort } from '../../src/notify/types';

type Category = 'new' | 'indeterminate' | 'done';

interface Status {
  name: string;
  category: Category;
}

export interface FakeComment {
  id: string;
  body: unknown;
  properties: { key: string; value: unknown }[];
}

export interface FakeIssue {
  key: string;
  fields: Record<string, unknown>;
  assignee: string | null;
  properties: Record<string, unknown>;
  comments: FakeComment[];
  status: Status;
  /** Every status the issue moved to, in order. */
  history: string[];
}

export interface FakeTransition {
  id: string;
  name: string;
  to: Status;
}

interface Reply {
  status: number;
  body: unknown;
}

const TODO: Status = { name: 'To Do', category: 'new' };
const DEFAULT_WORKFLOW: FakeTransition[] = [
  { id: '11', name: 'Start', to: { name: 'In Progress', category: 'indeterminate' } },
  { id: '31', name: 'Resolve', to: { name: 'Done', category: 'done' } },
];
const NOT_FOUND: Reply = {
  status: 404,
  body: { errorMessages: ['Issue does not exist or you do not have permission to see it.'] },
};

const statusJson = (s: Status) => ({
  name: s.name,
  statusCategory: { key: s.category, name: s.category === 'done' ? 'Done' : s.name },
});

/**
 * An in-memory Jira standing in for requestJira: the REST calls the notify channels make, with
 * Jira's status codes and error bodies. It records every call, each issue's comments, status
 * history and mails, and can refuse an assignee or fail the next matching call.
 */
export class FakeJira {
  readonly issues = new Map<string, FakeIssue>();
  readonly mails: { key: string; body: Record<string, unknown> }[] = [];
  readonly calls: { method: string; path: string; body?: unknown }[] = [];
  /** Account IDs Jira will not assign issues to. */
  readonly unassignable = new Set<string>();
  /** Account IDs of Jira's users: GET /rest/api/3/user answers 404 for any other. */
  readonly users = new Set<string>();
  projects = new Set(['OPS']);
  workflow: FakeTransition[] = DEFAULT_WORKFLOW;
  private readonly faults: { method: string; path: RegExp; reply: Reply }[] = [];

  readonly port: JiraPort = async (method, path, body) => {
    this.calls.push({ method, path, ...(body === undefined ? {} : { body }) });
    const i = this.faults.findIndex((f) => f.method === method && f.path.test(path));
    if (i >= 0) return this.faults.splice(i, 1)[0]!.reply;
    // Through JSON, as over the wire: the channel cannot share objects with Jira.
    return this.route(
      method,
      path,
      body === undefined ? undefined : JSON.parse(JSON.stringify(body)),
    );
  };

  failNext(method: string, path: RegExp, status: number, body: unknown = {}): void {
    this.faults.push({ method, path, reply: { status, body } });
  }

  /** Moves an issue as a person would in the UI. */
  setStatus(key: string, status: Status): void {
    const issue = this.issues.get(key)!;
    issue.status = status;
    issue.history.push(status.name);
  }

  private route(method: string, raw: string, body: unknown): Reply {
    const url = new URL(raw, 'https://jira.invalid');
    const issueRoute = /^\/rest\/api\/3\/issue\/([^/]+)(\/[a-z]+)?$/.exec(url.pathname);
    if (method === 'POST' && url.pathname === '/rest/api/3/issue') return this.create(body);
    if (method === 'GET' && url.pathname === '/rest/api/3/search/jql') return this.search(url);
    if (method === 'GET' && url.pathname === '/rest/api/3/user') return this.user(url);
    if (method === 'GET' && url.pathname === '/rest/api/3/user/bulk') return this.bulkUsers(url);
    const project = /^\/rest\/api\/3\/project\/([^/]+)$/.exec(url.pathname);
    if (method === 'GET' && project) return this.project(decodeURIComponent(project[1] ?? ''));
    if (!issueRoute) return { status: 404, body: { errorMessages: ['no such route'] } };
    const issue = this.issues.get(decodeURIComponent(issueRoute[1]!));
    if (!issue) return NOT_FOUND;
    const route = `${method} ${issueRoute[2] ?? ''}`;
    switch (route) {
      case 'GET ':
        return this.read(issue, url);
      case 'GET /comment':
        return this.comments(issue, url);
      case 'POST /comment':
        return this.addComment(issue, body as Omit<FakeComment, 'id'>);
      case 'POST /transitions':
        return this.transition(issue, body as { transition: { id: string } });
      case 'POST /notify':
        return this.notify(issue, body as { to?: { assignee?: boolean } });
      default:
        return { status: 405, body: { errorMessages: [`unexpected ${route}`] } };
    }
  }

  /**
   * Jira REST v3 OpenAPI, "Send notification for issue": 204 once queued; 400 when "the recipient
   * is invalid. For example, the recipient is set to the assignee, but the issue is unassigned".
   * Jira does not document the body; errorMessages is its usual shape.
   */
  private notify(issue: FakeIssue, body: { to?: { assignee?: boolean } }): Reply {
    if (body.to?.assignee && !issue.assignee) {
      return { status: 400, body: { errorMessages: ['The issue has no assignee to notify.'] } };
    }
    this.mails.push({ key: issue.key, body: body as Record<string, unknown> });
    return { status: 204, body: null };
  }

  private create(body: unknown): Reply {
    const { fields, properties = [] } = body as {
      fields: Record<string, unknown> & {
        project: { key: string };
        assignee?: { accountId: string };
      };
      properties?: { key: string; value: unknown }[];
    };
    const errors: Record<string, string> = {};
    if (!this.projects.has(fields.project.key)) errors.project = 'valid project is required';
    const assignee = fields.assignee?.accountId ?? null;
    if (assignee && this.unassignable.has(assignee)) {
      errors.assignee = `User '${assignee}' cannot be assigned issues.`;
    }
    if (Object.keys(errors).length > 0) return { status: 400, body: { errorMessages: [], errors } };
    const key = `${fields.project.key}-${this.issues.size + 1}`;
    this.issues.set(key, {
      key,
      fields,
      assignee,
      properties: Object.fromEntries(properties.map((p) => [p.key, p.value])),
      comments: [],
      status: TODO,
      history: [TODO.name],
    });
    return {
      status: 201,
      body: { id: String(10000 + this.issues.size), key, self: `/issue/${key}` },
    };
  }

  /** Jira REST v3 OpenAPI spec, getProject: 200, or 404 for a project Jira does not have. */
  private project(key: string): Reply {
    if (!this.projects.has(key)) {
      return {
        status: 404,
        body: { errorMessages: [`No project could be found with key '${key}'.`] },
      };
    }
    return { status: 200, body: { id: '10000', key, name: key } };
  }

  /** The JQL the channels write, and nothing else: anything new fails loudly as a 400. */
  private user(url: URL): Reply {
    const accountId = url.searchParams.get('accountId') ?? '';
    if (!this.users.has(accountId)) {
      return { status: 404, body: { errorMessages: [`Specified user does not exist`] } };
    }
    return { status: 200, body: { accountId, accountType: 'atlassian', active: true } };
  }

  /**
   * Jira Cloud platform REST v3 OpenAPI spec, "Bulk get users": a PageBeanUser of the users among
   * the repeated `accountId` parameters (accountId, accountType, active); unknown ids are absent.
   */
  private bulkUsers(url: URL): Reply {
    const ids = url.searchParams.getAll('accountId');
    if (ids.length === 0)
      return { status: 400, body: { errorMessages: ['accountId must be specified'] } };
    const maxResults = Number(url.searchParams.get('maxResults') ?? 10);
    const values = ids
      .filter((id) => this.users.has(id))
      .slice(0, maxResults)
      .map((accountId) => ({ accountId, accountType: 'atlassian', active: true }));
    return {
      status: 200,
      body: { maxResults, startAt: 0, total: values.length, isLast: true, values },
    };
  }

  private search(url: URL): Reply {
    const jql = url.searchParams.get('jql') ?? '';
    const m =
      /^issue\.property\[token-health\]\.integrationId = "((?:[^"\\]|\\.)*)"( AND project = "([^"]+)")?( AND statusCategory != Done)? ORDER BY created DESC$/.exec(
        jql,
      );
    if (!m) return { status: 400, body: { errorMessages: [`unexpected JQL: ${jql}`] } };
    const [, integrationId, , project, openOnly] = m;
    const wanted = (url.searchParams.get('properties') ?? '').split(',').filter(Boolean);
    const found = [...this.issues.values()]
      .filter(
        (i) =>
          (i.properties['token-health'] as { integrationId?: string } | undefined)
            ?.integrationId === integrationId?.replace(/\\(.)/g, '$1'),
      )
      .filter((i) => !project || i.key.startsWith(`${project}-`))
      .filter((i) => !openOnly || i.status.category !== 'done')
      .reverse()
      .slice(0, Number(url.searchParams.get('maxResults') ?? 50));
    const issues = found.map((i) => ({
      key: i.key,
      fields: { status: statusJson(i.status) },
      properties: Object.fromEntries(wanted.map((p) => [p, i.properties[p]])),
    }));
    return { status: 200, body: { issues, isLast: true } };
  }

  private read(issue: FakeIssue, url: URL): Reply {
    const expandTransitions = url.searchParams.get('expand')?.includes('transitions');
    const transitions = this.workflow
      .filter((t) => t.to.name !== issue.status.name)
      .map((t) => ({ id: t.id, name: t.name, isAvailable: true, to: statusJson(t.to) }));
    return {
      status: 200,
      body: {
        key: issue.key,
        fields: { status: statusJson(issue.status) },
        ...(expandTransitions ? { transitions } : {}),
      },
    };
  }

  private comments(issue: FakeIssue, url: URL): Reply {
    const withProperties = url.searchParams.get('expand')?.includes('properties');
    const comments = [...issue.comments].reverse().map((c) => ({
      id: c.id,
      body: c.body,
      ...(withProperties ? { properties: c.properties } : {}),
    }));
    return { status: 200, body: { comments, total: comments.length } };
  }

  private addComment(issue: FakeIssue, body: Omit<FakeComment, 'id'>): Reply {
    const comment = {
      id: String(issue.comments.length + 1),
      body: body.body,
      properties: body.properties ?? [],
    };
    issue.comments.push(comment);
    return { status: 201, body: { id: comment.id } };
  }

  private transition(issue: FakeIssue, body: { transition: { id: string } }): Reply {
    const t = this.workflow.find((w) => w.id === body.transition.id);
    if (!t) return { status: 400, body: { errorMessages: ['Transition id is not valid.'] } };
    this.setStatus(issue.key, t.to);
    return { status: 204, body: null };
  }
}
