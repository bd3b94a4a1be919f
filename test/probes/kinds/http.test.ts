import { parseIntegrationConfig } from '../../../src/domain/integration-input';
import { BadInputError } from '../../../src/probes/engine';
import {
  answering,
  basicAuth,
  bearerToken,
  hugeJson,
  neverFinish,
  sendJson,
  startServer,
  type TestServer,
} from '../../support/server';
import { check, daysFromNow, NOW, serialised } from '../../support/probe';

const TOKEN = 'svc_live_7f3a9c2e41b84d0f';
const USER = 'deploy-bot';

/** An unsigned JWT: the probe reads exp without verifying, so a signature is not needed. */
function jwtExpiringAt(at: Date): string {
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const payload = { sub: 'svc-deploy', iss: 'https://idp.acme.example', exp: at.getTime() / 1000 };
  return `${part({ alg: 'RS256', kid: 'k1' })}.${part(payload)}.c2lnbmF0dXJlLW5vdC1jaGVja2Vk`;
}

/** A typical token-protected JSON API: 401 with a challenge for a wrong or missing token. */
function api(accepts: (req: Parameters<typeof bearerToken>[0]) => boolean, body: unknown = {}) {
  return startServer((req, res) =>
    accepts(req)
      ? sendJson(res, 200, body)
      : sendJson(
          res,
          401,
          { message: 'Bad credentials' },
          { 'WWW-Authenticate': 'Bearer realm="api", error="invalid_token"' },
        ),
  );
}

