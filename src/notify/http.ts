import { HttpClient, TransportError, egressMessage, type ProbeResponse } from '../http/client';
import { Redactor } from '../http/redact';
import { clip } from './text';
import type { SendContext, SendResult } from './types';
import { parseRetryAfter } from '../domain/retry-after';

const EXCERPT_CHARS = 160;

/** No answer (0), a timeout, throttling or a server fault: the same request may work later. */
export function isRetryableStatus(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

export interface JsonPost {
  /** Who answers, in plain words for the detail: "Slack", "Teams", a receiver's host. */
  service: string;
  url: string;
  /** The exact bytes sent: a signature covers them. */
  body: string;
  headers?: Record<string, string>;
  /** Strings that must never reach the detail (URL tokens, a signing key). */
  secrets: readonly string[];
}

/**
 * POSTs JSON with the probes' transport rules (timeouts, no redirects, capped bodies, egress
 * refusal recognised) and says what came of it without repeating a secret or a header value.
 */
export async function postJson(ctx: SendContext, post: JsonPost): Promise<SendResult> {
  const redactor = new Redactor([...post.secrets]);
  const http = new HttpClient({ fetch: ctx.fetch, redactor });
  try {
    const res = await http.send({
      method: 'POST',
      url: post.url,
      headers: { 'Content-Type': 'application/json', ...post.headers },
      body: post.body,
    });
    return resultOf(post.service, res, redactor, ctx.now);
  } catch (err) {
    if (!(err instanceof TransportError)) throw err;
    if (err.failure === 'not-allowed') {
      return { ok: false, retryable: false, detail: egressMessage(post.url) };
    }
    const detail = `${post.service} did not answer: ${redactor.text(err.message)}`;
    return { ok: false, retryable: true, detail };
  }
}

function resultOf(service: string, res: ProbeResponse, redactor: Redactor, now: Date): SendResult {
  const { status } = res;
  if (status >= 200 && status < 300) {
    return { ok: true, retryable: false, detail: `${service} accepted it (${status})` };
  }
  if (status >= 300 && status < 400) {
    const detail = `${service} answered a redirect (${status}): use the final URL`;
    return { ok: false, retryable: false, detail };
  }
  const excerpt = clip(
    redactor.text(answerWords(res.text)).replace(/\s+/g, ' ').trim(),
    EXCERPT_CHARS,
  );
  const detail = `${service} answered ${status}${excerpt ? `: ${excerpt}` : ''}`;
  const retryAfter = status === 429 ? parseRetryAfter(res.headers['retry-after'], now) : null;
  return {
    ok: false,
    retryable: isRetryableStatus(status),
    detail,
    ...(retryAfter !== null ? { retryAfterSeconds: retryAfter } : {}),
  };
}

/**
 * The words of an error answer: Slack's plain text as is, a JSON error's code and message pulled
 * out of their structure (the redactor would blank a field named "code" inside JSON).
 */
function answerWords(text: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  const root = (parsed ?? {}) as { error?: unknown; code?: unknown; message?: unknown };
  const inner = (typeof root.error === 'object' && root.error ? root.error : root) as typeof root;
  const words = [inner.code, inner.message, typeof root.error === 'string' ? root.error : null];
  const found = words.filter((w): w is string => typeof w === 'string' && w !== '');
  return found.length > 0 ? found.join(': ') : text;
}
