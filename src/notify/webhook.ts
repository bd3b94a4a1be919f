import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Digest } from '../domain/alerts/digest';
import { credentialInQuery, paramWords } from '../domain/credential-param';
import { egressMessage, safeHost } from '../http/client';
import { urlProblem, usableSecret } from './checks';
import { postJson } from './http';
import type { WebhookConfig } from '../domain/channels';
import type { Notification, Notifier, ValidateOptions } from './types';

/*
 * Signed per the Standard Webhooks specification, so a receiver verifies with an off-the-shelf
 * library (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md):
 * the key is `whsec_` + base64 of 24 to 64 random bytes, and `webhook-signature` carries
 * `v1,` + base64 HMAC-SHA256(key bytes, "<webhook-id>.<webhook-timestamp>.<raw body>").
 */
export const KEY_PREFIX = 'whsec_';
export const MIN_SIGNING_KEY_BYTES = 24;
export const MAX_SIGNING_KEY_BYTES = 64;
export const ID_HEADER = 'webhook-id';
export const TIMESTAMP_HEADER = 'webhook-timestamp';
export const SIGNATURE_HEADER = 'webhook-signature';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The HMAC key bytes of a `whsec_<base64>` secret of the right size, else null. */
export function signingKeyBytes(secret: string): Buffer | null {
  if (!secret.startsWith(KEY_PREFIX)) return null;
  const encoded = secret.slice(KEY_PREFIX.length);
  if (!BASE64.test(encoded)) return null;
  const bytes = Buffer.from(encoded, 'base64');
  const sized = bytes.length >= MIN_SIGNING_KEY_BYTES && bytes.length <= MAX_SIGNING_KEY_BYTES;
  return sized ? bytes : null;
}

export const SIGNING_KEY_FORMAT = `The signing key must be a Standard Webhooks secret: whsec_ followed by ${MIN_SIGNING_KEY_BYTES} to ${MAX_SIGNING_KEY_BYTES} random bytes in base64 (for example "whsec_" plus the output of openssl rand -base64 32). Older keys are no longer accepted: enter a new one and give it to your receiver.`;

/** An integration's alert: its content as data, and the key to drop a redelivery by. */
function alertPayload(n: Notification, now: Date) {
  const { alert, content: c } = n;
  return {
    event: alert.kind,
    idempotencyKey: alert.idempotencyKey,
    integration: { id: alert.integrationId, name: n.integrationName },
    incident: alert.incident ? { id: alert.incident.id, openedAt: alert.incident.openedAt } : null,
    severity: c.severity,
    verdict: alert.verdict,
    title: c.title,
    summary: c.summary,
    since: c.since,
    lastSuccessAt: c.lastSuccessAt,
    expiresAt: c.expiresAt,
    daysLeft: c.daysLeft,
    evidence: c.evidence,
    action: c.action,
    renewal: c.renewal,
    adminUrl: c.adminUrl,
    sentAt: now.toISOString(),
  };
}

function digestPayload(n: Notification, digest: Digest, now: Date) {
  return {
    event: 'digest' as const,
    idempotencyKey: digest.idempotencyKey,
    day: digest.day,
    severity: n.content.severity,
    title: digest.title,
    counts: digest.counts,
    attention: digest.attention,
    events: digest.events,
    tokenEvents: digest.tokenEvents,
    allClear: digest.allClear,
    lastSweepAt: digest.lastSweepAt,
    adminUrl: digest.adminUrl,
    sentAt: now.toISOString(),
  };
}

function testPayload(n: Notification, channelName: string, now: Date) {
  return {
    event: 'test' as const,
    idempotencyKey: n.alert.idempotencyKey,
    channel: { name: channelName },
    title: n.content.title,
    summary: n.content.summary,
    adminUrl: n.content.adminUrl,
    sentAt: now.toISOString(),
  };
}

/**
 * What a receiver gets, by `event` (each shape is in docs/ALERTS.md): an integration's alert
 * (expiring, failure, reminder, escalation, recovery, renewed), a day's digest, or a test.
 */
export function webhookPayload(n: Notification, now: Date) {
  if (n.about?.type === 'test') return testPayload(n, n.about.channelName, now);
  if (n.about?.type === 'digest') return digestPayload(n, n.about.digest, now);
  return alertPayload(n, now);
}

const hmac = (key: Buffer, id: string, timestamp: string, rawBody: string): Buffer =>
  createHmac('sha256', key).update(`${id}.${timestamp}.${rawBody}`, 'utf8').digest();

