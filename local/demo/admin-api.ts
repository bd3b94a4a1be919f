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

function apiKeys(): Listed[] {
  return [
    {
      id: 'demo-key-1',
      label: 'Token Health inventory',
      status: 'ALLOWED',
      createdAt: daysFromNow(-10).toISOString(),
      expiresAt: daysFromNow(170).toISOString(),
      lastActiveAt: daysFromNow(0).toISOString(),
      user: { id: 'demo-admin', orgId: DEMO_ORG, name: 'Org admin', email: 'admin@acme.example' },
    },
  ];
}

const LISTING = /^\/admin\/api-access\/v1\/orgs\/([^/]+)\/(api-tokens|api-keys)$/;

/** The org Admin API: the org the key belongs to, and its token listings (one page each). */
function serve(req: DemoRequest, res: ServerResponse, state: TenantState): void {
  if (state.revoked || bearerOf(req) !== ADMIN_KEY) {
    return sendJson(res, 401, { code: 401, message: 'Unauthorized' });
  }
  const path = pathOf(req);
  if (path === `/admin/v1/orgs/${DEMO_ORG}`) {
    return sendJson(res, 200, {
      data: { id: DEMO_ORG, type: 'orgs', attributes: { name: 'Acme' } },
      links: { self: req.path },
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
      story: 'an org Admin API key; it also feeds the Organisation tokens tab',
      serve,
      integration: (base) => ({
        config: {
          kind: 'atlassian-admin-api-key',
          name: 'Org admin API key',
          baseUrl: base,
          orgId: DEMO_ORG,
          expiresAt: daysFromNow(170).toISOString(),
        },
        secret: ADMIN_KEY,
      }),
    },
  ],
});
