import type { Evidence } from '../domain/result';
import { Redactor } from './redact';

export const MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
export const DEFAULT_PROBE_DEADLINE_MS = 30_000;
const EXCERPT_CHARS = 300;

/** Headers that tell what happened; everything else (cookies, auth challenges' secrets…) is dropped. */
const TELLING_HEADERS = [
  'content-type',
  'content-length',
  'location',
  'retry-after',
  'www-authenticate',
  'x-seraph-loginreason',
  'x-authentication-denied-reason',
  'x-aaccountid',
  'x-ausername',
  'x-auserid',
  'github-authentication-token-expiration',
  'x-oauth-scopes',
  'x-accepted-oauth-scopes',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'x-oauth-client-id',
  'x-github-sso',
  'forge-proxy-error',
] as const;

const PLAIN_REQUEST_HEADERS = new Set([
  'accept',
  'user-agent',
  'content-type',
  'x-github-api-version',
]);

export interface ProbeRequest {
  /** DELETE only ever removes what the probe itself made (a GitHub App's check token). */
  method: 'GET' | 'HEAD' | 'POST' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface ProbeResponse {
  url: string;
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Media type without parameters, lower-cased ('' when absent). */
  contentType: string;
  text: string;
  truncated: boolean;
  durationMs: number;
}

export type TransportFailure = 'timeout' | 'network' | 'not-allowed' | 'deadline' | 'request-limit';

export class TransportError extends Error {
  /**
   * Whether the server may have received (and acted on) the request although no answer came back:
   * a lost answer to a token refresh may mean the refresh token was already rotated.
   */
  readonly mayHaveArrived: boolean;

  constructor(
    readonly failure: TransportFailure,
    message: string,
    neverSent = failure === 'not-allowed' || failure === 'deadline' || failure === 'request-limit',
  ) {
    super(message);
    this.name = 'TransportError';
    this.mayHaveArrived = !neverSent;
  }
}

/** Failures that happen before a connection exists: the server cannot have seen the request. */
const NOT_SENT_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED']);

interface HeadersLike {
  forEach(cb: (value: string, key: string) => void): void;
}
export interface FetchResponseLike {
  status: number;
  headers: HeadersLike;
  body: AsyncIterable<Uint8Array | string> | null;
}
export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  redirect: 'manual';
  signal: AbortSignal;
}
/** The slice of WHATWG fetch a probe needs: Node's global fetch and Forge's `fetch` both fit. */
export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponseLike>;

export interface HttpClientOptions {
  fetch: FetchLike;
  redactor: Redactor;
  requestTimeoutMs?: number;
  deadlineMs?: number;
  /** Refuses a URL before sending (Forge egress); undefined allows every host. */
  isAllowed?: (url: string) => boolean;
  /** Monotonic milliseconds for durations and the probe deadline. */
  monotonicMs?: () => number;
  /** Requests this client sends at most: the kind's declared maximum, which its caller reserved. */
  maxRequests?: number;
}

/**
 * Forge's refusal of a request over the invocation's 100 (FORGE-PLATFORM.md 8, ECO-491): 429 with
 * `forge-proxy-error: FETCH_LIMIT_EXCEEDED`, sent by Forge's proxy, not by the service.
 */
export function isForgeRequestLimit(status: number, forgeProxyError: string | undefined): boolean {
  return status === 429 && forgeProxyError === 'FETCH_LIMIT_EXCEEDED';
}

/**
 * Sends a probe's requests with the rules every probe shares: JSON accepted, redirects never
 * followed (the credential must not travel to another host), per-request timeout inside one
 * deadline for the whole probe, bodies capped at 1 MiB, and every exchange kept as evidence.
 */
export class HttpClient {
  readonly evidence: Evidence[] = [];
  private readonly monotonic: () => number;
  private readonly deadline: number;
  private sent = 0;

  constructor(private readonly options: HttpClientOptions) {
    this.monotonic = options.monotonicMs ?? (() => performance.now());
    this.deadline = this.monotonic() + (options.deadlineMs ?? DEFAULT_PROBE_DEADLINE_MS);
  }

  get redactor(): Redactor {
    return this.options.redactor;
  }

  async send(request: ProbeRequest): Promise<ProbeResponse> {
    this.learnSecrets(request);
    const started = this.monotonic();
    try {
      const response = await this.exchange(request, started);
      this.record(request, started, response);
      return response;
    } catch (err) {
      const error = toTransportError(err, this.timeoutFor(started));
      this.record(request, started, undefined, error.message);
      throw error;
    }
  }

  /** Whatever a probe puts in a credential-bearing header is a secret, even if it forgot to say so. */
  private learnSecrets(request: ProbeRequest): void {
    for (const [name, value] of Object.entries(request.headers ?? {})) {
      if (PLAIN_REQUEST_HEADERS.has(name.toLowerCase())) continue;
      this.options.redactor.add(value);
      this.options.redactor.add(value.replace(/^(Basic|Bearer|token)\s+/i, ''));
    }
  }

  private timeoutFor(started: number): number {
    const timeout = this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    return Math.max(0, Math.min(timeout, this.deadline - started));
  }

