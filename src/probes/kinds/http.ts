import { CREDENTIAL_KIND_LABEL } from '../../domain/kind-labels';
import { earliest } from '../../domain/expiry';
import type { IntegrationConfig } from '../../domain/integration';
import type { ProbeRequest, ProbeResponse } from '../../http/client';
import { safeHost } from '../../http/client';
import { basic, bearer, commonFailure, parseDate, plainSecret, readJson } from '../interpret';
import { isNonEmpty, resolvePointer } from '../json-pointer';
import { readJwtExpiry } from '../jwt';
import type { Redactor } from '../../http/redact';
import type { Probe, ProbeOutcome, SecretParse } from '../probe';
import { PROMPT_REVOCATION_MS } from '../probe';

/**
 * Bearer tokens never hold whitespace; a basic password or a raw header value ("Token abc") may,
 * but never a line break or control character (that would forge another header).
 */
function rawSecret(raw: string, config: IntegrationConfig): SecretParse<string> {
  if ((config.auth ?? 'bearer') === 'bearer') return plainSecret(raw);
  const secret = raw.trim();
  if (!secret) return { ok: false, error: 'the secret is empty' };
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(secret)) {
    return { ok: false, error: 'the secret contains a line break or control character' };
  }
  return { ok: true, secret, sensitive: [secret] };
}

/** With `expiryFromJwt` on, a secret that is not a readable JWT is refused before anything is sent. */
export function parseHttpSecret(raw: string, config: IntegrationConfig): SecretParse<string> {
  const parsed = rawSecret(raw, config);
  if (!parsed.ok || !config.expiryFromJwt) return parsed;
  const jwt = readJwtExpiry(parsed.secret);
  return jwt.ok ? parsed : { ok: false, error: `${jwt.error} (expiryFromJwt is on)` };
}

/** The secret's own exp when it is a JWT and `expiryFromJwt` is on (parseHttpSecret vetted it). */
export function jwtExpiry(config: IntegrationConfig, secret: string): Date | null {
  if (!config.expiryFromJwt) return null;
  const jwt = readJwtExpiry(secret);
  return jwt.ok ? jwt.expiresAt : null;
}

function authHeaders(config: IntegrationConfig, secret: string): Record<string, string> {
  switch (config.auth ?? 'bearer') {
    case 'basic':
      return basic(config.username ?? '', secret);
    case 'header':
      return { [config.headerName ?? 'Authorization']: secret };
    default:
      return bearer(secret);
  }
}

export function buildRequest(config: IntegrationConfig, secret: string): ProbeRequest {
  return {
    method: config.method ?? 'GET',
    url: config.url ?? '',
    headers: authHeaders(config, secret),
  };
}

/** Null when the status is the expected one; the expected status wins over every common rule. */
function statusOutcome(
  res: ProbeResponse,
  config: IntegrationConfig,
  now: Date,
): ProbeOutcome | null {
  const expected = config.expectStatus ?? 200;
  if (res.status === expected) return null;
  const host = safeHost(res.url);
  const common = commonFailure(res, host, now);
  if (common) return common;
  if (res.status === 403) {
    return {
      verdict: 'insufficient-scope',
      message: `${host} answered 403: the credential is accepted but may not use this URL; check its scopes or permissions`,
    };
  }
  return {
    verdict: 'unexpected-response',
    message: `${host} answered ${res.status} where ${expected} was expected — check the URL and method`,
  };
}

type ExpiryRead = { ok: true; at: Date | null; note?: string } | { ok: false; message: string };

/** Absent or null means "does not expire"; 0 too (a common "never"); anything else must be a date. */
function expiryFrom(value: unknown, where: string, host: string, redact: Redactor): ExpiryRead {
  if (value === undefined || value === null || value === '' || value === 0 || value === '0') {
    return { ok: true, at: null, note: `no expiry at ${where}` };
  }
  const at = parseDate(value);
  if (at) return { ok: true, at };
  const shown = redact.quote(JSON.stringify(value), 60);
  return {
    ok: false,
    message: `${host} sent ${shown} at ${where}, which is not a date — check the expiry setting`,
  };
}

