import type { ServerResponse } from 'node:http';
import { CREDENTIAL_KINDS, type CredentialKind } from '../../src/domain/integration';
import type { Severity, Verdict } from '../../src/domain/verdict';
import { appKeyPair } from '../support/github-app';
import { check, serialised } from '../support/probe';
import {
  sendHtml,
  sendJson,
  startServer,
  type RecordedRequest,
  type TestServer,
} from '../support/server';
import { dayFromToday } from '../support/clock';

/**
 * The answers that mean the same thing from every service, checked against every kind: a proxy's
 * HTML, a broken JSON body, an outage, a redirect to a login page, a 401 and a rate limit. Each
 * server echoes the secret as it received it, in its body and in headers the evidence keeps.
 */

interface KindRow {
  /** How the probe's messages name the service. */
  service: string;
  /** The kind's minimal valid config, pointed at the local server. */
  config: (baseUrl: string) => Record<string, unknown>;
  /** The secret as stored. */
  secret: string;
  /** Parts of the secret that must not show either, e.g. the token inside a JSON secret. */
  forms?: string[];
}

const OAUTH_ACCESS_TOKEN = 'oauth-Qm7Zr2Kx9Vb4Tn8W-0001';
const SA_CLIENT_SECRET = 'ATOA-service-account-secret-0001';
const DC_CLIENT_SECRET = 'dc-service-account-secret-0001';
const BBDC_TOKEN = 'BBDC-MzYxODM2NDgzNjM3On8sQdB746hVFsDeRHehssPU5fYB';
const APP_KEY = appKeyPair().pem;

/** `satisfies` makes a new entry in CREDENTIAL_KINDS without a row here a compile error. */
const KINDS = {
  'atlassian-api-token': {
    service: 'Jira',
    config: (url) => ({ baseUrl: url, username: 'ci-bot@acme.example' }),
    secret: 'ATATT3xFfGF0-common-failures-0001',
  },
  'atlassian-admin-api-key': {
    service: 'Atlassian Admin API',
    config: (url) => ({ baseUrl: url, orgId: '8a1f3c2e-52b4-4e0b-9a43-1b2c3d4e5f60' }),
    secret: 'ATCTT3xFfGN0-admin-key-0001',
  },
  'atlassian-oauth2': {
    service: 'Atlassian',
    config: (url) => ({ baseUrl: url, mode: 'observe' }),
    secret: JSON.stringify({ accessToken: OAUTH_ACCESS_TOKEN }),
    forms: [OAUTH_ACCESS_TOKEN],
  },
  'datacenter-pat': {
    service: 'Jira Data Center',
    config: (url) => ({ baseUrl: `${url}/jira` }),
    secret: 'NzQyMzA5MzQyODg3OrQ5OtSJHz/rrRBmCWO4743jWNWW',
  },
  'bitbucket-datacenter-token': {
    service: 'Bitbucket Data Center',
    config: (url) => ({ baseUrl: `${url}/bitbucket`, username: 'ci-bot' }),
    secret: BBDC_TOKEN,
    forms: [BBDC_TOKEN.slice('BBDC-'.length)],
  },
  'bitbucket-cloud-api-token': {
    service: 'Bitbucket Cloud',
    config: (url) => ({ baseUrl: url, username: 'ci-bot@acme.example' }),
    secret: 'ATATT3xFfGF0-Wq4Tz8Hn2Rv6Kb1Yc-0001',
  },
  'github-token': {
    service: 'GitHub',
    config: (url) => ({ baseUrl: url }),
    secret: 'ghp_16C7e42F292c6912E7710c838347Ae178B4a',
  },
  'gitlab-token': {
    service: 'GitLab',
    config: (url) => ({ baseUrl: url }),
    secret: 'glpat-xY9bQ2v7LmN4pR8sT1uW',
  },
  'slack-token': {
    service: 'Slack',
    config: (url) => ({ baseUrl: url }),
    secret: 'xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy',
  },
  http: {
    // The generic probe names the host; a named header and a JSON pointer make it read JSON.
    service: '127.0.0.1:',
    config: (url) => ({
      url: `${url}/api/v1/me`,
      auth: 'header',
      headerName: 'X-Api-Key',
      expectJsonPointer: '/id',
    }),
    secret: 'svc_live_7f3a9c2e41b84d0f',
  },
  'github-app': {
    service: 'GitHub',
    config: (url) => ({ baseUrl: url, appId: '482913' }),
    secret: APP_KEY,
    // Each base64 line of the key: a server may quote it re-wrapped or JSON-escaped.
    forms: APP_KEY.split('\n').filter((line) => line && !line.startsWith('-----')),
  },
  'atlassian-service-account': {
    // Every endpoint answers alike, so the token request (the first call) meets each answer.
    service: 'Atlassian',
    config: (url) => ({
      baseUrl: url,
      tokenUrl: `${url}/oauth/token`,
      cloudId: 'c0ffee00-5a5a-4b4b-8c8c-000000000001',
      expiresAt: dayFromToday(200),
    }),
    secret: JSON.stringify({ clientId: 'sa-client-0001', clientSecret: SA_CLIENT_SECRET }),
    forms: [SA_CLIENT_SECRET],
  },
  'datacenter-oauth2-client': {
    service: 'Jira Data Center',
    config: (url) => ({ baseUrl: `${url}/jira` }),
    secret: JSON.stringify({ clientId: 'dc-client-0001', clientSecret: DC_CLIENT_SECRET }),
    forms: [DC_CLIENT_SECRET],
  },
  'scim-directory-key': {
    service: 'Atlassian user provisioning',
    config: (url) => ({ baseUrl: url, directoryId: 'dir-0001', expiresAt: dayFromToday(200) }),
    secret: 'ATCTT3xFfGN0-scim-Vq8Zr2Kx9Vb4Tn8W',
  },
} satisfies Record<Exclude<CredentialKind, SecretlessKind>, KindRow>;

