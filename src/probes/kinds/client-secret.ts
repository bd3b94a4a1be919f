import type { ClientCredentials } from '../oauth/token-endpoint';
import type { SecretParse } from '../probe';

export type ClientSecret = ClientCredentials;

const SHAPE = 'give {"clientId","clientSecret"} as the service account’s credentials show them';
const FIELDS = ['clientId', 'clientSecret'] as const;

/**
 * Reads a service account's `{"clientId","clientSecret"}`. Messages name fields, never values:
 * a broken secret is still a secret.
 */
export function parseClientSecret(raw: string): SecretParse<ClientSecret> {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, error: `the secret is not valid JSON; ${SHAPE}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: `the secret must be a JSON object; ${SHAPE}` };
  }
  const obj = value as Record<string, unknown>;
  const missing = FIELDS.filter((k) => obj[k] === undefined || obj[k] === '');
  if (missing.length > 0) {
    return { ok: false, error: `the secret lacks ${missing.join(' and ')}; ${SHAPE}` };
  }
  const bad = FIELDS.find((k) => typeof obj[k] !== 'string' || !/^\S+$/.test(obj[k]));
  if (bad) return { ok: false, error: `${bad} must be text without spaces` };
  const { clientId, clientSecret } = obj as Record<(typeof FIELDS)[number], string>;
  return { ok: true, secret: { clientId, clientSecret }, sensitive: [clientSecret] };
}
