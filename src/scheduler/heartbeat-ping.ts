import type { HeartbeatMethod, PingBody } from '../domain/heartbeat';
import { isRetryableStatus } from '../notify/http';
import { clip } from '../notify/text';
import { urlSecrets } from '../notify/checks';
import { egressMessage, HttpClient, TransportError, type FetchLike } from '../http/client';
import { Redactor } from '../http/redact';

/** One attempt waits this long at most: the services answer in well under a second. */
export const PING_TIMEOUT_MS = 5_000;
/** Pause before the one retry. */
export const PING_RETRY_PAUSE_MS = 1_000;
const EXCERPT_CHARS = 120;

export interface PingDeps {
  fetch: FetchLike;
  /** Time the invocation has left: a retry is only made when it leaves the caller this much. */
  remainingMs: () => number;
  reserveMs: number;
}

export interface PingResult {
  ok: boolean;
  status: number | null;
  detail: string;
  attempts: number;
}

interface Attempt extends PingResult {
  retryable: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One attempt. Every service named in docs/HEARTBEAT.md answers a ping with 200 (healthchecks.io
 * answers "OK", https://healthchecks.io/docs/http_api/), so any 2xx counts as received.
 */
async function attempt(
  url: string,
  method: HeartbeatMethod,
  body: PingBody,
  fetch: FetchLike,
): Promise<Attempt> {
  const redactor = new Redactor(urlSecrets(url));
  const http = new HttpClient({
    fetch,
    redactor,
    requestTimeoutMs: PING_TIMEOUT_MS,
    deadlineMs: PING_TIMEOUT_MS,
  });
  try {
    const res = await http.send(
      method === 'GET'
        ? { method, url, headers: { 'User-Agent': 'token-health-heartbeat' } }
        : {
            method,
            url,
            headers: { 'Content-Type': 'application/json', 'User-Agent': 'token-health-heartbeat' },
            body: JSON.stringify(body),
          },
    );
    const words = clip(redactor.text(res.text).replace(/\s+/g, ' ').trim(), EXCERPT_CHARS);
    const ok = res.status >= 200 && res.status < 300;
    const detail = `${ok ? 'received' : 'refused'}: ${res.status}${words ? ` ${words}` : ''}`;
    // 429 is not retried: a rate-limited ping retried at once only counts against the limit again.
    const retryable = !ok && res.status !== 429 && isRetryableStatus(res.status);
    return { ok, status: res.status, detail, attempts: 1, retryable };
  } catch (err) {
    if (!(err instanceof TransportError)) throw err;
    const detail =
      err.failure === 'not-allowed'
        ? egressMessage(url)
        : `no answer: ${redactor.text(err.message)}`;
    return {
      ok: false,
      status: null,
      detail,
      attempts: 1,
      retryable: err.failure !== 'not-allowed',
    };
  }
}

/**
 * Sends one ping, retried once on a timeout, a network failure or a server error, and only when
 * the invocation still has the caller's reserve left after the retry's own worst case.
 */
export async function sendPing(
  url: string,
  method: HeartbeatMethod,
  body: PingBody,
  deps: PingDeps,
): Promise<PingResult> {
  const first = await attempt(url, method, body, deps.fetch);
  const roomForRetry = deps.remainingMs() > PING_RETRY_PAUSE_MS + PING_TIMEOUT_MS + deps.reserveMs;
  if (first.ok || !first.retryable || !roomForRetry) return strip(first);
  await sleep(PING_RETRY_PAUSE_MS);
  const second = await attempt(url, method, body, deps.fetch);
  return { ...strip(second), attempts: 2 };
}

function strip({ ok, status, detail, attempts }: Attempt): PingResult {
  return { ok, status, detail, attempts };
}
