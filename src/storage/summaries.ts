import { kvs } from '@forge/kvs';
import type { StatusTick } from '../domain/status-tick';
import {
  loadedSummary,
  savedSummary,
  type IntegrationSummary,
  type StoredSummary,
} from '../domain/summary';
import { setMarked } from './changes';
import { keys } from './keys';
import { PAGE_SIZE, queryAll, queryPage } from './query';
import { withRetry } from './retry';

/** The ticks by integration id: the times of each row's last check. */
async function ticks(): Promise<Map<string, StatusTick>> {
  const all = await queryAll<StatusTick>(keys.checkedPrefix);
  return new Map(all.map((r) => [r.key.slice(keys.checkedPrefix.length), r.value]));
}

/** Overview rows one answer reads: two KVS pages of rows, and the ticks of the same ids. */
export const ROWS_PER_PAGE = 2 * PAGE_SIZE;
/** Tick pages one answer may read: the last page again, then at most one per page of rows and one beyond. */
const TICK_PAGES = ROWS_PER_PAGE / PAGE_SIZE + 2;

/** Where the next answer starts: the rows' KVS cursor, and the tick page to read again from. */
interface Resume {
  rows: string;
  ticks: string | null;
  after: string;
}

const idOf = (key: string) => key.slice(keys.checkedPrefix.length);

/**
 * The ticks of ids after `after` up to `last`, read along the ticks' own key order (which is
 * the rows'): answers them and the cursor of the last page read, which the next answer reads
 * again, as it may hold ticks of its rows.
 */
async function ticksUpTo(from: Resume | undefined, last: string) {
  const times = new Map<string, StatusTick>();
  let cursor = from?.ticks ?? undefined;
  let again: string | null = cursor ?? null;
  for (let read = 0; read < TICK_PAGES; read += 1) {
    again = cursor ?? null;
    const page = await queryPage<StatusTick>(keys.checkedPrefix, cursor);
    for (const { key, value } of page.items) {
      const id = idOf(key);
      if ((from === undefined || id > from.after) && id <= last) times.set(id, value);
    }
    const lastRead = page.items.at(-1);
    if (!page.cursor || !lastRead || idOf(lastRead.key) >= last) break;
    cursor = page.cursor;
  }
  return { times, again };
}

export const encodeResume = (resume: Resume) =>
  Buffer.from(JSON.stringify(resume)).toString('base64url');

/** The resume point a cursor names, or undefined for one this app did not hand out. */
export function decodeResume(cursor: string): Resume | undefined {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as Partial<Resume>;
    const text = (v: unknown) => typeof v === 'string' && v.length > 0;
    const ok = text(value.rows) && text(value.after) && (value.ticks === null || text(value.ticks));
    return ok ? (value as Resume) : undefined;
  } catch {
    return undefined;
  }
}

/** Rows are stored without the values most share (storedSummary) and read back whole. */
export const summaries = {
  /** Every overview row with its times: 100 per request, the most a KVS page holds. */
  list: async () => {
    const [rows, times] = await Promise.all([queryAll<StoredSummary>(keys.summaryPrefix), ticks()]);
    return rows.map((r) => loadedSummary(r.value, times.get(r.value.id)));
  },
  /**
   * One answer's rows with their times, from `from` on (the start when undefined); `next` is
   * where the following answer starts.
   */
  page: async (from?: Resume): Promise<{ rows: IntegrationSummary[]; next: Resume | null }> => {
    const stored: StoredSummary[] = [];
    let cursor = from?.rows;
    for (let read = 0; read < ROWS_PER_PAGE; read += PAGE_SIZE) {
      const page = await queryPage<StoredSummary>(keys.summaryPrefix, cursor);
      stored.push(...page.items.map((r) => r.value));
      cursor = page.cursor;
      if (!cursor) break;
    }
    const last = stored.at(-1)?.id;
    if (last === undefined) return { rows: [], next: null };
    const { times, again } = await ticksUpTo(from, last);
    const rows = stored.map((row) => loadedSummary(row, times.get(row.id)));
    return { rows, next: cursor ? { rows: cursor, ticks: again, after: last } : null };
  },
  get: async (id: string) => {
    const [stored, tick] = await Promise.all([
      withRetry(() => kvs.get<StoredSummary>(keys.summary(id))),
      withRetry(() => kvs.get<StatusTick>(keys.checked(id))),
    ]);
    return stored ? loadedSummary(stored, tick) : undefined;
  },
  /** With the page's change marker, in the one request. */
  save: (summary: IntegrationSummary) =>
    setMarked('integrations', [{ key: keys.summary(summary.id), value: savedSummary(summary) }]),
};
