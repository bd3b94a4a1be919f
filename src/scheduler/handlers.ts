import { InvocationError, InvocationErrorCode, type AsyncEvent } from '@forge/events';
import { deliver } from '../notify/delivery';
import { planDigests } from '../notify/deliver-digest';
import { isDeliveryEvent } from '../notify/deliver-events';
import { NOTIFIERS } from '../notify/registry';
import {
  adminPath,
  checkQueue,
  clock,
  deliveryQueue,
  fetch,
  invocation,
  jira,
} from '../platform/forge';
import { loadAlertConfig } from '../storage/alerts';
import { inventorySource } from '../storage/inventory';
import { rekeyFingerprints } from '../storage/rekey-fingerprints';
import { setupOf } from './alerting';
import { consumeChecks, prefetch, type ConsumerPhases, type ConsumerReport } from './consumer';
import { isCheckEvent, narrowed, type CheckEvent } from './events';
import { watchConsumerKeys } from './key-watch';
import { HEARTBEAT_RESERVE_MS, REQUEUE_DELAY_SECONDS } from './limits';
import { heartbeatErrand, type HeartbeatDeps } from './heartbeat';
import { planSweep, slotOf } from './planner';
import { sweepEventsOf } from './sweep-plan';
import { sweepState, type SweepState } from '../storage/sweep-state';

const retryAfter = (seconds: number) =>
  new InvocationError({
    retryAfter: seconds,
    retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST,
  });

/** What the fingerprint errand leaves of the trigger's time, for its last write and the log. */
const REKEY_MARGIN_MS = 10_000;

function heartbeatDeps(): HeartbeatDeps {
  const { id, remainingMs } = invocation();
  return { fetch, now: clock, holder: id, remainingMs, reserveMs: HEARTBEAT_RESERVE_MS };
}

/** A run that found its slot planned already pings for it: the claim keeps it to one ping. */
async function plannedSweep(slot: string): Promise<SweepState | null> {
  try {
    const state = await sweepState.get();
    return state?.slot === slot ? state : null;
  } catch {
    return null;
  }
}

/** The planner's failure in words that carry no stored value: its code, else its kind. */
function reasonOf(err: unknown): string {
  const e = err as { code?: unknown; name?: unknown };
  const code =
    typeof e?.code === 'string' ? e.code : typeof e?.name === 'string' ? e.name : 'error';
  return `the sweep could not plan its checks (${code.slice(0, 60)})`;
}

async function plan(): Promise<SweepState | null> {
  const slot = slotOf(clock());
  try {
    return await planSweep({ now: clock, queue: checkQueue, invocationId: invocation().id });
  } catch (err) {
    const said = await heartbeatErrand(
      { kind: 'failure', slot, reason: reasonOf(err) },
      heartbeatDeps(),
    );
    console.warn(`sweep ${slot} failed; failure heartbeat: ${said || 'none set'}`);
    throw err;
  }
}

/** The consumer keys' expiry watch: a side errand, it never fails the sweep. */
function keyWatchErrand(): Promise<string> {
  const deps = {
    now: clock(),
    holder: invocation().id,
    setup: async () => setupOf(await loadAlertConfig(), adminPath()),
    deliveries: deliveryQueue,
  };
  return watchConsumerKeys(deps).catch((err: unknown) => {
    const e = err as { code?: unknown; name?: unknown };
    return `consumer keys not watched this hour (${String(e?.code ?? e?.name ?? 'error').slice(0, 60)})`;
  });
}

const laterText = ({ later, unplanned }: SweepState): string =>
  (later ? `, ${later} queued in later minutes` : '') +
  (unplanned ? `, ${unplanned} left to the next sweep` : '');

/**
 * Scheduled trigger, every five minutes: plan the due checks and queue them; then, side by side,
 * the heartbeat (which never fails the sweep) and, daily, the digests; last, the fingerprint errand.
 */
