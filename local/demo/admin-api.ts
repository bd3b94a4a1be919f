import type { ServerResponse } from 'node:http';
import { daysFromNow } from './dates';
import { bearerOf, pathOf, sendJson } from './http';
import type { DemoFamily, DemoRequest, TenantState } from './types';

export const DEMO_ORG = '9a1b2c3d-demo-4e5f-8a9b-acme00000001';
export const ADMIN_KEY = 'ATCTT3xFfGN0-demo-org-admin-api-key';

interface Listed {
  id: string;
  label: string;
  status: 'ALLOWED' | 'BLOCKED';
  createdAt: string;
  expiresAt?: string;
  lastActiveAt?: string;
  user: { id: string; orgId: string; name: string; email: string };
}

const PEOPLE = ['Ana Silva', 'Ben Okafor', 'Chloe Martin', 'Dev Patel'];

/** [label, created days ago, expires in days (null: never), last used days ago, blocked]. */
const TOKENS: [string, number, number | null, number | null, boolean][] = [
  ['deploy pipeline', 360, 5, 0, false],
  ['jira-to-sheets export', 340, 12, 2, false],
  ['old migration script', 400, -10, 200, false],
  ['backup cron', 200, 25, 1, false],
  ['release notes bot', 30, 335, 0, false],
  ['personal curl tests', 100, null, 95, false],
  ['analytics sync', 20, 700, 3, false],
  ['leaked in a public repo', 60, 300, 5, true],
];

/** The org's users' API tokens, dated from now so the inventory always has something to flag. */
function tokens(): Listed[] {
  return TOKENS.map(([label, created, expires, used, blocked], i) => {
    const name = PEOPLE[i % PEOPLE.length] ?? 'Someone';
    const id = `demo-user-${i % PEOPLE.length}`;
    const email = `${name.split(' ')[0]?.toLowerCase()}@acme.example`;
    return {
      id: `demo-token-${i}`,
      label,
      status: blocked ? 'BLOCKED' : 'ALLOWED',
      createdAt: daysFromNow(-created).toISOString(),
      ...(expires === null ? {} : { expiresAt: daysFromNow(expires).toISOString() }),
      ...(used === null ? {} : { lastActiveAt: daysFromNow(-used).toISOString() }),
      user: { id, orgId: DEMO_ORG, name, email },
    };
  });
}

const KEY_NAME = 'Token Health inventory';
/** The demo key's scopes: what the inventory asks for (developer.atlassian.com/cloud/admin/scopes). */
const KEY_SCOPES = ['read:tokens:admin', 'read:keys:admin'];

/** The org's API keys in the documented api-keys shape: no status, the creator as createdBy. */
function apiKeys() {
  return [
    {
      id: 'demo-key-1',
      label: KEY_NAME,
      createdAt: daysFromNow(-10).toISOString(),
      expiresAt: daysFromNow(170).toISOString(),
      lastActiveAt: daysFromNow(0).toISOString(),
      orgId: DEMO_ORG,
      createdBy: { id: 'demo-admin', name: 'Org admin', email: 'admin@acme.example' },
      scopes: KEY_SCOPES,
    },
  ];
}

const LISTING = /^\/admin\/api-access\/v1\/orgs\/([^/]+)\/(api-tokens|api-keys)$/;

/**
 * The org Admin API: the token listings (one page each). The org endpoint needs read:orgs:admin,
 * which the demo key lacks: 403 with the Admin API's error body (community.atlassian.com,
 * qaq-p/3039088).
 */
function serve(req: DemoRequest, res: ServerResponse, state: TenantState): void {
  if (state.revoked || bearerOf(req) !== ADMIN_KEY) {
    return sendJson(res, 401, { code: 401, message: 'Unauthorized' });
  }
  const path = pathOf(req);
  if (path.startsWith('/admin/v1/orgs/')) {
    return sendJson(res, 403, {
      status: 403,
      error: 'Forbidden',
      message: 'User has no permission to access resource.',
      path: `/api${path}`,
    });
  }
  const listing = LISTING.exec(path);
  if (!listing || listing[1] !== DEMO_ORG) return sendJson(res, 404, { message: 'Not found' });
  const data = listing[2] === 'api-tokens' ? tokens() : apiKeys();
  sendJson(res, 200, { data, links: { self: req.path } });
}

export const adminApi = (): DemoFamily => ({
  name: 'Atlassian Admin API',
  tenants: [
    {
      slug: 'org-admin',
      title: 'Org admin API key',
      expect: 'healthy',
      story:
        "an org Admin API key, its expiry read from the org's key listing; it also feeds the Organisation tokens tab",
      serve,
      integration: (base) => ({
        config: {
          kind: 'atlassian-admin-api-key',
          name: 'Org admin API key',
          baseUrl: base,
          orgId: DEMO_ORG,
          tokenId: KEY_NAME,
        },
        secret: ADMIN_KEY,
      }),
    },
  ],
});
