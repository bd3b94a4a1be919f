import type { DeliveryOutcome, QueuedEvent } from './events';
import type { QueueService } from './service';

export interface DrainOptions {
  /** Stop starting deliveries after this many (default 10 000, a guard against endless chains). */
  maxDeliveries?: number;
  /**
   * true (default): keep going until no event is due, including events pushed or retried during
   * the drain when they are due at once. false: deliver only the events due when the drain began.
   */
  untilIdle?: boolean;
  /** Deliveries running at the same time (default 10). */
  parallelism?: number;
}

export interface DrainReport {
  delivered: number;
  acked: number;
  retried: number;
  failed: number;
  /** Events still queued: not yet due (delayed, retry back-off), or with no consumer. */
  pending: number;
  /** Clock ms at which the earliest pending event becomes due. */
  nextDueAt?: number;
}

export type Deliver = (event: QueuedEvent) => Promise<DeliveryOutcome>;

/**
 * Delivers due events to their consumers, several at once, never more in flight per concurrency
 * key than the event's limit. Each delivery is its own invocation (the Deliver callback).
 */
export async function drain(
  queue: QueueService,
  deliver: Deliver,
  hasConsumer: (queueName: string) => boolean,
  options: DrainOptions = {},
): Promise<DrainReport> {
  const max = options.maxDeliveries ?? 10_000;
  const parallelism = options.parallelism ?? 10;
  const initial = options.untilIdle === false ? new Set(queue.pending) : undefined;
  const eligible = (e: QueuedEvent) => hasConsumer(e.queueName) && (!initial || initial.has(e));
  const inFlightByKey = new Map<string, number>();
  const running = new Set<Promise<void>>();
  const report: DrainReport = { delivered: 0, acked: 0, retried: 0, failed: 0, pending: 0 };

  const start = (event: QueuedEvent) => {
    const { duplicate } = queue.take(event);
    const key = event.concurrency?.key;
    if (key !== undefined) inFlightByKey.set(key, (inFlightByKey.get(key) ?? 0) + 1);
    report.delivered++;
    const run: Promise<void> = deliver(event)
      .catch((): DeliveryOutcome => ({
        kind: 'retry',
        reason: 'FUNCTION_PLATFORM_UNKNOWN_ERROR',
        afterSeconds: 1,
      }))
      .then((outcome) => {
        report[queue.settle(event, outcome, duplicate)]++;
      })
      .finally(() => {
        if (key !== undefined) inFlightByKey.set(key, (inFlightByKey.get(key) ?? 1) - 1);
        running.delete(run);
      });
    running.add(run);
  };

  for (;;) {
    const next =
      report.delivered < max && running.size < parallelism
        ? queue.nextDue(inFlightByKey, eligible)
        : undefined;
    if (next) {
      start(next);
      continue;
    }
    if (running.size === 0) break;
    await Promise.race(running);
  }
  report.pending = queue.pending.length;
  const due = queue.pending.map((e) => e.dueAt);
  if (due.length) report.nextDueAt = Math.min(...due);
  return report;
}