/**
 * The three Standard Webhooks headers for this exact body. `id` is the alert's idempotency key,
 * the same on every redelivery, so a receiver drops a message it has already handled.
 */
export function signatureHeaders(
  rawBody: string,
  id: string,
  key: string,
  now: Date,
): Record<string, string> {
  const bytes = signingKeyBytes(key);
  if (!bytes) throw new Error(SIGNING_KEY_FORMAT);
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return {
    [ID_HEADER]: id,
    [TIMESTAMP_HEADER]: timestamp,
    [SIGNATURE_HEADER]: `v1,${hmac(bytes, id, timestamp, rawBody).toString('base64')}`,
  };
}

export type Verification =
  { ok: true } | { ok: false; reason: 'missing-headers' | 'stale' | 'bad-signature' };

type HeaderBag = Record<string, string | string[] | undefined>;

/** Header names in any case; of two spellings of one name the last counts, as in the library. */
function header(headers: HeaderBag, name: string): string | undefined {
  let value: string | string[] | undefined;
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) value = v;
  return Array.isArray(value) ? value.join(' ') : value;
}

/**
 * One `v1,<signature>` entry of the space-separated list is exactly the base64 text of the HMAC,
 * compared as text in constant time, as the library compares: decoding the entry first would also
 * take dropped padding, base64url and garbage after the padding, which the library refuses.
 */
function anyMatches(signatures: string, expected: string): boolean {
  const want = Buffer.from(expected, 'utf8');
  return signatures.split(' ').some((entry) => {
    const [version, value = ''] = entry.split(',');
    const got = Buffer.from(value, 'utf8');
    return version === 'v1' && got.length === want.length && timingSafeEqual(got, want);
  });
}

/**
 * What a receiver runs on each request, accepting exactly what the `standardwebhooks` package
 * (1.x, `Webhook.verify`) accepts: the timestamp is read as that package reads it (a leading
 * integer), must be within `toleranceSeconds` of `now` in whole seconds, so a captured request
 * cannot be replayed later, and one `v1` signature must match id, timestamp and raw body. `now` is
 * a parameter so the local demo, whose clock runs fast, can verify too.
 */
export function verifyWebhookSignature(
  rawBody: string,
  headers: HeaderBag,
  key: string,
  now: Date,
  toleranceSeconds = 300,
): Verification {
  const id = header(headers, ID_HEADER);
  const timestamp = Number.parseInt(header(headers, TIMESTAMP_HEADER) ?? '', 10);
  const signatures = header(headers, SIGNATURE_HEADER);
  const bytes = signingKeyBytes(key);
  if (!id || Number.isNaN(timestamp) || !signatures || !bytes) {
    return { ok: false, reason: 'missing-headers' };
  }
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (nowSeconds - timestamp > toleranceSeconds || timestamp > nowSeconds + toleranceSeconds) {
    return { ok: false, reason: 'stale' };
  }
  const expected = hmac(bytes, id, String(timestamp), rawBody).toString('base64');
  return anyMatches(signatures, expected) ? { ok: true } : { ok: false, reason: 'bad-signature' };
}

function validate(
  config: WebhookConfig,
  secret: string | null,
  options: ValidateOptions = {},
): Record<string, string> {
  const errors: Record<string, string> = {};
  const problem = urlProblem(config.url, { loopbackHttp: true });
  const param = problem ? null : credentialInQuery(new URL(config.url.trim()));
  if (problem) errors.url = problem;
  else if (param) {
    // The URL is logged and shown; a receiver authenticates us by the signature instead.
    errors.url = `The URL must not hold a credential in its query (?${paramWords(param)}=…): remove it; your receiver verifies the signature instead`;
  } else if (options.isAllowed && !options.isAllowed(config.url)) {
    errors.url = egressMessage(config.url);
  }
  if (!secret || !signingKeyBytes(secret)) errors.secret = SIGNING_KEY_FORMAT;
  return errors;
}

/** A JSON POST signed with the channel's key, for any receiver that verifies it. */
export const webhookNotifier: Notifier<WebhookConfig, string> = {
  validate,
  async send(n, config, secret, ctx) {
    const key = usableSecret(secret, validate(config, secret));
    if (typeof key !== 'string') return key;
    const body = JSON.stringify(webhookPayload(n, ctx.now));
    const headers = signatureHeaders(body, n.alert.idempotencyKey, key, ctx.now);
    const service = safeHost(config.url);
    return postJson(ctx, {
      service,
      url: config.url.trim(),
      body,
      headers,
      secrets: [key, key.slice(KEY_PREFIX.length)],
    });
  },
};
