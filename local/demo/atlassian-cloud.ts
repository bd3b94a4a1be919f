import type { ServerResponse } from 'node:http';
import { daysFromNow } from './dates';
import { basicOf, pathOf, sendHtml, sendJson } from './http';
import type { DemoFamily, DemoRequest, TenantSpec, TenantState } from './types';

interface Account {
  email: string;
  token: string;
  accountId: string;
  displayName: string;
}

const account = (name: string, displayName: string, accountId: string): Account => ({
  email: `${name}@acme.example`,
  token: `ATATT3xFfGF0-demo-${name}-token`,
  accountId,
  displayName,
});

const LOGIN_PAGE =
  '<!DOCTYPE html><html><head><title>Log in with Atlassian account</title></head>' +
  '<body><form action="/login" method="post"><input name="username"></form></body></html>';

/** Jira answers an unaccepted Basic login with 401 and flags it as a failed login. */
function refuse(res: ServerResponse): void {
  sendJson(
    res,
    401,
    { errorMessages: ['Client must be authenticated to access this resource.'] },
    { 'X-Seraph-LoginReason': 'AUTHENTICATED_FAILED', 'WWW-Authenticate': 'Basic realm="Jira"' },
  );
}

function accepted(req: DemoRequest, who: Account, state: TenantState): boolean {
  const login = basicOf(req);
  return !state.revoked && login?.user === who.email && login.password === who.token;
}

/** `GET /rest/api/3/myself` answering as `servedAs` (the token's owner unless swapped). */
function myself(who: Account, servedAs: (state: TenantState) => Account = () => who) {
  return (req: DemoRequest, res: ServerResponse, state: TenantState): void => {
    if (pathOf(req) !== '/rest/api/3/myself') return sendJson(res, 404, { errorMessages: [] });
    if (!accepted(req, who, state)) return refuse(res);
    const me = servedAs(state);
    sendJson(
      res,
      200,
      {
        accountId: me.accountId,
        accountType: 'atlassian',
        emailAddress: me.email,
        displayName: me.displayName,
        active: true,
      },
      { 'X-AAccountId': me.accountId },
    );
  };
}

interface JiraTenant extends Pick<TenantSpec, 'slug' | 'title' | 'expect' | 'story' | 'starts'> {
  who: Account;
  expiresInDays: number;
  serve?: TenantSpec['serve'];
  product?: 'confluence';
}

function jiraTenant(t: JiraTenant): TenantSpec {
  const { who, expiresInDays, product, ...spec } = t;
  return {
    serve: myself(who),
    ...spec,
    integration: (base) => ({
      config: {
        kind: 'atlassian-api-token',
        name: t.title,
        baseUrl: base,
        username: who.email,
        ...(product ? { product } : {}),
        expiresAt: daysFromNow(expiresInDays).toISOString(),
        expectedAccountId: who.accountId,
      },
      secret: who.token,
    }),
  };
}

/** Confluence's `GET /wiki/rest/api/user/current`, unless the site shows its login page. */
function currentUser(who: Account) {
  return (req: DemoRequest, res: ServerResponse, state: TenantState): void => {
    if (state.troubled) return sendHtml(res, 200, LOGIN_PAGE);
    if (pathOf(req) !== '/wiki/rest/api/user/current') return sendJson(res, 404, {});
    if (!accepted(req, who, state)) return refuse(res);
    sendJson(res, 200, {
      type: 'known',
      accountId: who.accountId,
      accountType: 'atlassian',
      email: who.email,
      displayName: who.displayName,
    });
  };
}

const ciBot = account('ci-bot', 'CI bot', '5b10ac8d82e05b22cc7d4e01');
const oldDeploy = account('deploy', 'Old deploy script', '5b10ac8d82e05b22cc7d4e02');
const support = account('support-bot', 'Support bot', '5b10ac8d82e05b22cc7d4e03');
const contractor = account('contractor', 'A contractor', '5b10ac8d82e05b22cc7d4e99');
const reporting = account('reporting', 'Reporting script', '5b10ac8d82e05b22cc7d4e04');
const wiki = account('wiki-export', 'Wiki export', '5b10ac8d82e05b22cc7d4e05');

/** Jira and Confluence Cloud sites: one per demo integration, under /<slug>. */
export const atlassianCloud = (): DemoFamily => ({
  name: 'Jira/Confluence Cloud',
  tenants: [
    jiraTenant({
      slug: 'ci-bot',
      title: 'CI bot',
      who: ciBot,
      expect: 'healthy',
      story: 'a Jira Cloud API token that works',
      expiresInDays: 200,
    }),
    jiraTenant({
      slug: 'old-deploy',
      title: 'Deploy script',
      who: oldDeploy,
      expect: 'expired',
      story: 'a Jira Cloud API token past its expiry date, refused',
      starts: { revoked: true },
      expiresInDays: -3,
    }),
    jiraTenant({
      slug: 'support-bot',
      title: 'Support bot',
      who: support,
      expect: 'identity-changed',
      story: "a Jira Cloud API token swapped for a contractor's",
      starts: { troubled: true },
      serve: myself(support, (state) => (state.troubled ? contractor : support)),
      expiresInDays: 150,
    }),
    jiraTenant({
      slug: 'reporting',
      title: 'Reporting script',
      who: reporting,
      expect: 'anonymous',
      story: 'Jira ignores the token and answers anonymously',
      starts: { troubled: true },
      serve: (req, res, state) =>
        state.troubled
          ? sendJson(res, 200, {}, { 'X-Seraph-LoginReason': 'AUTHENTICATED_FAILED' })
          : myself(reporting)(req, res, state),
      expiresInDays: 120,
    }),
    jiraTenant({
      slug: 'wiki-export',
      title: 'Wiki export',
      who: wiki,
      product: 'confluence',
      expect: 'unexpected-response',
      story: 'Confluence answers an HTML login page',
      starts: { troubled: true },
      serve: currentUser(wiki),
      expiresInDays: 90,
    }),
  ],
});