describe('http probe', () => {
  let server: TestServer | undefined;
  afterEach(async () => server?.close());

  const target = () => `${server?.url ?? 'http://127.0.0.1:9'}/api/v1/me`;
  const config = (extra: Record<string, unknown> = {}) => ({
    kind: 'http',
    url: target(),
    ...extra,
  });

  describe('auth schemes', () => {
    it('check() returns healthy when the server accepts the default Bearer token', async () => {
      server = await api((req) => bearerToken(req) === TOKEN, { id: 42 });
      const result = await check(config(), TOKEN);
      expect(result.verdict).toBe('healthy');
      expect(result.identity).toBeNull();
      expect(result.facts).toEqual({ status: '200', host: new URL(server.url).host });
      expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/api/v1/me' });
    });

    it('check() returns healthy when the server accepts basic username:secret', async () => {
      server = await api((req) => {
        const auth = basicAuth(req);
        return auth?.user === USER && auth.password === 'pass word:with colon';
      });
      const result = await check(config({ auth: 'basic', username: USER }), 'pass word:with colon');
      expect(result.verdict).toBe('healthy');
    });

    it('check() returns healthy when the server accepts the secret in a named header', async () => {
      server = await api((req) => req.headers['x-api-key'] === TOKEN);
      const result = await check(config({ auth: 'header', headerName: 'X-Api-Key' }), TOKEN);
      expect(result.verdict).toBe('healthy');
      expect(server.requests[0]?.headers.authorization).toBeUndefined();
    });

    it('check() sends a header value with its own scheme verbatim ("Token abc")', async () => {
      server = await api((req) => req.headers.authorization === `Token ${TOKEN}`);
      const result = await check(
        config({ auth: 'header', headerName: 'Authorization' }),
        `Token ${TOKEN}`,
      );
      expect(result.verdict).toBe('healthy');
    });

    it('check() sends POST and HEAD when configured', async () => {
      server = await api((req) => bearerToken(req) === TOKEN);
      expect((await check(config({ method: 'POST' }), TOKEN)).verdict).toBe('healthy');
      expect((await check(config({ method: 'HEAD' }), TOKEN)).verdict).toBe('healthy');
      expect(server.requests.map((r) => r.method)).toEqual(['POST', 'HEAD']);
    });

    it('runProbe() refuses a secret with a line break before sending anything', async () => {
      server = await api(() => true);
      await expect(
        check(config({ auth: 'header', headerName: 'X-Api-Key' }), `${TOKEN}\r\nX-Evil: 1`),
      ).rejects.toThrow(BadInputError);
      expect(server.requests).toHaveLength(0);
    });
  });

  describe('expected status', () => {
    it('check() returns healthy when the server answers the expected 204 with no body', async () => {
      server = await startServer((req, res) => {
        res.writeHead(204);
        res.end();
      });
      const result = await check(config({ method: 'POST', expectStatus: 204 }), TOKEN);
      expect(result.verdict).toBe('healthy');
      expect(result.facts['status']).toBe('204');
    });

    it('check() returns unexpected-response when 200 comes back where 204 was expected', async () => {
      server = await answering(200, {});
      const result = await check(config({ expectStatus: 204 }), TOKEN);
      expect(result.verdict).toBe('unexpected-response');
      expect(result.message).toMatch(/answered 200 where 204 was expected/);
    });

    it('check() returns unexpected-response for a 404', async () => {
      server = await answering(404, { message: 'Not Found' });
      const result = await check(config(), TOKEN);
      expect(result.verdict).toBe('unexpected-response');
    });

    it('check() returns healthy when the redirect is the expected status (expectStatus 302)', async () => {
      server = await startServer((req, res) => {
        res.writeHead(302, { Location: '/dashboard' });
        res.end();
      });
      const result = await check(config({ expectStatus: 302 }), TOKEN);
      expect(result.verdict).toBe('healthy');
    });
  });

  describe('failing statuses', () => {
    it('check() returns rejected when the server answers 401 invalid_token', async () => {
      server = await api(() => false);
      const result = await check(config(), TOKEN);
      expect(result.verdict).toBe('rejected');
      expect(result.severity).toBe('critical');
      expect(result.evidence[0]?.headers['www-authenticate']).toContain('invalid_token');
    });

    it('check() returns insufficient-scope when the server answers 403', async () => {
      server = await answering(403, { message: 'Resource not accessible by integration' });
      const result = await check(config(), TOKEN);
      expect(result.verdict).toBe('insufficient-scope');
    });

    it('check() returns rate-limited with the wait when Retry-After is an HTTP date', async () => {
      const at = new Date(NOW.getTime() + 120_000).toUTCString();
      server = await answering(429, { message: 'slow down' }, { 'Retry-After': at });
      const result = await check(config(), TOKEN);
      expect(result.verdict).toBe('rate-limited');
      expect(result.retryAfterSeconds).toBe(120);
    });
  });

  describe('JSON assertion', () => {
    it('check() returns healthy when the JSON pointer holds data', async () => {
      server = await answering(200, { data: { 'user/id': 'u-1' } });
      const result = await check(config({ expectJsonPointer: '/data/user~1id' }), TOKEN);
      expect(result.verdict).toBe('healthy');
      expect(result.message).toContain('/data/user~1id');
    });

    it('check() returns anonymous naming the pointer when it is missing', async () => {
      server = await answering(200, { data: {} });
      const result = await check(config({ expectJsonPointer: '/data/id' }), TOKEN);
      expect(result.verdict).toBe('anonymous');
      expect(result.message).toContain('/data/id');
      expect(result.message).toMatch(/missing/);
    });

    it('check() returns anonymous when the pointer holds an empty array', async () => {
      server = await answering(200, { projects: [] });
      const result = await check(config({ expectJsonPointer: '/projects' }), TOKEN);
      expect(result.verdict).toBe('anonymous');
      expect(result.message).toMatch(/empty \(\[\]\)/);
    });

    it('check() returns anonymous when an anonymous-capable endpoint answers 200 [] to an ignored token', async () => {
      // Like Jira's GET /rest/api/3/project: a dead token is served as anonymous, not refused.
      server = await startServer((req, res) =>
        bearerToken(req) === 'the-current-token'
          ? sendJson(res, 200, [{ id: '10000', key: 'OPS' }])
          : sendJson(res, 200, [], { 'X-Seraph-LoginReason': 'AUTHENTICATED_FAILED' }),
      );
      const first = await check(config({ expectJsonPointer: '/0' }), TOKEN);
      const whole = await check(config({ expectJsonPointer: '' }), TOKEN);
      const live = await check(config({ expectJsonPointer: '/0' }), 'the-current-token');
      expect(first.verdict).toBe('anonymous');
      expect(whole.verdict).toBe('anonymous');
      expect(whole.message).toContain('(whole body)');
      expect(live.verdict).toBe('healthy');
    });

    it('check() cuts a huge body at 1 MiB and returns unexpected-response quickly', async () => {
      server = await startServer((req, res) => hugeJson(res, 64));
      const started = Date.now();
      const result = await check(config({ expectJsonPointer: '/padding' }), TOKEN);
      expect(result.verdict).toBe('unexpected-response');
      expect(result.message).toMatch(/more than 1 MiB/);
      expect(Date.now() - started).toBeLessThan(1500);
    });

    it('the config refuses a JSON pointer with a bad escape and HEAD with a JSON pointer', () => {
      const bad = parseIntegrationConfig({
        kind: 'http',
        url: 'https://x.example',
        expectJsonPointer: '/a~2',
      });
      const head = parseIntegrationConfig({
        kind: 'http',
        url: 'https://x.example',
        method: 'HEAD',
        expectJsonPointer: '/id',
      });
      expect(bad).toMatchObject({ ok: false, errors: { expectJsonPointer: expect.any(String) } });
      expect(head).toMatchObject({ ok: false, errors: { method: expect.stringMatching(/GET/) } });
    });
  });

  describe('expiry', () => {
    it('check() returns expiring from an expiry header holding an HTTP date', async () => {
      const at = daysFromNow(5.5).toUTCString();
      server = await answering(200, {}, { 'X-Token-Expires': at });
      const result = await check(config({ expiryHeader: 'X-Token-Expires' }), TOKEN);
      expect(result.verdict).toBe('expiring');
      expect(result.daysLeft).toBe(5);
      expect(result.expirySource).toBe('service');
    });

    it('check() reads an expiry header holding epoch seconds', async () => {
      const at = String(Math.floor(daysFromNow(10.5).getTime() / 1000));
      server = await answering(200, {}, { 'X-Token-Expires': at });
      const result = await check(config({ expiryHeader: 'x-token-expires' }), TOKEN);
      expect(result.verdict).toBe('expiring');
      expect(result.daysLeft).toBe(10);
    });

    it('check() returns expiring from a JSON field holding an ISO date', async () => {
      const at = daysFromNow(2.5).toISOString();
      server = await answering(200, { token: { name: 'deploy', expires_at: at } });
      const result = await check(config({ expiryJsonPointer: '/token/expires_at' }), TOKEN);
      expect(result.verdict).toBe('expiring');
      expect(result.expiresAt).toBe(at);
    });

    it("check() returns expiring from the JWT secret's own exp", async () => {
      const jwt = jwtExpiringAt(daysFromNow(6.5));
      server = await api((req) => bearerToken(req) === jwt);
      const result = await check(config({ expiryFromJwt: true }), jwt);
      expect(result.verdict).toBe('expiring');
      expect(result.daysLeft).toBe(6);
      expect(result.expirySource).toBe('service');
      expect(serialised(result)).not.toContain(jwt);
    });

    it('check() returns expired when a JWT past its exp is refused with 401', async () => {
      const jwt = jwtExpiringAt(daysFromNow(-1));
      server = await api(() => false);
      const result = await check(config({ expiryFromJwt: true }), jwt);
      expect(result.verdict).toBe('expired');
    });

    it('runProbe() refuses a secret that is not a JWT when expiryFromJwt is on, sending nothing', async () => {
      server = await api(() => true);
      await expect(check(config({ expiryFromJwt: true }), TOKEN)).rejects.toThrow(/not a JWT/);
      expect(server.requests).toHaveLength(0);
    });

    it('check() takes the earliest of several expiry sources', async () => {
      const header = daysFromNow(20).toUTCString();
      const field = daysFromNow(3.5).toISOString();
      server = await answering(200, { expires_at: field }, { 'X-Token-Expires': header });
      const result = await check(
        config({ expiryHeader: 'X-Token-Expires', expiryJsonPointer: '/expires_at' }),
        TOKEN,
      );
      expect(result.expiresAt).toBe(field);
    });

    it('check() stays healthy and notes it when the expiry field is null (a token that never expires)', async () => {
      server = await answering(200, { expires_at: null });
      const result = await check(config({ expiryJsonPointer: '/expires_at' }), TOKEN);
      expect(result.verdict).toBe('healthy');
      expect(result.expiresAt).toBeNull();
      expect(result.facts['expiry']).toMatch(/no expiry at JSON \/expires_at/);
    });

    it('check() returns unexpected-response when the expiry header is not a date', async () => {
      server = await answering(200, {}, { 'X-Token-Expires': 'soon' });
      const result = await check(config({ expiryHeader: 'X-Token-Expires' }), TOKEN);
      expect(result.verdict).toBe('unexpected-response');
      expect(result.message).toContain('"soon"');
    });
  });

  describe('transport', () => {
    it('check() returns unreachable within the request timeout when the body never finishes', async () => {
      server = await startServer((req, res) => neverFinish(res));
      const started = Date.now();
      const result = await check(config(), TOKEN);
      expect(result.verdict).toBe('unreachable');
      expect(result.message).toMatch(/no answer within/);
      expect(Date.now() - started).toBeLessThan(3000);
    });

    it('check() returns not-allowed when Forge refuses the egress with its 403 text', async () => {
      server = await startServer((req, res) => {
        res.writeHead(403, { 'Content-Type': 'text/plain' });
        res.end(
          `URL not included in the external fetch backend permissions: ${target()}. Visit go.atlassian.com/forge-egress for more information.`,
        );
      });
      const result = await check(config(), TOKEN);
      expect(result.verdict).toBe('not-allowed');
      expect(result.message).toMatch(/manifest\.yml/);
    });

    it('check() returns not-allowed and sends nothing when isAllowed refuses the URL', async () => {
      server = await api(() => true);
      const result = await check(config(), TOKEN, { isAllowed: () => false });
      expect(result.verdict).toBe('not-allowed');
      expect(server.requests).toHaveLength(0);
    });
  });
});
