/**
 * The org token inventory as the admin page shows and exports it: rows with their flags, the
 * filter, the most-urgent-first order, counts, pages and CSV. Pure: `now` is always passed in.
 */
import {
  flagsOf,
  isUnreadable,
  TOKEN_FLAGS,
  tokenKey,
  type InventoryPolicy,
  type OrgToken,
  type OrgTokenKind,
  type TokenDate,
  type TokenFlag,
} from './inventory';

export interface OrgTokenFilter {
  /** Only tokens with every one of these flags. */
  flags?: TokenFlag[];
  /** Matches the owner's name or email, case-insensitively. */
  owner?: string;
  kind?: OrgTokenKind;
}

/** One token as the tab shows it: never a token value (the Admin API does not give one). */
export interface OrgTokenRow extends Omit<OrgToken, 'alerted'> {
  flags: TokenFlag[];
  /** Days to expiry, negative once expired; null without expiry. */
  daysLeft: number | null;
  /** Where an org admin revokes it on admin.atlassian.com. */
  revokeUrl: string;
}

export type FlagCounts = Record<TokenFlag | 'all', number>;

export const PAGE_SIZE = 50;
const DAY_MS = 86_400_000;

/** The page of Atlassian Administration where an org admin revokes each kind. */
const REVOKE_PAGES: Record<OrgTokenKind, string> = {
  // Security › User API tokens
  'api-token': 'user-api-tokens',
  // Settings › API keys
  'api-key': 'admin-api',
};

export function revokeUrl(orgId: string, kind: OrgTokenKind): string {
  return `https://admin.atlassian.com/o/${encodeURIComponent(orgId)}/${REVOKE_PAGES[kind]}`;
}

/** Whole days, rounded down like the integrations table: 0 on the day it expires. */
function daysLeft(expiresAt: string | null, now: Date): number | null {
  return expiresAt === null ? null : Math.floor((Date.parse(expiresAt) - now.getTime()) / DAY_MS);
}

export function toRow(
  token: OrgToken,
  policy: InventoryPolicy,
  orgId: string,
  now: Date,
): OrgTokenRow {
  // Field by field: nothing else the sync keeps with a token (its alert memory) reaches the page.
  const { id, kind, label, owner, createdAt, expiresAt, lastActiveAt, status } = token;
  return {
    id,
    kind,
    label,
    owner,
    createdAt,
    expiresAt,
    lastActiveAt,
    status,
    revokedNoticedAt: token.revokedNoticedAt,
    unreadable: token.unreadable ?? [],
    flags: flagsOf(token, policy, now),
    daysLeft: daysLeft(token.expiresAt, now),
    revokeUrl: revokeUrl(orgId, token.kind),
  };
}

/** A revoked token needs nothing more from anyone, so it goes after every live one. */
function rank(row: OrgTokenRow): [number, number] {
  const expiry = row.expiresAt === null ? Infinity : Date.parse(row.expiresAt);
  return [row.revokedNoticedAt ? 1 : 0, expiry];
}

/** Most urgent first: expired, then soonest expiry, never-expiring last; then by label. */
export function byUrgency(a: OrgTokenRow, b: OrgTokenRow): number {
  const [ra, ea] = rank(a);
  const [rb, eb] = rank(b);
  if (ra !== rb) return ra - rb;
  if (ea !== eb) return ea < eb ? -1 : 1;
  return a.label.localeCompare(b.label) || tokenKey(a).localeCompare(tokenKey(b));
}

/** Every token as a row, most urgent first. */
export function rowsOf(
  tokens: OrgToken[],
  policy: InventoryPolicy,
  orgId: string,
  now: Date,
): OrgTokenRow[] {
  return tokens.map((t) => toRow(t, policy, orgId, now)).sort(byUrgency);
}

export function matches(row: OrgTokenRow, filter: OrgTokenFilter): boolean {
  const owner = filter.owner?.trim().toLowerCase();
  return (
    (filter.flags ?? []).every((f) => row.flags.includes(f)) &&
    (!owner ||
      row.owner.name.toLowerCase().includes(owner) ||
      row.owner.email.toLowerCase().includes(owner)) &&
    (!filter.kind || row.kind === filter.kind)
  );
}

