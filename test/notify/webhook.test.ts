import type http from 'node:http';
import type { FetchLike } from '../../src/probes/http';
import {
  signatureHeaders,
  verifyWebhookSignature,
  webhookNotifier,
  webhookPayload,
  type WebhookConfig,
} from '../../src/notify/webhook';
import { startServer, type RecordedRequest, type TestServer } from '../support/server';
import { base, context, failureNotification, NOW } from './fixtures';

const KEY = 'whsec_3f9a1c7e5b2d8f4a6c0e9b1d7f3a5c8e';
const nodeFetch = globalThis.fetch as unknown as FetchLike;
const config = (url: string): WebhookConfig => ({ ...base('webhook'), url });

/**
 * A receiver written the way the README tells receivers to: it verifies the signature over the raw
 * body (with the same clock the sender used), drops a key it has seen, and answers by path.
 */
function receiver(seen: Set<string>) {
  return (req: RecordedRequest, res: http.ServerResponse): void => {
    const answer = (status: number, text: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': 'text/plain', ...headers });
      res.end(text);
    };
    const verdict = verifyWebhookSignature(req.body, req.headers, KEY, NOW);
    if (!verdict.ok) return answer(401, verdict.reason);
    const key = String(req.headers['x-tokenhealth-idempotency-key']);
    if (seen.has(key)) return answer(200, 'duplicate');
    seen.add(key);
    if (req.path === '/busy') return answer(429, 'slow down', { 'Retry-After': '7' });
    if (req.path === '/broken') return answer(503, 'maintenance');
    if (req.path === '/strict')
      return answer(422, `rejected; you sent ${JSON.stringify(req.headers)}`);
    if (req.path === '/moved') return answer(301, '', { Location: 'https://elsewhere.example/' });
    answer(204, '');
  };
}

let server: TestServer;
let seen: Set<string>;
beforeEach(async () => {
  seen = new Set();
  server = await startServer(receiver(seen));
});
afterEach(() => server.close());

const send = (path: string, key = KEY) =>
  webhookNotifier.send(
    failureNotification(),
    config(`${server.url}${path}`),
    key,
    context({ fetch: nodeFetch }),
  );

describe('signed webhook', () => {
  it('posts the alert as JSON that the receiver verifies', async () => {
    const n = failureNotification();
    const result = await webhookNotifier.send(
      n,
      config(`${server.url}/hook`),
      KEY,
      context({ fetch: nodeFetch }),
    );
    expect(result).toEqual({
      ok: true,
      retryable: false,
      detail: `${new URL(server.url).host} accepted it (204)`,
    });
    const req = server.requests[0]!;
    expect(JSON.parse(req.body)).toEqual(webhookPayload(n, NOW));
    expect(JSON.parse(req.body)).toMatchObject({
      event: 'failure',
      idempotencyKey: n.alert.idempotencyKey,
      integration: { id: 'int-1', name: 'CI bot' },
      severity: 'critical',
      verdict: 'rejected',
      title: n.content.title,
      evidence: n.content.evidence,
      adminUrl: n.content.adminUrl,
      sentAt: NOW.toISOString(),
    });
    expect(req.headers).toMatchObject({
      'content-type': 'application/json',
      'x-tokenhealth-timestamp': String(NOW.getTime() / 1000),
      'x-tokenhealth-idempotency-key': n.alert.idempotencyKey,
      'x-tokenhealth-signature': expect.stringMatching(/^v1=[0-9a-f]{64}$/),
    });
  });

  it('lets the receiver drop a redelivery by its idempotency key', async () => {
    await send('/hook');
    expect(await send('/hook')).toMatchObject({ ok: true });
    expect(seen.size).toBe(1);
  });

  it('is refused by the receiver when signed with another key', async () => {
    const result = await send('/hook', 'another-key-that-is-long-enough-0123');
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(result.detail).toBe(`${new URL(server.url).host} answered 401: bad-signature`);
  });

  it.each([
    ['/busy', 429, true],
    ['/broken', 503, true],
    ['/strict', 422, false],
    ['/moved', 301, false],
  ])('%s answers %i: retryable %s', async (path, status, retryable) => {
    const result = await send(path);
    expect(result).toMatchObject({ ok: false, retryable });
    expect(result.detail).toContain(`answered ${status === 301 ? 'a redirect (301)' : status}`);
    if (status === 429) expect(result.retryAfterSeconds).toBe(7);
  });

  it('never puts the key or a header value in the detail, even when the receiver echoes them', async () => {
    const result = await send('/strict');
    const sent = server.requests[0]!.headers;
    expect(result.detail).not.toContain(KEY);
    expect(result.detail).not.toContain(String(sent['x-tokenhealth-signature']));
    expect(server.requests[0]!.body).not.toContain(KEY);
  });

  it('retries when the receiver cannot be reached', async () => {
    await server.close();
    const result = await send('/hook');
    expect(result).toMatchObject({ ok: false, retryable: true });
    expect(result.detail).toContain('did not answer');
  });
});

