import { z } from 'zod';
import { parseIntegrationConfig } from '../domain/integration-input';
import {
  CREDENTIAL_IN_URL,
  CREDENTIAL_KINDS,
  type CredentialKind,
  type IntegrationConfig,
} from '../domain/integration';
import { FIX_FIELDS } from '../domain/form-words';
import { takesSecret } from '../domain/kind-rules';
import { LIST_LIMITS, TEXT_LIMITS as T, type Limit } from '../domain/limits';
import { EXPIRY_PAST, SNOOZE_PAST, expiryPassed } from '../domain/past-dates';
import { list, PLAIN, text } from '../domain/plain-input';
import { INTERVALS, type IntervalKey } from '../domain/schedule';
import type { Settings } from '../domain/settings';
import { PROBES } from '../probes/registry';
import { ResolverFailure } from './envelope';

type FieldErrors = Record<string, string>;

const ID = /^[A-Za-z0-9._-]+$/;
/** A date, optionally with a time: what a date picker or toISOString() sends. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;
/** Browser clocks drift: a "now" up to this far ahead of ours still counts as now. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** Tab and line breaks are the only controls allowed: a pasted JSON secret may hold them. */
const ALLOWED_CONTROLS = new Set(['\t', '\n', '\r']);

/** C0 controls and DEL. */
function hasControlChars(text: string): boolean {
  return [...text].some((c) => {
    const code = c.charCodeAt(0);
    return (code < 0x20 || code === 0x7f) && !ALLOWED_CONTROLS.has(c);
  });
}

export function badInput(fields: FieldErrors, message = FIX_FIELDS): ResolverFailure {
  return new ResolverFailure('BAD_INPUT', message, fields);
}

/** Zod issues to the field convention (see contract.ts): one message per top-level field. */
function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const [head] = issue.path;
    if (head === undefined) errors.payload ??= 'the request must be an object of fields';
    else errors[String(head)] ??= issue.message;
  }
  return errors;
}

/** Parses an untrusted payload, or throws BAD_INPUT with its field errors. */
export function parse<T>(schema: z.ZodType<T>, payload: unknown): T {
  const result = schema.safeParse(payload, PLAIN);
  if (!result.success) throw badInput(fieldErrors(result.error));
  return result.data;
}

const INTERVAL_KEYS = Object.keys(INTERVALS) as [IntervalKey, ...IntervalKey[]];
const interval = z.enum(INTERVAL_KEYS, {
  error: () => `must be one of: ${INTERVAL_KEYS.join(', ')}`,
});
const id = text(T.id, { required: 'the integration id is required' }).regex(
  ID,
  'not an integration id',
);

/** Trimmed (a pasted secret often ends in a line break), then bounded; never quoted back. */
const secret = z
  .string({ error: 'the secret must be text' })
  .transform((s) => s.trim())
  .pipe(
    text(T.secret)
      .min(1, 'enter the secret')
      .refine((s) => !hasControlChars(s), 'the secret contains control characters'),
  );

const inputShape = z.object({
  config: z.unknown(),
  interval: interval.optional(),
  ownerAccountId: text(T.ownerAccountId, { trim: true })
    .min(1, 'Owner: must not be empty; send null for no owner')
    .nullable()
    .optional(),
  secret: secret.optional(),
});

export interface ValidInput {
  id?: string;
  config: IntegrationConfig;
  interval?: IntervalKey;
  ownerAccountId?: string | null;
  secret?: string;
}

/** Why the kind's probe cannot use this secret, in its own words; null when it can. */
export function secretProblem(config: IntegrationConfig, value: string): string | null {
  const parsed = PROBES[config.kind].parseSecret(value, config);
  return parsed.ok ? null : parsed.error;
}

type InputMode = 'create' | 'update' | 'test';

/** Nothing is stored that no check would send. */
const NO_SECRET_HERE =
  'this kind takes no secret (it reads public metadata): leave the secret empty';

/**
 * What each mode guarantees: update has an id; create has a secret unless its kind takes none
 * (see takesSecret), and test maybe neither.
 */
export type ParsedInput<M extends InputMode> = M extends 'update'
  ? ValidInput & { id: string }
  : ValidInput;

const ID_RULE: Record<InputMode, z.ZodType<string | undefined>> = {
  // A new integration gets its id from the app, whatever the page sends.
  create: z
    .unknown()
    .optional()
    .transform(() => undefined),
  update: id,
  test: id.optional(),
};

/**
 * The payload of create, update and test: every field error at once, config errors under
 * `config.<field>`. The secret is required on create (and on a test with no id to take it from).
 */
