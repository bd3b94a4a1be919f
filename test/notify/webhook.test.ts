import type http from 'node:http';
import { Webhook } from 'standardwebhooks';
import type { WebhookConfig } from '../../src/domain/channels';
import type { FetchLike } from '../../src/http/client';
import {
  signatureHeaders,
  SIGNING_KEY_FORMAT,
  verifyWebhookSignature,
  webhookNotifier,
  webhookPayload,
} from '../../src/notify/webhook';
import { startServer, type RecordedRequest, type TestServer } from '../support/server';
import { base, context, failureNotification, NOW } from './fixtures';

/** A Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
const KEY = 'whsec_8U3iPaR9OAA2+TxZINssLUo/lpXhXlZgcUtctvoYlDk=';
const OTHER_KEY = 'whsec_O89AUmkz53IPmiWUBkaXPPBMN8epO2euHO+NUmlR3g8=';
const nodeFetch = globalThis.fetch as unknown as FetchLike;
const config = (url: string): WebhookConfig => ({ ...base('webhook'), url });

/**
 * The off-the-shelf verifier a receiver would use: the `standardwebhooks` package (the reference
 * implementation, https://github.com/standard-webhooks/standard-webhooks/tree/main/libraries/javascript).
 * It reads the clock itself (Date.now, 5 minutes either way), so it is shown the sender's clock.
 */
function libraryVerifies(body: string, headers: Record<string, unknown>, key = KEY, now = NOW) {
  const clock = jest.spyOn(Date, 'now').mockReturnValue(now.getTime());
  try {
    new Webhook(key).verify(body, headers as Record<string, string>);
    return 'valid';
  } catch (e) {
    return (e as Error).message;
  } finally {
    clock.mockRestore();
  }
}

/**
 * A receiver written the way docs/ALERTS.md tells receivers to: it verifies the request with the
 * `standardwebhooks` package over the raw body, drops a webhook-id it has seen, and answers by path.
 */