  private async exchange(request: ProbeRequest, started: number): Promise<ProbeResponse> {
    if (this.options.isAllowed && !this.options.isAllowed(request.url)) {
      throw new TransportError('not-allowed', egressMessage(request.url));
    }
    const timeoutMs = this.timeoutFor(started);
    if (timeoutMs <= 0) throw new TransportError('deadline', 'the probe ran out of time');
    if (this.sent >= (this.options.maxRequests ?? Infinity)) {
      throw new TransportError('request-limit', overOwnMaximum(this.options.maxRequests ?? 0));
    }
    this.sent += 1;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const raw = await this.options.fetch(request.url, {
        method: request.method,
        headers: { Accept: 'application/json', 'User-Agent': 'token-health', ...request.headers },
        body: request.body,
        redirect: 'manual',
        signal: controller.signal,
      });
      const { text, truncated } = await readCapped(raw.body, controller);
      const response = toResponse(request.url, raw, text, truncated, this.monotonic() - started);
      if (isEgressRefusal(response)) {
        throw new TransportError('not-allowed', egressMessage(request.url));
      }
      if (isForgeRequestLimit(response.status, response.headers['forge-proxy-error'])) {
        throw new TransportError('request-limit', forgeRefused(request.url));
      }
      return response;
    } catch (err) {
      if (controller.signal.aborted && !(err instanceof TransportError)) {
        throw new TransportError('timeout', `no answer within ${Math.round(timeoutMs / 1000)} s`);
      }
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  private record(req: ProbeRequest, started: number, res?: ProbeResponse, error?: string): void {
    const redact = this.options.redactor;
    this.evidence.push({
      method: req.method,
      url: redact.url(req.url),
      status: res?.status ?? null,
      durationMs: Math.round(this.monotonic() - started),
      headers: res ? pickHeaders(res.headers, redact) : {},
      excerpt: res ? excerpt(redact.text(res.text)) : '',
      ...(error ? { error: redact.text(error) } : {}),
    });
  }
}

async function readCapped(
  body: FetchResponseLike['body'],
  controller: AbortController,
): Promise<{ text: string; truncated: boolean }> {
  if (!body) return { text: '', truncated: false };
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  for await (const chunk of body) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    const room = MAX_BODY_BYTES - bytes;
    if (buf.byteLength > room) {
      text += decoder.decode(buf.subarray(0, room));
      bytes = MAX_BODY_BYTES + 1;
      break;
    }
    bytes += buf.byteLength;
    text += decoder.decode(buf, { stream: true });
  }
  if (bytes > MAX_BODY_BYTES) {
    // Stop the download: a body over the cap is never needed to judge a credential.
    controller.abort();
    return { text, truncated: true };
  }
  return { text: text + decoder.decode(), truncated: false };
}

function toResponse(
  url: string,
  raw: FetchResponseLike,
  text: string,
  truncated: boolean,
  durationMs: number,
): ProbeResponse {
  const headers: Record<string, string> = {};
  raw.headers.forEach((value, key) => {
    headers[key.toLowerCase()] = value;
  });
  const contentType = (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return { url, status: raw.status, headers, contentType, text, truncated, durationMs };
}

function pickHeaders(headers: Record<string, string>, redact: Redactor): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of TELLING_HEADERS) {
    const value = headers[name];
    if (value !== undefined) picked[name] = redact.text(value).slice(0, 200);
  }
  return picked;
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS)}…` : flat;
}

const EGRESS_REFUSAL = 'URL not included in the external fetch backend permissions';

function isEgressRefusal(res: ProbeResponse): boolean {
  return res.status === 403 && res.text.startsWith(EGRESS_REFUSAL);
}

function forgeRefused(url: string): string {
  return `Forge refused the request to ${safeHost(url)} because this invocation had used its 100 outbound requests (FETCH_LIMIT_EXCEEDED), so it was never sent and the answer is not ${safeHost(url)}'s`;
}

function overOwnMaximum(max: number): string {
  return `the probe reached the ${max} requests its kind declares, so no further request was sent`;
}

export function egressMessage(url: string): string {
  const host = safeHost(url);
  return `${host} is not declared as egress in manifest.yml (add "- address: ${host}" under permissions.external.fetch.backend)`;
}

export function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the host';
  }
}

function toTransportError(err: unknown, timeoutMs: number): TransportError {
  if (err instanceof TransportError) return err;
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'REQUEST_EGRESS_ALLOWLIST_ERR') {
    return new TransportError('not-allowed', e.message ?? 'egress refused by Forge');
  }
  if (e?.name === 'AbortError' || e?.name === 'TimeoutError') {
    return new TransportError('timeout', `no answer within ${Math.round(timeoutMs / 1000)} s`);
  }
  const code = e?.cause?.code;
  return new TransportError(
    'network',
    describeNetworkError(code, e?.cause?.message),
    NOT_SENT_CODES.has(code ?? ''),
  );
}

function describeNetworkError(code: string | undefined, detail: string | undefined): string {
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name does not resolve (DNS)';
    case 'ECONNREFUSED':
      return 'the connection was refused';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'the connection was closed before an answer arrived';
    default:
      if (code && /CERT|SSL|TLS/i.test(code)) return `TLS failed (${code})`;
      return detail ? `network error: ${detail}` : 'network error';
  }
}
