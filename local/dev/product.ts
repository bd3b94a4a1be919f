import type { ProductDouble, ProductRequest, ProductResponse } from '../forge-runtime';
import { LocalIssues, type LocalProject } from './jira-issues';

export interface LocalUser {
  accountId: string;
  displayName: string;
  emailAddress: string;
}

function user(u: LocalUser) {
  return { ...u, accountType: 'atlassian', active: true, timeZone: 'UTC', locale: 'en_US' };
}

/** Jira's own users, for the REST double and for the page host's user picker. */
export interface UserDirectory {
  get(accountId: string): LocalUser | undefined;
  /** Users whose name or email contains `query` (case-insensitive), in directory order. */
  search(query: string, max: number): LocalUser[];
}

export function userDirectory(users: readonly LocalUser[]): UserDirectory {
  const byId = new Map(users.map((u) => [u.accountId, u]));
  return {
    get: (accountId) => byId.get(accountId),
    search(query, max) {
      const q = query.trim().toLowerCase();
      const hits = users.filter(
        (u) => u.displayName.toLowerCase().includes(q) || u.emailAddress.toLowerCase().includes(q),
      );
      return hits.slice(0, max);
    },
  };
}

function permissions(req: ProductRequest, admin: LocalUser): ProductResponse {
  const havePermission = req.asUser === admin.accountId;
  return {
    status: 200,
    body: { permissions: { ADMINISTER: { key: 'ADMINISTER', havePermission } } },
  };
}

/** A query number as Jira reads it: the default when absent or not a whole number ≥ 0. */
function count(url: URL, name: string, fallback: number): number {
  const value = Number(url.searchParams.get(name) ?? fallback);
  return Number.isInteger(value) && value >= 0 ? value : fallback;
}

/**
 * "Bulk get users" (Jira Cloud platform REST v3 OpenAPI spec, operation bulkGetUsers): 400 when
 * no accountId is given; else 200 with a PageBeanUser of the known users among the repeated
 * accountId parameters, `maxResults` (default 10) from `startAt` (default 0); unknown ids are
 * left out.
 */
function bulkUsers(url: URL, directory: UserDirectory): ProductResponse {
  const ids = url.searchParams.getAll('accountId');
  if (ids.length === 0) {
    return { status: 400, body: { errorMessages: ['accountId must be specified.'] } };
  }
  const maxResults = count(url, 'maxResults', 10);
  const startAt = count(url, 'startAt', 0);
  const known = ids.flatMap((id) => directory.get(id) ?? []);
  const values = known.slice(startAt, startAt + maxResults).map(user);
  const isLast = startAt + maxResults >= known.length;
  return { status: 200, body: { maxResults, startAt, total: known.length, isLast, values } };
}

/** The local Jira's one project, for a Jira issue channel to open issues in. */
export const LOCAL_PROJECTS: readonly LocalProject[] = [
  { id: '10000', key: 'OPS', name: 'Operations' },
];

/**
 * The Jira REST the app calls: the admin guard's mypermissions, the user lookups behind owner
 * mail and owner names, the user search, and the issues the Jira channels open, search, comment,
 * move and mail about (jira-issues.ts). Anything else is a 404 naming the call, logged once, so a
 * local channel that needs more says so instead of failing silently.
 */
export function localJira(
  admin: LocalUser,
  directory: UserDirectory,
  log: (line: string) => void,
  projects: readonly LocalProject[] = LOCAL_PROJECTS,
): ProductDouble {
  const unserved = new Set<string>();
  const issues = new LocalIssues(projects, directory, () => Date.now(), log);
  return (req) => {
    const url = new URL(req.path, 'http://jira.local');
    const served = issues.route(req, url);
    if (served) return served;
    switch (url.pathname) {
      case '/rest/api/3/mypermissions':
        return permissions(req, admin);
      case '/rest/api/3/user': {
        const found = directory.get(url.searchParams.get('accountId') ?? '');
        return found
          ? { status: 200, body: user(found) }
          : { status: 404, body: { errorMessages: ['The user does not exist.'] } };
      }
      case '/rest/api/3/user/bulk':
        return bulkUsers(url, directory);
      case '/rest/api/3/user/search':
      case '/rest/api/3/users/search': {
        const max = count(url, 'maxResults', 50);
        return {
          status: 200,
          body: directory.search(url.searchParams.get('query') ?? '', max).map(user),
        };
      }
    }
    const call = `${req.method} ${url.pathname}`;
    if (!unserved.has(call)) log(`[jira] the local Jira double does not serve ${call}: 404`);
    unserved.add(call);
    return {
      status: 404,
      body: { errorMessages: [`the local Jira double does not serve ${call}`] },
    };
  };
}
