import type { IntegrationSummary } from '../../resolvers/contract';
import { daysUntil, severityRank, type Dates } from '../format';
import { KINDS } from '../kinds';

export type SortColumn = 'name' | 'kind' | 'owner' | 'verdict' | 'expires' | 'checked' | 'rate';
export type SortOrder = 'ASC' | 'DESC';
export interface Sort {
  column: SortColumn;
  order: SortOrder;
}

/** The order the table opens in: most urgent first. */
export const URGENT_FIRST: Sort = { column: 'verdict', order: 'ASC' };

type Compare = (a: IntegrationSummary, b: IntegrationSummary) => number;

/** Never-expiring credentials sort after every dated one. */
const NO_EXPIRY = Number.MAX_SAFE_INTEGER;

export function daysLeft(row: IntegrationSummary, dates: Dates): number | null {
  return row.expiresAt ? daysUntil(row.expiresAt, dates) : row.daysLeft;
}

export function ownerLabel(row: IntegrationSummary): string | null {
  return row.ownerName ?? row.ownerAccountId;
}

/** Most urgent first, the order the table opens in. */
export function byUrgency(dates: Dates): Compare {
  return (a, b) =>
    severityRank(a.severity) - severityRank(b.severity) ||
    (daysLeft(a, dates) ?? NO_EXPIRY) - (daysLeft(b, dates) ?? NO_EXPIRY) ||
    a.name.localeCompare(b.name);
}

const text = (value: (row: IntegrationSummary) => string | null): Compare => {
  return (a, b) => (value(a) ?? '').localeCompare(value(b) ?? '');
};

/**
 * Unknown values (never checked, no history) sort first, as the smallest; two unknowns give
 * NaN, which `|| 0` turns into a tie.
 */
const number = (value: (row: IntegrationSummary) => number | null): Compare => {
  return (a, b) => (value(a) ?? -Infinity) - (value(b) ?? -Infinity) || 0;
};

function compareBy(column: SortColumn, dates: Dates): Compare {
  switch (column) {
    case 'name':
      return text((r) => r.name);
    case 'kind':
      return text((r) => KINDS[r.kind].label);
    case 'owner':
      return text(ownerLabel);
    case 'verdict':
      return byUrgency(dates);
    case 'expires':
      return (a, b) => (daysLeft(a, dates) ?? NO_EXPIRY) - (daysLeft(b, dates) ?? NO_EXPIRY);
    case 'checked':
      return number((r) => (r.lastCheckedAt ? Date.parse(r.lastCheckedAt) : null));
    case 'rate':
      return number((r) => r.successRate7d);
  }
}

/** The column's order, ties broken by urgency so equal rows still open most urgent first. */
export function comparator(sort: Sort, dates: Dates): Compare {
  const compare = compareBy(sort.column, dates);
  const urgency = byUrgency(dates);
  const sign = sort.order === 'ASC' ? 1 : -1;
  return (a, b) => sign * compare(a, b) || urgency(a, b);
}

/**
 * The rows in the order they were last shown (`shown`, ids), so a row does not move under the
 * admin's cursor when a check or a pause changes it; rows not shown before follow, sorted.
 * Ids in `shown` without a row are skipped: a deleted row simply disappears.
 */
export function arrange(
  rows: IntegrationSummary[],
  shown: readonly string[],
  compare: Compare,
): IntegrationSummary[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const kept = shown.flatMap((id) => byId.get(id) ?? []);
  const seen = new Set(shown);
  const added = rows.filter((row) => !seen.has(row.id)).sort(compare);
  return [...kept, ...added];
}

/** `shown` with the ids of `rows` it did not have yet, at the end, in the order shown. */
export function remember(shown: readonly string[], rows: IntegrationSummary[]): string[] {
  const seen = new Set(shown);
  return [...shown, ...rows.map((row) => row.id).filter((id) => !seen.has(id))];
}