describe('verifyWebhookSignature()', () => {
  const body = JSON.stringify({ event: 'failure', title: 'CI bot: its credential is refused' });
  const headers = signatureHeaders(body, KEY, NOW);

  it('accepts the body as signed, whatever the header case', () => {
    expect(verifyWebhookSignature(body, headers, KEY, NOW)).toEqual({ ok: true });
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    expect(verifyWebhookSignature(body, lower, KEY, new Date(NOW.getTime() + 299_000))).toEqual({
      ok: true,
    });
  });

  it('rejects a tampered body', () => {
    const tampered = body.replace('failure', 'recovery');
    expect(verifyWebhookSignature(tampered, headers, KEY, NOW)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it('rejects a replay outside the window, either way', () => {
    const late = new Date(NOW.getTime() + 301_000);
    const early = new Date(NOW.getTime() - 301_000);
    expect(verifyWebhookSignature(body, headers, KEY, late)).toEqual({
      ok: false,
      reason: 'stale',
    });
    expect(verifyWebhookSignature(body, headers, KEY, early)).toEqual({
      ok: false,
      reason: 'stale',
    });
    expect(verifyWebhookSignature(body, headers, KEY, late, 600)).toEqual({ ok: true });
  });

  it('rejects a timestamp moved to look fresh: it is signed too', () => {
    const moved = { ...headers, 'X-TokenHealth-Timestamp': String(NOW.getTime() / 1000 + 60) };
    expect(verifyWebhookSignature(body, moved, KEY, NOW)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it('rejects missing or malformed headers', () => {
    expect(verifyWebhookSignature(body, {}, KEY, NOW)).toEqual({
      ok: false,
      reason: 'missing-headers',
    });
    const bad = { ...headers, 'X-TokenHealth-Signature': 'v1=zz' };
    expect(verifyWebhookSignature(body, bad, KEY, NOW)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it('lets a receiver rotate keys by trying each key it accepts', () => {
    const old = 'the-old-key-the-receiver-still-accepts';
    const signedWithOld = signatureHeaders(body, old, NOW);
    const accepted = [KEY, old].some((k) => verifyWebhookSignature(body, signedWithOld, k, NOW).ok);
    expect(accepted).toBe(true);
  });
});

describe('webhook settings', () => {
  it('wants https (http only on loopback), no credentials in the URL, and a long key', () => {
    expect(webhookNotifier.validate(config('https://hooks.example.com/th'), KEY)).toEqual({});
    expect(webhookNotifier.validate(config('http://127.0.0.1:8080/th'), KEY)).toEqual({});
    expect(webhookNotifier.validate(config('http://hooks.example.com/th'), 'short')).toEqual({
      url: 'The URL must start with https://',
      secret: 'The signing key needs at least 32 characters',
    });
    expect(webhookNotifier.validate(config('https://u:p@hooks.example.com/'), KEY)).toEqual({
      url: 'The URL must not contain a user name or password',
    });
    expect(webhookNotifier.validate(config('https://hooks.example.com/'), null)).toEqual({
      secret: 'The signing key needs at least 32 characters',
    });
  });

  it('wants the host declared as egress when the runtime can tell', () => {
    const isAllowed = (url: string) => new URL(url).hostname === 'hooks.example.com';
    expect(
      webhookNotifier.validate(config('https://hooks.example.com/x'), KEY, { isAllowed }),
    ).toEqual({});
    expect(webhookNotifier.validate(config('https://other.example/x'), KEY, { isAllowed })).toEqual(
      {
        url: 'other.example is not declared as egress in manifest.yml (add "- address: other.example" under permissions.external.fetch.backend)',
      },
    );
  });
});