/**
 * A SAML identity provider's metadata is public: that kind sends no secret and reads XML, so
 * its own test file covers these answers in its words.
 */
type SecretlessKind = 'saml-idp-certificate';
const WITH_SECRETS = CREDENTIAL_KINDS.filter(
  (k): k is Exclude<CredentialKind, SecretlessKind> => k !== 'saml-idp-certificate',
);

/** Headers that carry a credential, in every scheme the probes use. */
const CREDENTIAL_HEADERS = ['authorization', 'private-token', 'x-api-key'];

function credentialsSent(req: RecordedRequest): string[] {
  return CREDENTIAL_HEADERS.map((h) => req.headers[h]).filter((v) => typeof v === 'string');
}

/**
 * Echoed in headers the evidence keeps, so redaction (not header filtering) must hide it. A header
 * holds no line break: a multi-line secret (a PEM) is echoed on one line.
 */
const echoHeaders = (secret: string): Record<string, string> => {
  const echo = secret.replace(/\s*\n\s*/g, ' ');
  return {
    'WWW-Authenticate': `Bearer realm="api", error_description="not accepted: ${echo}"`,
    'X-AUSERNAME': echo,
  };
};

interface Mode {
  /** How the server answers every request; `echo` holds the secret as it was received. */
  respond: (res: ServerResponse, echo: string, loginPage: string) => void;
  verdict: Verdict;
  severity: Severity;
  /** A fragment of the message; `loginHost` is host:port of the login page. */
  says: (loginHost: string) => string;
  retryAfterSeconds?: number;
}

