import type { IntegrationRecord } from '../domain/schedule';

/** The body of one queued check event. Never a secret: ids, the planned slot, records as read. */
export interface CheckEvent {
  /** ISO start of the planned 5-minute slot: identifies this round of checks for deduplication. */
  slot: string;
  ids: string[];
  /**
   * `sweep` checks only what is still due; `demand` checks regardless (Check now); `later` checks
   * nothing: it queues its ids as sweep events, in a minute whose queue rate has room (sweep-plan.ts).
   */
  reason: 'sweep' | 'demand' | 'later';
  /**
   * The integrations as the planner read them, so the consumer need not read them again (KVS
   * bills the bytes read). The consumer uses one only while its stored revision still matches
   * (storage/check-store.ts loadTargets): a record edited since is read afresh.
   */
  records?: IntegrationRecord[];
}

const isRecordLike = (r: unknown): r is IntegrationRecord =>
  typeof (r as Partial<IntegrationRecord> | null)?.id === 'string' &&
  typeof (r as Partial<IntegrationRecord>).config === 'object';

export function isCheckEvent(body: unknown): body is CheckEvent {
  const b = body as Partial<CheckEvent> | null;
  return (
    typeof b?.slot === 'string' &&
    !Number.isNaN(Date.parse(b.slot)) &&
    Array.isArray(b.ids) &&
    b.ids.every((id) => typeof id === 'string') &&
    (b.reason === 'sweep' || b.reason === 'demand' || b.reason === 'later') &&
    (b.records === undefined || (Array.isArray(b.records) && b.records.every(isRecordLike)))
  );
}

/** The same event for some of its ids only, with their records (a consumer's leftovers). */
export function narrowed(event: CheckEvent, ids: string[]): CheckEvent {
  const wanted = new Set(ids);
  const records = event.records?.filter((r) => wanted.has(r.id));
  return { ...event, ids, ...(records ? { records } : {}) };
}
