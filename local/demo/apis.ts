import type { ServerResponse } from 'node:http';
import { daysFromNow } from './dates';
import { bearerOf, header, pathOf, sendJson } from './http';
import type { DemoFamily, DemoRequest, TenantState } from './types';

const SLACK_TOKEN = 'xoxb-0000000001-0000000002-demoAlertsBotToken';
const BILLING_KEY = 'sk_live_demoBillingApiKey000000000';
const STATUS_KEY = 'demo-status-page-api-key-0001';
const CRM_KEY = 'demo-legacy-crm-key-0001';

/** Slack answers HTTP 200 either way; `ok: false` with an error code is the failure. */
function slackAuthTest(req: DemoRequest, res: ServerResponse, state: TenantState): void {
  if (pathOf(req) !== '/api/auth.test') return sendJson(res, 404, { ok: false });
  if (state.revoked) return sendJson(res, 200, { ok: false, error: 'token_revoked' });
  if (bearerOf(req) !== SLACK_TOKEN)
    return sendJson(res, 200, { ok: false, error: 'invalid_auth' });
  sendJson(
    res,
    200,
    {
      ok: true,
      url: 'https://acme-demo.slack.com/',
      team: 'Acme',
      user: 'alerts-bot',
      team_id: 'T0DEMO001',
      user_id: 'U0DEMO001',
      bot_id: 'B0DEMO001',
    },
    { 'X-OAuth-Scopes': 'chat:write,channels:read' },
  );
}

/** A generic JSON API with bearer keys: says who the key belongs to and when it expires. */
function billing(req: DemoRequest, res: ServerResponse, state: TenantState): void {
  if (state.revoked || bearerOf(req) !== BILLING_KEY) {
    return sendJson(res, 401, {
      error: { type: 'invalid_request_error', message: 'Invalid API Key' },
    });
  }
  if (pathOf(req) !== '/v1/account') return sendJson(res, 404, { error: 'not found' });
  sendJson(res, 200, {
    account: { id: 'acct_demo_001', name: 'Acme Ltd' },
    key: { expires_at: daysFromNow(180).toISOString() },
  });
}

/** A status-page API keyed by `X-Api-Key` that rate-limits this key. */
function statusPage(req: DemoRequest, res: ServerResponse, state: TenantState): void {
  if (state.revoked || header(req, 'x-api-key') !== STATUS_KEY) {
    return sendJson(res, 401, { error: 'unauthorized' });
  }
  if (state.troubled) {
    return sendJson(res, 429, { error: 'rate limit exceeded' }, { 'Retry-After': '900' });
  }
  sendJson(res, 200, { page: { id: 'demo-page', name: 'Acme status' }, components: [] });
}

/** An old CRM whose API answers 503 until it recovers (`fail` at start). */
function crm(req: DemoRequest, res: ServerResponse, state: TenantState): void {
  if (state.revoked || bearerOf(req) !== CRM_KEY)
    return sendJson(res, 401, { error: 'unauthorized' });
  sendJson(res, 200, { user: { id: 'crm-sync', role: 'integration' } });
}

export const slack = (): DemoFamily => ({
  name: 'Slack',
  tenants: [
    {
      slug: 'alerts-bot',
      title: 'Alerts bot',
      expect: 'healthy',
      story: 'a Slack bot token that works',
      serve: slackAuthTest,
      integration: (base) => ({
        config: { kind: 'slack-token', name: 'Alerts bot', baseUrl: base },
        secret: SLACK_TOKEN,
      }),
    },
  ],
});

/** Three generic HTTP APIs, checked by the `http` kind with what "working" looks like. */
export const apisFamily = (): DemoFamily => ({
  name: 'HTTP APIs',
  tenants: [
    {
      slug: 'billing-api',
      title: 'Billing API',
      expect: 'healthy',
      story: 'a generic HTTP API key, expiry read from the JSON answer',
      serve: billing,
      integration: (base) => ({
        config: {
          kind: 'http',
          name: 'Billing API',
          url: `${base}/v1/account`,
          expectJsonPointer: '/account/id',
          expiryJsonPointer: '/key/expires_at',
        },
        secret: BILLING_KEY,
      }),
    },
    {
      slug: 'status-page',
      title: 'Status page API',
      expect: 'rate-limited',
      story: 'an API answering 429 with Retry-After: 900',
      starts: { troubled: true },
      serve: statusPage,
      integration: (base) => ({
        config: {
          kind: 'http',
          name: 'Status page API',
          url: `${base}/api/v2/page`,
          auth: 'header',
          headerName: 'X-Api-Key',
        },
        secret: STATUS_KEY,
      }),
    },
    {
      slug: 'legacy-crm',
      title: 'Legacy CRM',
      expect: 'unreachable',
      story: 'an API down with 503 (says nothing about the key)',
      starts: { failing: true },
      serve: crm,
      integration: (base) => ({
        config: { kind: 'http', name: 'Legacy CRM', url: `${base}/api/me` },
        secret: CRM_KEY,
      }),
    },
  ],
});
