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
import {
  abandonStep,
  isInventoryEvent,
  runSyncStep,
  startSync,
  STEP_ATTEMPTS,
  type InventoryEvent,
} from './sync';

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
    if ((event.retryContext?.retryCount ?? 0) + 1 >= STEP_ATTEMPTS) {
      return giveUp(event.body, err);
    }
    return new InvocationError({
      retryAfter: 60,
      retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST,
    });
  }
}

/** The step's last attempt failed: end its run with the reason rather than leave it waiting. */
async function giveUp(event: InventoryEvent, err: unknown): Promise<undefined> {
  try {
    await abandonStep(event, err, clock());
  } catch (again) {
    // KVS itself is failing: the lease's TTL frees the next sync, the page shows the run stuck.
    console.warn(`inventory sync step ${event.step} could not be ended: ${(again as Error).name}`);
  }
  return undefined;
}
