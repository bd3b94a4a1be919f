import { createHmac, timingSafeEqual } from 'node:crypto';
import { egressMessage, safeHost } from '../probes/http';
import { urlProblem, usableSecret } from './checks';
import { postJson } from './http';
import type { ChannelBase, Notification, Notifier, ValidateOptions } from './types';

export interface WebhookConfig extends ChannelBase {
  type: 'webhook';
  /** The receiver: https, or http on a loopback host; its host must be declared as egress. */
  url: string;
}

export const MIN_SIGNING_KEY_LENGTH = 32;
export const SIGNATURE_HEADER = 'X-TokenHealth-Signature';
export const TIMESTAMP_HEADER = 'X-TokenHealth-Timestamp';
export const IDEMPOTENCY_HEADER = 'X-TokenHealth-Idempotency-Key';

/** What a receiver gets: the alert's content as data, and the key to drop a redelivery by. */
export function webhookPayload(n: Notification, now: Date) {
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
    expiresAt: c.expiresAt,
    daysLeft: c.daysLeft,
    evidence: c.evidence,
    action: c.action,
    renewal: c.renewal,
    adminUrl: c.adminUrl,
    sentAt: now.toISOString(),
  };
}

const hmac = (key: string, timestamp: string, rawBody: string): string =>
  createHmac('sha256', key).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex');

/** The signature headers for this exact body: `v1=` HMAC-SHA256 of "<timestamp>.<body>". */
export function signatureHeaders(rawBody: string, key: string, now: Date): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return {
    [TIMESTAMP_HEADER]: timestamp,
    [SIGNATURE_HEADER]: `v1=${hmac(key, timestamp, rawBody)}`,
  };
}

export type Verification =
  { ok: true } | { ok: false; reason: 'missing-headers' | 'stale' | 'bad-signature' };

type HeaderBag = Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | undefined {
  const entry = Object.entries(headers).find(([k]) => k.toLowerCase() === name.toLowerCase());
  const value = entry?.[1];
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * What a receiver runs on each request, before trusting it: the timestamp must be within
 * `toleranceSeconds` of `now` (a captured request cannot be replayed later) and the `v1=`
 * signature must match the raw body, compared in constant time. To rotate keys, a receiver
 * verifies with the new key and then the old one.
 */
export function verifyWebhookSignature(
  rawBody: string,
  headers: HeaderBag,
  key: string,
  now: Date,
  toleranceSeconds = 300,
): Verification {
  const timestamp = header(headers, TIMESTAMP_HEADER)?.trim();
  const signature = header(headers, SIGNATURE_HEADER)?.trim();
  if (!timestamp || !/^\d+$/.test(timestamp) || !signature?.startsWith('v1=')) {
    return { ok: false, reason: 'missing-headers' };
  }
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > toleranceSeconds) {
    return { ok: false, reason: 'stale' };
  }
  const expected = Buffer.from(hmac(key, timestamp, rawBody), 'hex');
  const got = Buffer.from(signature.slice(3), 'hex');
  const matches = got.length === expected.length && timingSafeEqual(got, expected);
  return matches ? { ok: true } : { ok: false, reason: 'bad-signature' };
}

function validate(
  config: WebhookConfig,
  secret: string | null,
  options: ValidateOptions = {},
): Record<string, string> {
  const errors: Record<string, string> = {};
  const problem = urlProblem(config.url, { loopbackHttp: true });
  if (problem) errors.url = problem;
  else if (options.isAllowed && !options.isAllowed(config.url)) {
    errors.url = egressMessage(config.url);
  }
  if (!secret || secret.length < MIN_SIGNING_KEY_LENGTH) {
    errors.secret = `The signing key needs at least ${MIN_SIGNING_KEY_LENGTH} characters`;
  }
  return errors;
}

/** A JSON POST signed with the channel's key, for any receiver that verifies it. */
export const webhookNotifier: Notifier<WebhookConfig, string> = {
  validate,
  async send(n, config, secret, ctx) {
    const key = usableSecret(secret, validate(config, secret));
    if (typeof key !== 'string') return key;
    const body = JSON.stringify(webhookPayload(n, ctx.now));
    const headers = {
      ...signatureHeaders(body, key, ctx.now),
      [IDEMPOTENCY_HEADER]: n.alert.idempotencyKey,
    };
    const service = safeHost(config.url);
    return postJson(ctx, { service, url: config.url.trim(), body, headers, secrets: [key] });
  },
};
