import { badRequest } from './errors';

/** Limits from FORGE-PLATFORM.md section 8 / handling-errors-kvs. */
export const MAX_KEY_LENGTH = 500;
export const MAX_VALUE_BYTES = 240 * 1024;
// The docs also give 128 KiB for secrets; the stricter figure is used so nothing passes locally
// that could fail in production.
export const MAX_SECRET_BYTES = 128 * 1024;
export const MAX_DEPTH = 32;
const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/;

const TTL_UNIT_MS: Record<string, number> = {
  SECONDS: 1000,
  MINUTES: 60_000,
  HOURS: 3_600_000,
  DAYS: 86_400_000,
};

/**
 * Plain and secret keys report an empty key as KEY_TOO_SHORT, entity keys as EMPTY_KEY (the two
 * error tables differ). One-character keys are accepted: "more than one character" in the docs
 * is read as "at least one".
 */
export function validateKey(key: unknown, entity = false): asserts key is string {
  if (typeof key !== 'string') throw badRequest('INVALID_KEY', 'Key must be a string');
  if (key.length === 0) {
    throw entity
      ? badRequest('EMPTY_KEY', 'Key cannot be empty.')
      : badRequest('KEY_TOO_SHORT', 'The provided key needs to be more than one character.');
  }
  if (key.length > MAX_KEY_LENGTH) {
    throw badRequest('KEY_TOO_LONG', 'The provided key has exceeded the maximum 500 characters.');
  }
  if (!KEY_PATTERN.test(key)) {
    throw badRequest('INVALID_KEY', `The provided key does not match the regex: ${KEY_PATTERN}`);
  }
}

export function validateValue(value: unknown, maxBytes = MAX_VALUE_BYTES): void {
  if (value === undefined) throw badRequest('BAD_REQUEST', 'A value is required');
  if (Buffer.byteLength(JSON.stringify(value)) > maxBytes) {
    throw badRequest('MAX_SIZE', 'The provided value has exceeded the maximum size limit.');
  }
  if (depth(value) > MAX_DEPTH) {
    throw badRequest(
      'MAX_DEPTH',
      'The provided value has exceeded the maximum object depth (32) limit.',
    );
  }
}

function depth(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let deepest = 0;
  for (const child of Object.values(value)) deepest = Math.max(deepest, depth(child));
  return deepest + 1;
}

/** The TTL in ms, or undefined when none was asked for. */
export function ttlMs(options: unknown): number | undefined {
  const ttl = (options as { ttl?: { value?: unknown; unit?: unknown } } | undefined)?.ttl;
  if (ttl === undefined) return undefined;
  const unit = TTL_UNIT_MS[String(ttl.unit)];
  if (!unit || typeof ttl.value !== 'number' || !Number.isInteger(ttl.value) || ttl.value <= 0) {
    throw badRequest(
      'BAD_REQUEST',
      'ttl must be {value: positive integer, unit: SECONDS|MINUTES|HOURS|DAYS}',
    );
  }
  return ttl.value * unit;
}
