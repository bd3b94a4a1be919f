import { InvocationError, InvocationErrorCode, type AsyncEvent } from '@forge/events';
import {
  adminPath,
  clock,
  deliveryQueue,
  fetch,
  activeJiraUsers,
  inventoryQueue,
  invocation,
} from '../platform/forge';
import { setupOf } from '../scheduler/alerting';
import { loadAlertConfig } from '../storage/alerts';
import { isInventoryEvent, runSyncStep, startSync } from './sync';

/** Scheduled trigger, daily: start the day's sync if an organisation is set up. */
export async function inventoryTrigger(): Promise<void> {
  const start = await startSync({ now: clock(), queue: inventoryQueue, requestedBy: null });
  console.log(start.started ? `inventory sync ${start.syncId} queued` : start.reason);
}

/** Queue consumer: one step of a sync; a step that failed on a platform error is redone later. */
export async function inventoryConsumer(event: AsyncEvent): Promise<InvocationError | undefined> {
  if (!isInventoryEvent(event.body)) {
    console.warn(`dropped a malformed inventory event ${event.eventId}`);
    return undefined;
  }
  try {
    const outcome = await runSyncStep(event.body, {
      now: clock,
      fetch,
      queue: inventoryQueue,
      remainingMs: invocation().remainingMs,
      finish: {
        deliveries: deliveryQueue,
        setup: async () => setupOf(await loadAlertConfig(), adminPath()),
        activeUsers: activeJiraUsers,
      },
    });
    console.log(`inventory sync step ${event.body.step}: ${outcome}`);
    return undefined;
  } catch (err) {
    console.warn(`inventory sync step ${event.body.step} failed: ${(err as Error).name}`);
    return new InvocationError({
      retryAfter: 60,
      retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST,
    });
  }
}