const MODES: Record<string, Mode> = {
  'an HTML page where JSON was expected': {
    respond: (res, echo) =>
      sendHtml(res, 200, `<!DOCTYPE html><title>Log in</title><p>${echo}</p>`, echoHeaders(echo)),
    verdict: 'unexpected-response',
    severity: 'critical',
    says: () => 'with an HTML page where JSON was expected',
  },
  'a body labelled JSON that is not JSON': {
    respond: (res, echo) => {
      res.writeHead(200, {
        'Content-Type': 'application/json; charset=utf-8',
        ...echoHeaders(echo),
      });
      res.end(`<html>Service Unavailable ${echo}</html>`);
    },
    verdict: 'unexpected-response',
    severity: 'critical',
    says: () => 'labelled its answer JSON but it is not (it starts with "<")',
  },
  'a JSON body cut short': {
    respond: (res, echo) => {
      res.writeHead(200, { 'Content-Type': 'application/json', ...echoHeaders(echo) });
      res.end(`{"echo": "${echo}", "id": 4, "name": `);
    },
    verdict: 'unexpected-response',
    severity: 'critical',
    says: () => 'labelled its answer JSON but it is not (it starts with "{")',
  },
  '503 with a JSON body': {
    respond: (res, echo) =>
      sendJson(res, 503, { message: 'Service Unavailable', echo }, echoHeaders(echo)),
    verdict: 'unreachable',
    severity: 'unknown',
    says: () => 'answered 503 (a server error): this says nothing about the credential',
  },
  "502 with a proxy's HTML page": {
    respond: (res, echo) =>
      sendHtml(res, 502, `<html>Bad Gateway ${echo}</html>`, echoHeaders(echo)),
    verdict: 'unreachable',
    severity: 'unknown',
    says: () => 'answered 502 (a server error)',
  },
  'a 302 to a login page on another server': {
    respond: (res, echo, loginPage) => {
      res.writeHead(302, { Location: `${loginPage}/login?next=%2Fapi`, ...echoHeaders(echo) });
      res.end(`<a href="${loginPage}/login">You are being redirected</a> ${echo}`);
    },
    verdict: 'unexpected-response',
    severity: 'critical',
    says: (loginHost) => `redirected to ${loginHost} (a login page)`,
  },
  '401 that quotes the secret back': {
    respond: (res, echo) =>
      sendJson(res, 401, { message: `token ${echo} is not valid`, echo }, echoHeaders(echo)),
    verdict: 'rejected',
    severity: 'critical',
    says: () => 'answered 401',
  },
  '429 with Retry-After': {
    respond: (res, echo) =>
      sendJson(
        res,
        429,
        { message: 'Too Many Requests', echo },
        { 'Retry-After': '30', ...echoHeaders(echo) },
      ),
    verdict: 'rate-limited',
    severity: 'unknown',
    says: () => 'retry after 30 s',
    retryAfterSeconds: 30,
  },
};

describe.each(WITH_SECRETS)('%s probe, common failures', (kind) => {
  const row: KindRow = KINDS[kind];
  let server: TestServer | undefined;
  let loginPage: TestServer;
  beforeAll(async () => {
    loginPage = await startServer((req, res) => sendHtml(res, 200, '<html>Log in</html>'));
  });
  afterAll(async () => loginPage.close());
  afterEach(async () => server?.close());

  const modes = Object.entries(MODES).map(([answer, mode]) => ({ answer, ...mode }));
  it.each(modes)(
    'check() returns $verdict when every endpoint answers $answer, and never shows the secret',
    async (mode) => {
      server = await startServer((req, res) => {
        const echo = [row.secret, ...credentialsSent(req)].join(' ');
        mode.respond(res, echo, loginPage.url);
      });
      const result = await check({ kind, ...row.config(server.url) }, row.secret);

      expect(result.verdict).toBe(mode.verdict);
      expect(result.severity).toBe(mode.severity);
      expect(result.message.slice(0, row.service.length)).toBe(row.service);
      expect(result.message).toContain(mode.says(new URL(loginPage.url).host));
      expect(result.retryAfterSeconds).toBe(mode.retryAfterSeconds ?? null);
      // One request, nothing retried and nothing followed: the redirect target never hears of it.
      expect(server.requests).toHaveLength(1);
      expect(loginPage.requests).toHaveLength(0);

      const text = serialised(result);
      const sent = credentialsSent(server.requests[0]!);
      for (const secret of [row.secret, ...(row.forms ?? []), ...sent]) {
        expect(text).not.toContain(secret);
      }
      expect(text).toContain('[redacted]');
    },
  );
});
