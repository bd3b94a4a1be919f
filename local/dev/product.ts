import type { ProductDouble, ProductRequest, ProductResponse } from '../forge-runtime';

export interface LocalUser {
  accountId: string;
  displayName: string;
  emailAddress: string;
}

function user(u: LocalUser) {
  return { ...u, accountType: 'atlassian', active: true, timeZone: 'UTC', locale: 'en_US' };
}

function permissions(req: ProductRequest, admin: LocalUser): ProductResponse {
  const havePermission = req.asUser === admin.accountId;
  return {
    status: 200,
    body: { permissions: { ADMINISTER: { key: 'ADMINISTER', havePermission } } },
  };
}

/**
 * The Jira REST the app calls: the admin guard's mypermissions, the user lookups behind owner
 * mail and the owner picker. Anything else (the Jira issue channel's calls) is a 404 naming the
 * call, logged once, so a local channel that needs more says so instead of failing silently.
 */
export function localJira(admin: LocalUser, log: (line: string) => void): ProductDouble {
  const unserved = new Set<string>();
  return (req) => {
    const url = new URL(req.path, 'http://jira.local');
    switch (url.pathname) {
      case '/rest/api/3/mypermissions':
        return permissions(req, admin);
      case '/rest/api/3/user':
        return url.searchParams.get('accountId') === admin.accountId
          ? { status: 200, body: user(admin) }
          : { status: 404, body: { errorMessages: ['The user does not exist.'] } };
      case '/rest/api/3/user/bulk': {
        // "Bulk get users" (Jira REST v3 spec): the known users among the accountId parameters.
        const known = url.searchParams.getAll('accountId').includes(admin.accountId);
        const values = known ? [user(admin)] : [];
        return { status: 200, body: { startAt: 0, total: values.length, isLast: true, values } };
      }
      case '/rest/api/3/user/search':
      case '/rest/api/3/users/search':
        return { status: 200, body: [user(admin)] };
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