function receiver(seen: Set<string>) {
  return (req: RecordedRequest, res: http.ServerResponse): void => {
    const answer = (status: number, text: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': 'text/plain', ...headers });
      res.end(text);
    };
    const verdict = libraryVerifies(req.body, req.headers);
    if (verdict !== 'valid') return answer(401, verdict);
    const id = String(req.headers['webhook-id']);
    if (seen.has(id)) return answer(200, 'duplicate');
    seen.add(id);
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
  it('posts the alert as JSON signed per Standard Webhooks, which the standardwebhooks package verifies', async () => {
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
      'webhook-id': n.alert.idempotencyKey,
      'webhook-timestamp': String(NOW.getTime() / 1000),
      'webhook-signature': expect.stringMatching(/^v1,[A-Za-z0-9+/]{43}=$/),
    });
    expect(Object.keys(req.headers).filter((h) => h.startsWith('x-tokenhealth'))).toEqual([]);
  });

  it('signs the webhook-id too: a receiver refuses a message whose id was changed', async () => {
    await send('/hook');
    const req = server.requests[0]!;
    expect(libraryVerifies(req.body, req.headers)).toBe('valid');
    const renamed = { ...req.headers, 'webhook-id': 'a-fresh-looking-id' };
    expect(libraryVerifies(req.body, renamed)).toBe('No matching signature found');
    expect(verifyWebhookSignature(req.body, renamed, KEY, NOW)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it('sends the same webhook-id when the same alert is delivered again', async () => {
    await send('/busy');
    await send('/hook');
    const ids = server.requests.map((r) => r.headers['webhook-id']);
    expect(ids).toEqual([failureNotification().alert.idempotencyKey, ids[0]]);
  });

  it('lets the receiver drop a redelivery by its webhook-id', async () => {
    await send('/hook');
    expect(await send('/hook')).toMatchObject({ ok: true });
    expect(seen.size).toBe(1);
  });

  it('is refused by the receiver when signed with another key', async () => {
    const result = await send('/hook', OTHER_KEY);
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(result.detail).toBe(
      `${new URL(server.url).host} answered 401: No matching signature found`,
    );
  });

  it('refuses to send with a key in the old free-text format, saying what a key must be', async () => {
    const result = await send('/hook', 'an-old-style-signing-key-0123456789abcdef');
    expect(result).toEqual({
      ok: false,
      retryable: false,
      detail: `invalid settings: ${SIGNING_KEY_FORMAT}`,
    });
    expect(server.requests).toEqual([]);
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
    expect(result.detail).not.toContain(KEY.slice('whsec_'.length));
    expect(result.detail).not.toContain(String(sent['webhook-signature']));
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
  const headers = signatureHeaders(body, 'int-1:failure:1', KEY, NOW);

  it('agrees with the standardwebhooks package, whatever the header case', () => {
    expect(libraryVerifies(body, headers)).toBe('valid');
    expect(verifyWebhookSignature(body, headers, KEY, NOW)).toEqual({ ok: true });
    const upper = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toUpperCase(), v]));
    expect(verifyWebhookSignature(body, upper, KEY, new Date(NOW.getTime() + 299_000))).toEqual({
      ok: true,
    });
  });

  it('verifies what the standardwebhooks package signs, one of several space-separated signatures', () => {
    const library = new Webhook(KEY);
    const timestamp = new Date(Math.floor(NOW.getTime() / 1000) * 1000);
    const theirs = {
      'webhook-id': 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W',
      'webhook-timestamp': String(timestamp.getTime() / 1000),
      'webhook-signature': `v1,bm90IHRoaXMgb25l ${library.sign('msg_2KWPBgLlAfxdpx2AI54pPJ85f4W', timestamp, body)}`,
    };
    expect(verifyWebhookSignature(body, theirs, KEY, NOW)).toEqual({ ok: true });
  });

  it('rejects a tampered body', () => {
    const tampered = body.replace('failure', 'recovery');
    expect(libraryVerifies(tampered, headers)).toBe('No matching signature found');
    expect(verifyWebhookSignature(tampered, headers, KEY, NOW)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it('rejects a replay outside the window, either way', () => {
    const late = new Date(NOW.getTime() + 301_000);
    const early = new Date(NOW.getTime() - 301_000);
    expect(libraryVerifies(body, headers, KEY, late)).toBe('Message timestamp too old');
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
    const moved = { ...headers, 'webhook-timestamp': String(NOW.getTime() / 1000 + 60) };
    expect(libraryVerifies(body, moved)).toBe('No matching signature found');
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
    for (const signature of ['v1=zz', 'v1,', 'v2,abc', '']) {
      const bad = { ...headers, 'webhook-signature': signature };
      expect(verifyWebhookSignature(body, bad, KEY, NOW)).not.toEqual({ ok: true });
    }
  });

  it('lets a receiver rotate keys by trying each key it accepts', () => {
    const signedWithOld = signatureHeaders(body, 'int-1:failure:1', OTHER_KEY, NOW);
    const accepted = [KEY, OTHER_KEY].some(
      (k) => verifyWebhookSignature(body, signedWithOld, k, NOW).ok,
    );
    expect(accepted).toBe(true);
  });
});

describe('verifyWebhookSignature() next to the standardwebhooks package', () => {
  const body = JSON.stringify({ event: 'failure', title: 'CI bot: its credential is refused' });
  /** A message whose signature holds `+` or `/`, so its base64url spelling differs. */
  const id = Array.from({ length: 50 }, (_, n) => `msg-${n}`).find((candidate) =>
    /[+/]/.test(signatureHeaders(body, candidate, KEY, NOW)['webhook-signature'] ?? ''),
  ) as string;
  const signed = signatureHeaders(body, id, KEY, NOW);
  const signature = signed['webhook-signature'] as string;
  const value = signature.slice('v1,'.length);
  const seconds = Math.floor(NOW.getTime() / 1000);
  const resigned = (offsetSeconds: number) =>
    signatureHeaders(body, id, KEY, new Date((seconds + offsetSeconds) * 1000));
  const url = value.replace(/\+/g, '-').replace(/\//g, '_');

  const cases: [string, Record<string, string>][] = [
    ['as signed', signed],
    ['padding dropped', { ...signed, 'webhook-signature': `v1,${value.replace(/=+$/, '')}` }],
    ['garbage after the padding', { ...signed, 'webhook-signature': `v1,${value}AAAA` }],
    ['text after the padding', { ...signed, 'webhook-signature': `v1,${value}!` }],
    ['base64url', { ...signed, 'webhook-signature': `v1,${url}` }],
    [
      'base64url without padding',
      { ...signed, 'webhook-signature': `v1,${url.replace(/=+$/, '')}` },
    ],
    ['another case', { ...signed, 'webhook-signature': `v1,${value.toLowerCase()}` }],
    ['version v2', { ...signed, 'webhook-signature': `v2,${value}` }],
    ['version V1', { ...signed, 'webhook-signature': `V1,${value}` }],
    ['version v1a', { ...signed, 'webhook-signature': `v1a,${value}` }],
    ['no version', { ...signed, 'webhook-signature': value }],
    ['after a wrong one', { ...signed, 'webhook-signature': `v1,bm90IHRoaXMgb25l ${signature}` }],
    ['before a wrong one', { ...signed, 'webhook-signature': `${signature} v1,bm90IHRoaXMgb25l` }],
    ['after a comma and a space', { ...signed, 'webhook-signature': `v1,bm90, ${signature}` }],
    ['with a third field', { ...signed, 'webhook-signature': `${signature},more` }],
    ['between spaces', { ...signed, 'webhook-signature': `  ${signature}  ` }],
    ['after a tab', { ...signed, 'webhook-signature': `\t${signature}` }],
    ['before a newline', { ...signed, 'webhook-signature': `${signature}\n` }],
    ['empty signature', { ...signed, 'webhook-signature': '' }],
    ['empty id', { ...signed, 'webhook-id': '' }],
    ['timestamp after spaces', { ...signed, 'webhook-timestamp': `  ${seconds}` }],
    ['timestamp with a tail', { ...signed, 'webhook-timestamp': `${seconds}abc` }],
    ['timestamp with decimals', { ...signed, 'webhook-timestamp': `${seconds}.9` }],
    ['timestamp with a leading zero', { ...signed, 'webhook-timestamp': `0${seconds}` }],
    ['timestamp in hex', { ...signed, 'webhook-timestamp': `0x${seconds.toString(16)}` }],
    ['timestamp empty', { ...signed, 'webhook-timestamp': '' }],
    ['signed 300 s ago', resigned(-300)],
    ['signed 301 s ago', resigned(-301)],
    ['signed 300 s ahead', resigned(300)],
    ['signed 301 s ahead', resigned(301)],
  ];

  it.each(cases)('accepts or refuses a signature %s as the package does', (_, headers) => {
    const library = libraryVerifies(body, headers) === 'valid';
    expect(verifyWebhookSignature(body, headers, KEY, NOW).ok).toBe(library);
  });

  it('accepts some of these cases and refuses others, so the comparison tells both ways apart', () => {
    const verdicts = cases.map(([, headers]) => libraryVerifies(body, headers) === 'valid');
    expect(verdicts.filter(Boolean).length).toBeGreaterThanOrEqual(8);
    expect(verdicts.filter((v) => !v).length).toBeGreaterThanOrEqual(15);
  });
});

describe('webhook settings', () => {
  it('wants https (http only on loopback), no credentials in the URL, and a whsec_ key', () => {
    expect(webhookNotifier.validate(config('https://hooks.example.com/th'), KEY)).toEqual({});
    expect(webhookNotifier.validate(config('http://127.0.0.1:8080/th'), KEY)).toEqual({});
    expect(webhookNotifier.validate(config('http://hooks.example.com/th'), 'short')).toEqual({
      url: 'The URL must start with https://',
      secret: SIGNING_KEY_FORMAT,
    });
    expect(webhookNotifier.validate(config('https://u:p@hooks.example.com/'), KEY)).toEqual({
      url: 'The URL must not contain a user name or password',
    });
    expect(webhookNotifier.validate(config('https://hooks.example.com/'), null)).toEqual({
      secret: SIGNING_KEY_FORMAT,
    });
  });

  it.each([
    ['an old free-text key', 'demo-webhook-signing-key-0123456789abcdef'],
    ['no whsec_ prefix', KEY.slice('whsec_'.length)],
    ['not base64', 'whsec_this is not base64 at all, not even close!!'],
    ['under 24 bytes', `whsec_${Buffer.alloc(23, 7).toString('base64')}`],
    ['over 64 bytes', `whsec_${Buffer.alloc(65, 7).toString('base64')}`],
  ])('refuses a signing key with %s, in plain words', (_, key) => {
    expect(webhookNotifier.validate(config('https://hooks.example.com/'), key)).toEqual({
      secret: SIGNING_KEY_FORMAT,
    });
  });

  it('takes 24 to 64 bytes behind whsec_, as the spec asks', () => {
    for (const size of [24, 32, 64]) {
      const key = `whsec_${Buffer.alloc(size, 9).toString('base64')}`;
      expect(webhookNotifier.validate(config('https://hooks.example.com/'), key)).toEqual({});
    }
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
