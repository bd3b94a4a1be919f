/**
 * What the page can tell about a draft before sending it, all at once and in the resolvers' own
 * words: a missing value, a value over its limit, a URL the resolvers would refuse. The resolvers
 * still check everything; this spares the admin a round trip per mistake.
 */
import { TEXT_LIMITS, tooLong, type Limit } from '../domain/limits';
import { isLoopbackHost, NOT_A_URL, NOT_HTTPS } from '../domain/loopback';
import type { FieldSpec } from './kinds';

type Problems = Record<string, string>;

const URL_FIELDS = new Set(['baseUrl', 'url', 'tokenUrl']);

export function requiredText(label: string): string {
  return `${label} is required`;
}

function urlProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return NOT_A_URL;
  }
  const loopbackHttp = url.protocol === 'http:' && isLoopbackHost(url.hostname);
  return url.protocol === 'https:' || loopbackHttp ? null : NOT_HTTPS;
}

/** Config fields whose limit goes by another name in the table. */
const LIMIT_NAME: Record<string, keyof typeof TEXT_LIMITS> = { projectKey: 'bitbucketProject' };

function limitOf(name: string): Limit | undefined {
  const key = LIMIT_NAME[name] ?? name;
  return Object.hasOwn(TEXT_LIMITS, key) ? TEXT_LIMITS[key as keyof typeof TEXT_LIMITS] : undefined;
}

/** The problem with one config field's typed text, or null. */
export function fieldProblem(spec: FieldSpec, text: string): string | null {
  if (text === '') return spec.required ? requiredText(spec.label) : null;
  const limit = limitOf(spec.name);
  if (limit && text.length > limit.max) return tooLong(limit);
  if (spec.control === 'number' && Number.isNaN(Number(text))) return 'must be a number';
  return URL_FIELDS.has(spec.name) ? urlProblem(text) : null;
}

/** Problems with the typed secret: required when there is no stored one to keep. */
export function secretProblems(secret: string | undefined, stored: boolean): Problems {
  if (secret === undefined) return stored ? {} : { secret: 'enter the secret' };
  return secret.length > TEXT_LIMITS.secret.max ? { secret: tooLong(TEXT_LIMITS.secret) } : {};
}