export async function sweepTrigger(): Promise<void> {
  const state = await plan();
  console.log(
    state
      ? `sweep ${state.slot}: ${state.due}/${state.integrations} due${laterText(state)}`
      : 'sweep skipped: this slot is planned already or being planned',
  );
  const done = state ?? (await plannedSweep(slotOf(clock())));
  const beat = done
    ? heartbeatErrand({ kind: 'success', state: done }, heartbeatDeps())
    : Promise.resolve(null);
  const [said, digests, watched] = await Promise.all([
    beat,
    planDigests(clock(), deliveryQueue),
    keyWatchErrand(),
  ]);
  if (said) console.log(`heartbeat: ${said}`);
  if (watched) console.log(watched);
  if (digests.length > 0) console.log(`${digests.length} digests of ${digests[0]?.day} queued`);
  // A side errand: until it succeeds once, the next sweep tries again.
  const { remainingMs } = invocation();
  const hasTime = () => remainingMs() > REKEY_MARGIN_MS;
  await rekeyFingerprints(clock().getTime(), hasTime).then(
    (ran) => ran && console.log('unkeyed fingerprints recomputed'),
    (err: unknown) => console.warn(`fingerprints not rekeyed yet: ${(err as Error)?.name}`),
  );
}

const counts = (r: ConsumerReport) =>
  `checked ${r.checked.length}, skipped ${r.skipped.length}, left ${r.leftover.length}`;

/** Read, probe and store times: the line that says why a consumer was slow. */
const phasesText = ({ readMs, probeMs, storeMs }: ConsumerPhases): string =>
  `read ${readMs} ms, probing ${probeMs} ms, storing after ${storeMs} ms`;

/**
 * A `later` event's minute has come: its ids go on the queue as sweep events. Refused (Forge's
 * queue rate is spent), the event comes back a minute later; a redelivery after a push that went
 * through queues checks that dedupe by slot.
 */
async function queueLater(body: CheckEvent): Promise<InvocationError | undefined> {
  const events = sweepEventsOf(body);
  try {
    await checkQueue.push(events);
    console.log(`queued ${body.ids.length} checks of ${body.slot} in ${events.length} events`);
    return undefined;
  } catch (err) {
    console.warn(`later checks of ${body.slot} not queued yet: ${(err as Error)?.name}`);
    return retryAfter(REQUEUE_DELAY_SECONDS);
  }
}

/** Queue consumer: check one batch; whatever it could not finish goes back on the queue. */
export async function checkConsumer(event: AsyncEvent): Promise<InvocationError | undefined> {
  if (!isCheckEvent(event.body)) {
    console.warn(`dropped a malformed check event ${event.eventId}`);
    return undefined;
  }
  if (event.body.reason === 'later') return queueLater(event.body);
  const { id, remainingMs } = invocation();
  const reading = prefetch(event.body.ids, event.body.records);
  const [config, orgInventory] = await Promise.all([
    loadAlertConfig(),
    inventorySource.configured(),
  ]);
  const report: ConsumerReport = await consumeChecks(
    event.body,
    {
      fetch,
      now: clock,
      settings: config.settings,
      invocationId: id,
      remainingMs,
      alerting: setupOf(config, adminPath()),
      deliveries: deliveryQueue,
      orgInventory,
    },
    reading,
  );
  console.log(`${counts(report)} (${phasesText(report.phases)})`);
  if (report.leftover.length === 0) return undefined;
  try {
    // No progress at all (a starved invocation): wait before trying again rather than spin.
    const delay = report.checked.length === 0 ? REQUEUE_DELAY_SECONDS : undefined;
    await checkQueue.push([narrowed(event.body, report.leftover)], delay);
    return undefined;
  } catch {
    // Re-queueing failed: let Forge deliver the whole event again; stored checks dedupe by slot.
    return retryAfter(30);
  }
}

/** Queue consumer: one alert (or digest) to one channel; a failed send comes back with back-off. */
export async function alertConsumer(event: AsyncEvent): Promise<InvocationError | undefined> {
  if (!isDeliveryEvent(event.body)) {
    console.warn(`dropped a malformed delivery event ${event.eventId}`);
    return undefined;
  }
  const delay = await deliver(event.body, {
    notifiers: NOTIFIERS,
    fetch,
    jira,
    now: clock,
    queue: deliveryQueue,
    holder: invocation().id,
    attempt: event.retryContext?.retryCount ?? 0,
    adminPath: adminPath(),
  });
  return delay === undefined ? undefined : retryAfter(delay);
}