export function parseIntegrationInput<M extends InputMode>(
  payload: unknown,
  mode: M,
  now: Date,
): ParsedInput<M> {
  const idRule: z.ZodType<string | undefined> = ID_RULE[mode];
  const shape = inputShape.extend({ id: idRule }).safeParse(payload ?? {}, PLAIN);
  const errors: FieldErrors = shape.success ? {} : fieldErrors(shape.error);
  const raw = (typeof payload === 'object' && payload ? payload : {}) as { config?: unknown };
  const config = parseIntegrationConfig(raw.config);
  if (!config.ok) Object.assign(errors, configErrors(raw.config, config.errors));
  if (config.ok && expiryPassed(config.value.expiresAt, now))
    errors['config.expiresAt'] = EXPIRY_PAST;
  const urlField = config.ok ? undefined : credentialUrlField(config.errors);
  if (urlField) errors.secret ??= `enter the credential here, not in the query of ${urlField}`;
  const input = shape.success ? shape.data : undefined;
  // Read from the raw config too: a secretless kind's other field errors must not ask for a secret.
  const kind = kindOf(raw.config);
  const secretless = kind !== undefined && !takesSecret(kind);
  const needsSecret = !secretless && (mode === 'create' || (mode === 'test' && !input?.id));
  if (input && !input.secret && needsSecret) errors.secret ??= 'enter the secret';
  if (input?.secret && secretless) errors.secret ??= NO_SECRET_HERE;
  else if (input?.secret && config.ok) {
    const problem = secretProblem(config.value, input.secret);
    if (problem) errors.secret ??= problem;
  }
  if (!input || !config.ok || Object.keys(errors).length > 0) throw badInput(errors);
  // ID_RULE and needsSecret above enforce what ParsedInput<M> promises.
  return { ...input, config: config.value } as ParsedInput<M>;
}

function kindOf(config: unknown): CredentialKind | undefined {
  const kind = typeof config === 'object' && config !== null ? Reflect.get(config, 'kind') : null;
  return CREDENTIAL_KINDS.find((k) => k === kind);
}

/** The config URL field refused for carrying a credential, so the secret field can say so too. */
function credentialUrlField(errors: FieldErrors): string | undefined {
  return Object.keys(errors).find((field) => errors[field]?.startsWith(CREDENTIAL_IN_URL));
}

function configErrors(raw: unknown, errors: FieldErrors): FieldErrors {
  if (typeof raw !== 'object' || raw === null) {
    return { config: 'the configuration is missing: choose a kind and fill in its fields' };
  }
  const out: FieldErrors = {};
  for (const [field, message] of Object.entries(errors)) {
    const head = field.split('.')[0];
    out[head === 'config' ? 'config' : `config.${head}`] ??= message;
  }
  return out;
}

export const idPayload = z.object({ id });

export const pausePayload = z.object({
  id,
  paused: z.boolean({ error: 'must be true or false' }),
});

const isoDate = (limit: Limit) =>
  text(limit, { required: 'must be a date, e.g. 2026-12-31' })
    .refine((v) => ISO_DATE.test(v) && !Number.isNaN(Date.parse(v)), {
      message: 'must be an ISO 8601 date, e.g. 2026-12-31 or 2026-12-31T12:00:00Z',
    })
    .transform((v) => new Date(v).toISOString());

/** Snooze until a time still ahead, or null to end the snooze. */
export function snoozePayload(now: Date) {
  return z.object({
    id,
    until: isoDate(T.until)
      .refine((v) => Date.parse(v) > now.getTime(), SNOOZE_PAST)
      .nullable(),
  });
}

/** When it was revoked (never ahead of now, bar clock drift, then clamped), or null to clear. */
export function revokedPayload(now: Date) {
  return z.object({
    id,
    revokedAt: isoDate(T.revokedAt)
      .refine((v) => Date.parse(v) <= now.getTime() + CLOCK_SKEW_MS, 'must not be in the future')
      .transform((v) => new Date(Math.min(Date.parse(v), now.getTime())).toISOString())
      .nullable(),
  });
}

export const settingsPayload: z.ZodType<Settings> = z.object({
  warnDays: list(
    z
      .number({ error: 'each threshold must be a number of days' })
      .int('each threshold must be a whole number of days')
      .min(1, 'each threshold must be 1 to 365 days')
      .max(365, 'each threshold must be 1 to 365 days'),
    LIST_LIMITS.warnDays,
    'give the warning thresholds as a list of days',
  )
    .min(1, 'give at least one threshold')
    .refine((days) => new Set(days).size === days.length, 'must not repeat a day')
    .transform((days) => [...days].sort((a, b) => b - a)),
  defaultInterval: interval,
});

export const auditPayload = z.object({
  cursor: text(T.cursor).min(1, 'Page cursor: must not be empty').optional(),
});

/** The overview's pages take a cursor as the logs' do (the one the answer before gave). */
export const overviewPayload = auditPayload;