function serviceExpiry(
  res: ProbeResponse,
  body: unknown,
  config: IntegrationConfig,
  redact: Redactor,
): ExpiryRead {
  const host = safeHost(res.url);
  const reads: ExpiryRead[] = [];
  if (config.expiryHeader) {
    const name = config.expiryHeader;
    reads.push(expiryFrom(res.headers[name.toLowerCase()], `header ${name}`, host, redact));
  }
  if (config.expiryJsonPointer) {
    const pointer = config.expiryJsonPointer;
    reads.push(expiryFrom(resolvePointer(body, pointer), `JSON ${pointer}`, host, redact));
  }
  const failed = reads.find((r) => !r.ok);
  if (failed) return failed;
  const ok = reads.filter((r) => r.ok);
  const notes = ok.map((r) => r.note).filter(Boolean);
  return { ok: true, at: earliest(...ok.map((r) => r.at)), note: notes.join('; ') || undefined };
}

function needsJson(config: IntegrationConfig): boolean {
  return config.expectJsonPointer !== undefined || config.expiryJsonPointer !== undefined;
}

function bodyOutcome(res: ProbeResponse, body: unknown, config: IntegrationConfig): ProbeOutcome {
  const host = safeHost(res.url);
  const pointer = config.expectJsonPointer;
  if (pointer !== undefined) {
    const value = resolvePointer(body, pointer);
    if (!isNonEmpty(value)) {
      const what = value === undefined ? 'missing' : `empty (${JSON.stringify(value)})`;
      return {
        verdict: 'anonymous',
        message: `${host} answered ${res.status} but "${pointer || '(whole body)'}" is ${what}: the token was probably ignored and the request served anonymously; check the token`,
      };
    }
  }
  const checked = pointer !== undefined ? ` with data at "${pointer || '(whole body)'}"` : '';
  return { verdict: 'healthy', message: `${host} answered ${res.status} as expected${checked}` };
}

function judge(
  res: ProbeResponse,
  config: IntegrationConfig,
  now: Date,
  redact: Redactor,
): ProbeOutcome {
  const failed = statusOutcome(res, config, now);
  if (failed) return failed;
  let body: unknown;
  if (needsJson(config)) {
    const json = readJson(res, safeHost(res.url));
    if (!json.ok) return json.outcome;
    body = json.value;
  }
  const outcome = bodyOutcome(res, body, config);
  const expiry = serviceExpiry(res, body, config, redact);
  if (!expiry.ok) return { verdict: 'unexpected-response', message: expiry.message };
  return {
    ...outcome,
    expiresAt: expiry.at,
    ...(expiry.note && { facts: { expiry: expiry.note } }),
  };
}

/**
 * Judges one answer. A JWT's own exp rides along on every verdict, so a 401 for a token past its
 * exp becomes `expired` in the engine rather than a bare `rejected`.
 */
export function interpret(
  res: ProbeResponse,
  config: IntegrationConfig,
  now: Date,
  redact: Redactor,
  jwtExpiresAt: Date | null = null,
): ProbeOutcome {
  const judged = judge(res, config, now, redact);
  const expiresAt = earliest(judged.expiresAt, jwtExpiresAt);
  return {
    ...judged,
    identity: null,
    expiresAt,
    ...(expiresAt && { expirySource: 'service' as const }),
    facts: { status: String(res.status), host: safeHost(res.url), ...judged.facts },
  };
}

/** A generic check of any URL: the admin says what "working" looks like. */
export const httpProbe: Probe<string> = {
  label: CREDENTIAL_KIND_LABEL.http,
  service: (config) =>
    config.url && URL.canParse(config.url) ? new URL(config.url).host : 'the service',
  // Any service: nothing is known, so the shortest watch applies.
  revocationLagMs: PROMPT_REVOCATION_MS,
  defaultBaseUrl: null,
  // The one configured request.
  maxRequests: 1,
  parseSecret: parseHttpSecret,
  async check({ config, secret, http, now }) {
    const res = await http.send(buildRequest(config, secret));
    return interpret(res, config, now, http.redactor, jwtExpiry(config, secret));
  },
};
