import { InvocationError, InvocationErrorCode, type AsyncEvent } from '@forge/events';
import { checkQueue, clock, fetch, invocation } from '../platform/forge';
import { withRetry } from '../storage/retry';
import { settings } from '../storage/settings';
import { consumeChecks, type ConsumerReport } from './consumer';
import { isCheckEvent } from './events';
import { REQUEUE_DELAY_SECONDS } from './limits';
import { planSweep } from './planner';

/** Scheduled trigger, every five minutes: plan the due checks and queue them. */
export async function sweepTrigger(): Promise<void> {
  const state = await planSweep({ now: clock, queue: checkQueue, invocationId: invocation().id });
  console.log(
    state
      ? `sweep ${state.slot}: ${state.due}/${state.integrations} due`
      : 'sweep skipped: this slot is planned already or being planned',
  );
}

/** Queue consumer: check one batch; whatever it could not finish goes back on the queue. */
export async function checkConsumer(event: AsyncEvent): Promise<InvocationError | undefined> {
  if (!isCheckEvent(event.body)) {
    console.warn(`dropped a malformed check event ${event.eventId}`);
    return undefined;
  }
  const { id, remainingMs } = invocation();
  const report: ConsumerReport = await consumeChecks(event.body, {
    fetch,
    now: clock,
    settings: await withRetry(() => settings.get()),
    invocationId: id,
    remainingMs,
  });
  console.log(
    `checked ${report.checked.length}, skipped ${report.skipped.length}, left ${report.leftover.length}`,
  );
  if (report.leftover.length === 0) return undefined;
  try {
    // No progress at all (a starved invocation): wait before trying again rather than spin.
    const delay = report.checked.length === 0 ? REQUEUE_DELAY_SECONDS : undefined;
    await checkQueue.push([{ ...event.body, ids: report.leftover }], delay);
    return undefined;
  } catch {
    // Re-queueing failed: let Forge deliver the whole event again; stored checks dedupe by slot.
    return new InvocationError({
      retryAfter: 30,
      retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST,
    });
  }
}
