import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpClient, MAX_BODY_BYTES, TransportError, type FetchLike } from '../../src/http/client';
import { Redactor } from '../../src/http/redact';
import { hugeJson, neverFinish, sendJson, startServer, type TestServer } from '../support/server';

const SECRET = 'glpat-very-secret-value-123';
const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

function client(options: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}): HttpClient {
  return new HttpClient({
    fetch: globalThis.fetch as unknown as FetchLike,
    redactor: new Redactor([SECRET]),
    requestTimeoutMs: 800,
    ...options,
  });
}

const get = (url: string) => ({
  method: 'GET' as const,
  url,
  headers: { Authorization: `Bearer ${SECRET}` },
});

describe('HttpClient', () => {
  it('never follows a redirect, so the credential never reaches the target host', async () => {
    const target = await serve((req, res) => sendJson(res, 200, { ok: true }));
    const origin = await serve((req, res) => {
      res.writeHead(302, { Location: `${target.url}/login?next=/rest` });
      res.end();
    });
    const res = await client().send(get(`${origin.url}/rest/api/3/myself`));
    expect(res.status).toBe(302);
    expect(target.requests).toHaveLength(0);
  });

  it('stops reading a body at 1 MiB and marks it truncated', async () => {
    const server = await serve((req, res) => hugeJson(res, 50));
    const res = await client({ requestTimeoutMs: 10_000 }).send(get(server.url));
    expect(res.truncated).toBe(true);
    expect(Buffer.byteLength(res.text)).toBeLessThanOrEqual(MAX_BODY_BYTES);
  });

  it('gives up with a timeout when the server never answers', async () => {
    const server = await serve(() => undefined);
    await expect(client().send(get(server.url))).rejects.toMatchObject({ failure: 'timeout' });
  });

  it('gives up with a timeout when the body never finishes', async () => {
    const server = await serve((req, res) => neverFinish(res));
    await expect(client().send(get(server.url))).rejects.toMatchObject({ failure: 'timeout' });
  });

  it('refuses to start a request once the probe deadline has passed', async () => {
    const server = await serve((req, res) => sendJson(res, 200, {}));
    let clock = 0;
    const c = client({ deadlineMs: 1000, monotonicMs: () => clock });
    await c.send(get(server.url));
    clock = 1001;
    await expect(c.send(get(server.url))).rejects.toMatchObject({ failure: 'deadline' });
    expect(server.requests).toHaveLength(1);
  });

  it('reports a refused connection as a network failure', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((r) => closed.close(() => r()));
    const err = await client()
      .send(get(`http://127.0.0.1:${port}/`))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect(err).toMatchObject({ failure: 'network', message: 'the connection was refused' });
  });

  it("turns Forge's egress refusal into not-allowed naming the manifest entry to add", async () => {
    const server = await serve((req, res) => {
      res.writeHead(403, { 'Content-Type': 'text/plain' });
      res.end(
        `URL not included in the external fetch backend permissions: ${server.url}. Visit go.atlassian.com/forge-egress for more information.`,
      );
    });
    const err = await client()
      .send(get(server.url))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ failure: 'not-allowed' });
    expect((err as Error).message).toContain('- address: 127.0.0.1');
  });

  it('sends nothing to a host the egress check refuses', async () => {
    const server = await serve((req, res) => sendJson(res, 200, {}));
    const c = client({ isAllowed: () => false });
    await expect(c.send(get(server.url))).rejects.toMatchObject({ failure: 'not-allowed' });
    expect(server.requests).toHaveLength(0);
  });

  it('keeps telling headers and a redacted excerpt as evidence, never cookies or the secret', async () => {
    const server = await serve((req, res) =>
      sendJson(
        res,
        401,
        { message: `token ${SECRET} revoked`, access_token: 'abc123def456' },
        {
          'Set-Cookie': 'JSESSIONID=abcdef0123456789',
          'X-Seraph-LoginReason': 'AUTHENTICATED_FAILED',
        },
      ),
    );
    const c = client();
    await c.send(get(`${server.url}/x?api_key=${SECRET}&page=2`));
    const [evidence] = c.evidence;
    expect(evidence).toMatchObject({ method: 'GET', status: 401 });
    expect(evidence!.headers).toEqual(
      expect.objectContaining({ 'x-seraph-loginreason': 'AUTHENTICATED_FAILED' }),
    );
    expect(evidence!.headers['set-cookie']).toBeUndefined();
    const text = JSON.stringify(evidence);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('abc123def456');
    expect(text).not.toContain('JSESSIONID');
    expect(evidence!.url).toContain('page=2');
  });

  it('sends Accept: application/json on every request', async () => {
    const server = await serve((req, res) => sendJson(res, 200, {}));
    await client().send(get(server.url));
    expect(server.requests[0]!.headers.accept).toBe('application/json');
  });
});

describe('Redactor', () => {
  it('redacts known secrets, JWTs and credential-named JSON fields', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.c2lnbmF0dXJl';
    const text = new Redactor(['s3cr3t-value']).text(
      `{"refresh_token":"rt-1","client_secret":"cs","name":"ok","note":"s3cr3t-value ${jwt}"}`,
    );
    expect(text).toBe(
      '{"refresh_token":"[redacted]","client_secret":"[redacted]","name":"ok","note":"[redacted] [redacted]"}',
    );
  });

  // Issue #12 §4 changed this: short secrets are no longer exempt, but stay whole-token only.
  it('masks a short secret where it stands alone, and leaves words that merely contain it', () => {
    expect(new Redactor(['abc']).text('abc def abcdef')).toBe('[redacted] def abcdef');
  });
});
