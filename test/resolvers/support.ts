// The local platform must install its globals before any @forge/* module loads.
import { LocalForge, type ProductDouble, type ProductRequest } from '../../local/forge-runtime';
import type { Envelope, ResolverKey, ResolverMap } from '../../src/resolvers/contract';
import { APP_DIR, appHandlers } from '../support/app';

export const ADMIN = 'acc-admin';
export const MEMBER = 'acc-member';
/** Jira answers 500 when asked about this account's permissions. */
/** A Jira email channel, as the page saves one (it needs no secret). */
export const MAIL_CHANNEL = {
  type: 'jira-email',
  name: 'Ops mail',
  enabled: true,
  role: 'primary',
  digest: false,
  notifyOwner: true,
};

export const JIRA_FAILS_FOR = 'acc-jira-down';

/** Jira's mypermissions, as the admin guard asks it: only ADMIN holds ADMINISTER. */
export function jiraDouble(seen: ProductRequest[] = []): ProductDouble {
  return (req) => {
    seen.push(req);
    // A Jira where every project a channel names exists (getProject, Jira REST v3 spec: 200).
    const project = /^\/rest\/api\/3\/project\/([^/?]+)$/.exec(req.path);
    if (project)
      return { status: 200, body: { id: '10000', key: decodeURIComponent(project[1] ?? '') } };
    if (!req.path.startsWith('/rest/api/3/mypermissions')) return { status: 404, body: {} };
    if (req.asUser === JIRA_FAILS_FOR) return { status: 500, body: { errorMessages: ['boom'] } };
    const havePermission = req.asUser === ADMIN;
    return {
      status: 200,
      body: { permissions: { ADMINISTER: { key: 'ADMINISTER', havePermission } } },
    };
  };
}

/** The app's real handlers with the Jira double, allowed to reach the given test servers. */
export function startAdminApp(
  servers: { url: string }[],
  seen: ProductRequest[] = [],
): Promise<LocalForge> {
  return LocalForge.start({
    appDir: APP_DIR,
    loadHandlers: appHandlers(),
    extraEgress: servers.map((s) => s.url),
    product: jiraDouble(seen),
  });
}

/** What the page's invoke() gets back, through the manifest's resolver function and its guard. */
export async function call<K extends ResolverKey>(
  forge: LocalForge,
  key: K,
  payload: unknown,
  accountId: string | null = ADMIN,
): Promise<Envelope<ResolverMap[K]['data']>> {
  const answer = await forge.invokeResolver(
    'resolver',
    { call: { functionKey: key, payload } },
    { accountId },
  );
  return answer as Envelope<ResolverMap[K]['data']>;
}

/** The data of a successful answer; a failure fails the test with its error. */
export async function data<K extends ResolverKey>(
  forge: LocalForge,
  key: K,
  payload: unknown,
): Promise<ResolverMap[K]['data']> {
  const answer = await call(forge, key, payload);
  if (!answer.ok) throw new Error(`${key} failed: ${JSON.stringify(answer.error)}`);
  return answer.data;
}

/** The Basic-auth header value a probe sends for this user and secret. */
export function basic(user: string, secret: string): string {
  return Buffer.from(`${user}:${secret}`).toString('base64');
}
