import type { CheckEvent } from '../scheduler/events';
import { slotOf, type QueuePort } from '../scheduler/planner';
import { keys } from '../storage/keys';
import { acquireLease } from '../storage/lease';
import { statuses } from '../storage/status';

/** Longer than a slot, so a late draw of a slot cannot claim it again. */
const CLAIM_SECONDS = 900;

/**
 * A draw refused for the grant's sake queues a check of the integration, so the usual alert
 * fires through the usual path: the check's verdict goes through the alert policy, whose incident
 * tells each channel once. At most one such check per integration and sweep slot, however many
 * consumers are refused; none while the sweep already backs off from a rejected grant (its alert
 * was decided when that verdict was stored).
 */
export async function checkGrant(
  integrationId: string,
  now: Date,
  deps: { queue: QueuePort; holder: string },
): Promise<boolean> {
  const status = await statuses.get(integrationId);
  if (status?.backoffSince) return false;
  const claim = keys.vendCheck(integrationId, slotOf(now));
  if (!(await acquireLease(claim, deps.holder, CLAIM_SECONDS))) return false;
  // Its own instant as the slot, as Check now does: newer than any check stored before it.
  const event: CheckEvent = { slot: now.toISOString(), ids: [integrationId], reason: 'demand' };
  await deps.queue.push([event]);
  return true;
}
