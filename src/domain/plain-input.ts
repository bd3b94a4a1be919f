import { z } from 'zod';
import { tooLong, tooMany, type Limit } from './limits';

interface TextOptions {
  /** Trim first (a pasted value often ends in a line break); the limit counts what is left. */
  trim?: boolean;
  /** The message for a value that is missing or not text. */
  required?: string;
}

/**
 * Text of at most the limit. A longer value is refused before any other check, so no pattern,
 * URL parser or refinement runs on a megabyte of input, and the message is the limit's alone.
 */
export function text(limit: Limit, { trim = false, required }: TextOptions = {}) {
  const base = z.string({ error: required ?? `${limit.label}: must be text` });
  return (trim ? base.trim() : base).max(limit.max, { error: tooLong(limit), abort: true });
}

/** A list of at most the limit's items; the count is checked before the items are. */
export function list<T extends z.ZodType>(
  item: T,
  limit: Limit & { items: string },
  required = `${limit.label}: must be a list`,
) {
  return z.array(item, { error: required }).max(limit.max, { error: tooMany(limit) });
}

const NOUNS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a set of fields',
};

/** A key the admin typed, quoted back short: it is input, and could be anything. */
const quoteKey = (key: string) => JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key);

const UNITS: Record<string, string> = { string: 'character', array: 'item', set: 'item' };

function sizeWords(iss: z.core.$ZodRawIssue, bound: number | bigint, most: boolean): string {
  const origin = 'origin' in iss ? String(iss.origin) : '';
  if (origin === 'string' && !most && Number(bound) === 1) return 'must not be empty';
  const unit = UNITS[origin];
  const counted = unit ? ` ${unit}${Number(bound) === 1 ? '' : 's'}` : '';
  return `must be at ${most ? 'most' : 'least'} ${bound}${counted}`;
}

/**
 * Plain words for any issue a schema has no message of its own for, instead of zod's defaults
 * ("Too big: expected string to have <=120 characters"). Every parse of input passes it.
 */
export function plainIssue(iss: z.core.$ZodRawIssue): string {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) return 'is required';
      return `must be ${NOUNS[iss.expected] ?? 'given in another form'}`;
    case 'too_big':
      return sizeWords(iss, iss.maximum, true);
    case 'too_small':
      return sizeWords(iss, iss.minimum, false);
    case 'invalid_value':
      return `must be one of: ${iss.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `has fields it does not take: ${iss.keys.slice(0, 5).map(quoteKey).join(', ')}`;
    case 'invalid_format':
      return 'is not in the right format';
    case 'not_multiple_of':
      return `must be a multiple of ${iss.divisor}`;
    case 'invalid_union':
      return 'is none of the forms it may take';
    default:
      return 'is not valid';
  }
}

/** The parse options every input schema is run with. */
export const PLAIN = { error: plainIssue } as const;
