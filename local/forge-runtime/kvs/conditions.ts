import { badRequest } from './errors';

export interface Condition {
  property?: string;
  condition: string;
  values: unknown[];
}

export type FilterSet = { and?: Condition[]; or?: Condition[] };

const ARITY: Record<string, number> = {
  BETWEEN: 2,
  BEGINS_WITH: 1,
  EQUAL_TO: 1,
  NOT_EQUAL_TO: 1,
  GREATER_THAN: 1,
  GREATER_THAN_EQUAL_TO: 1,
  LESS_THAN: 1,
  LESS_THAN_EQUAL_TO: 1,
  CONTAINS: 1,
  NOT_CONTAINS: 1,
  EXISTS: 1,
  NOT_EXISTS: 1,
};

/** Conditions allowed in a key `where` / an index range (WhereConditions in @forge/kvs). */
export const RANGE_CONDITIONS = new Set([
  'BEGINS_WITH',
  'BETWEEN',
  'EQUAL_TO',
  'GREATER_THAN',
  'GREATER_THAN_EQUAL_TO',
  'LESS_THAN',
  'LESS_THAN_EQUAL_TO',
]);

export function checkCondition(c: unknown, allowed?: Set<string>): asserts c is Condition {
  const cond = c as Partial<Condition> | undefined;
  const arity = ARITY[String(cond?.condition)];
  if (arity === undefined || (allowed && !allowed.has(String(cond?.condition)))) {
    throw badRequest(
      'INVALID_FILTER_CONDITION',
      'The specified condition is not supported for filters.',
    );
  }
  if (!Array.isArray(cond?.values) || cond.values.length !== arity) {
    throw badRequest(
      'INVALID_FILTER_VALUES',
      'The specified number of values are not supported by the given condition.',
    );
  }
}

/** Validates an `{and:[…]}` / `{or:[…]}` filter set; returns the evaluator. */
export function compileFilters(filters: unknown): (value: unknown) => boolean {
  const f = (filters ?? {}) as FilterSet;
  if (f.and && f.or) {
    throw badRequest(
      'INVALID_FILTER_OPERATORS_COMBINATION',
      'Filter operators "and" and "or" cannot be present at the same level.',
    );
  }
  const list = f.and ?? f.or;
  if (!Array.isArray(list) || list.length === 0) {
    throw badRequest('EMPTY_FILTER_OPERATOR', 'Filter operators "and" and "or" cannot be empty.');
  }
  list.forEach((c) => checkCondition(c));
  const test = (value: unknown, c: Condition) => matches(attribute(value, c.property), c);
  return f.and
    ? (value) => list.every((c) => test(value, c))
    : (value) => list.some((c) => test(value, c));
}

function attribute(value: unknown, property: string | undefined): unknown {
  if (typeof value !== 'object' || value === null || property === undefined) return undefined;
  return (value as Record<string, unknown>)[property];
}

/**
 * One condition against one attribute value. As in DynamoDB, a missing attribute fails every
 * comparison; only NOT_EXISTS, NOT_EQUAL_TO and NOT_CONTAINS hold for it. Ordering comparisons
 * need the same type on both sides (numbers numerically, strings by code unit).
 */
export function matches(actual: unknown, c: Condition): boolean {
  const [a, b] = c.values;
  switch (c.condition) {
    case 'EXISTS':
      return actual !== undefined;
    case 'NOT_EXISTS':
      return actual === undefined;
    case 'EQUAL_TO':
      return actual !== undefined && actual === a;
    case 'NOT_EQUAL_TO':
      return actual !== a;
    case 'BEGINS_WITH':
      return typeof actual === 'string' && actual.startsWith(String(a));
    case 'CONTAINS':
      return contains(actual, a);
    case 'NOT_CONTAINS':
      return !contains(actual, a);
    case 'GREATER_THAN':
      return compare(actual, a) > 0;
    case 'GREATER_THAN_EQUAL_TO':
      return compare(actual, a) >= 0;
    case 'LESS_THAN':
      return compare(actual, a) < 0;
    case 'LESS_THAN_EQUAL_TO':
      return compare(actual, a) <= 0;
    case 'BETWEEN':
      return compare(actual, a) >= 0 && compare(actual, b) <= 0;
    default:
      return false;
  }
}

function contains(actual: unknown, needle: unknown): boolean {
  if (typeof actual === 'string') return actual.includes(String(needle));
  if (Array.isArray(actual)) return actual.includes(needle);
  return false;
}

/** NaN (never true against any bound) when the two are not of one comparable type. */
function compare(x: unknown, y: unknown): number {
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  if (typeof x === 'string' && typeof y === 'string') return x < y ? -1 : x > y ? 1 : 0;
  return NaN;
}

/** Total order for sorting index values: numbers before strings before booleans. */
export function orderValues(x: unknown, y: unknown): number {
  const rank = (v: unknown) => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  if (rank(x) !== rank(y)) return rank(x) - rank(y);
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  const sx = String(x);
  const sy = String(y);
  return sx < sy ? -1 : sx > sy ? 1 : 0;
}
