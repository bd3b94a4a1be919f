/** The body of one queued check event. Never a secret: only ids and the planned slot. */
export interface CheckEvent {
  /** ISO start of the planned 5-minute slot: identifies this round of checks for deduplication. */
  slot: string;
  ids: string[];
  /**
   * `sweep` checks only what is still due; `demand` checks regardless (Check now); `later` checks
   * nothing: it queues its ids as sweep events, in a minute whose queue rate has room (sweep-plan.ts).
   */
  reason: 'sweep' | 'demand' | 'later';
}

export function isCheckEvent(body: unknown): body is CheckEvent {
  const b = body as Partial<CheckEvent> | null;
  return (
    typeof b?.slot === 'string' &&
    !Number.isNaN(Date.parse(b.slot)) &&
    Array.isArray(b.ids) &&
    b.ids.every((id) => typeof id === 'string') &&
    (b.reason === 'sweep' || b.reason === 'demand' || b.reason === 'later')
  );
}