export function countFlags(rows: OrgTokenRow[]): FlagCounts {
  const counts = Object.fromEntries(TOKEN_FLAGS.map((f) => [f, 0])) as FlagCounts;
  counts.all = rows.length;
  for (const row of rows) for (const flag of row.flags) counts[flag] += 1;
  return counts;
}

export function pageOf<T>(rows: T[], offset: number): T[] {
  return rows.slice(offset, offset + PAGE_SIZE);
}

const CSV_HEADER = [
  'kind',
  'label',
  'owner name',
  'owner email',
  'owner id',
  'created',
  'expires',
  'last active',
  'status',
  'flags',
  'revoked noticed',
  'revoke url',
];

/**
 * What a spreadsheet would run as a formula (or DDE) instead of showing as text: at the start of
 * the cell, or after any separator an import may split on (comma, semicolon, tab), spaces allowed.
 */
const FORMULA_STARTS = /(^|[,;\t]) *(?=[=+\-@\t\r])/g;

/**
 * One CSV field: labels and names are chosen by token owners, so each formula start gets an
 * apostrophe (the OWASP advice) and then RFC 4180 quoting where it needs any.
 */
export function csvCell(value: string | null): string {
  const text = value ?? '';
  const safe = text.replace(FORMULA_STARTS, "$&'");
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A date as listed; "unknown" where the listing gave one no one could read. */
const dateCell = (r: OrgTokenRow, date: TokenDate) =>
  r[date] ?? (isUnreadable(r, date) ? 'unknown' : null);

const csvLine = (cells: (string | null)[]) => `${cells.map(csvCell).join(',')}\r\n`;

function csvRecord(r: OrgTokenRow): (string | null)[] {
  return [
    r.kind,
    r.label,
    r.owner.name,
    r.owner.email,
    r.owner.id,
    dateCell(r, 'createdAt'),
    dateCell(r, 'expiresAt'),
    dateCell(r, 'lastActiveAt'),
    r.status,
    r.flags.join(' '),
    r.revokedNoticedAt,
    r.revokeUrl,
  ];
}

/** RFC 4180: CRLF after every record, the header first. */
export function toCsv(rows: OrgTokenRow[]): string {
  return csvLine(CSV_HEADER) + rows.map((r) => csvLine(csvRecord(r))).join('');
}

/**
 * At most this much CSV in one answer: Forge answers a resolver in at most 6 MB of JSON
 * (../shared/FORGE-PLATFORM.md), and a browser's text box stays usable well below that.
 */
export const CSV_PART_BYTES = 2_000_000;

const encoder = new TextEncoder();
const bytesOf = (text: string) => encoder.encode(text).length;

/** One part of a long export: a whole CSV file of its own, header first. */
export interface CsvPart {
  csv: string;
  /** 1-based, and the count of parts. */
  part: number;
  parts: number;
  /** The first and last row it holds, 1-based over the whole export; 0 and 0 when empty. */
  firstRow: number;
  lastRow: number;
}

/** The rows' CSV cut into parts of at most `maxBytes` each, header included; `part` of them. */
export function csvPart(rows: OrgTokenRow[], part: number, maxBytes = CSV_PART_BYTES): CsvPart {
  const header = csvLine(CSV_HEADER);
  const lines = rows.map((r) => csvLine(csvRecord(r)));
  const starts = [0];
  let size = bytesOf(header);
  lines.forEach((line, i) => {
    const bytes = bytesOf(line);
    // A part holds one row at least, however long (a row's cells are clipped when listed).
    if (size + bytes > maxBytes && size > bytesOf(header)) {
      starts.push(i);
      size = bytesOf(header);
    }
    size += bytes;
  });
  const from = starts[part - 1] ?? lines.length;
  const to = starts[part] ?? lines.length;
  return {
    csv: header + lines.slice(from, to).join(''),
    part,
    parts: starts.length,
    firstRow: to > from ? from + 1 : 0,
    lastRow: to,
  };
}

/** One name per day; a long export's parts say which part they are. */
export function csvFilename(now: Date, part = 1, parts = 1): string {
  const day = now.toISOString().slice(0, 10);
  return parts > 1 ? `org-tokens-${day}-part-${part}-of-${parts}.csv` : `org-tokens-${day}.csv`;
}
