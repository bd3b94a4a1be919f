import { CHANGES_CHANNEL, type LiveArea } from '../domain/live';

/*
 * Every stored change the admin page shows is announced on CHANGES_CHANNEL (Forge Realtime,
 * Preview), so an open page reloads within seconds instead of at its next poll. Global: a queue
 * consumer has no page context to publish into, and `publish` (not global) only reaches
 * subscribers in the publisher's context.
 * https://developer.atlassian.com/platform/forge/runtime-reference/realtime-events-api
 */

/** What an event carries: the area whose change marker moved, nothing else (never a secret). */
export interface ChangeEvent {
  area: LiveArea;
}

/** A publish that has not answered by then is left to finish alone: the store does not wait. */
const PUBLISH_WAIT_MS = 2_000;
/**
 * A publish that has not answered by then no longer holds up the next one of its area: without
 * this, one hung request would make every later store wait PUBLISH_WAIT_MS, for as long as the
 * function's container lives.
 */
const PUBLISH_GIVE_UP_MS = 5_000;

/** Settles when `work` does, or after `ms`, whichever comes first; clears its timer either way. */
function settleWithin(work: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** One publish; settles either way, so one left running after the wait rejects nothing unhandled. */
function publishOnce(area: LiveArea): Promise<void> {
  const event: ChangeEvent = { area };
  // Loaded at the first publish: @forge/realtime loads @forge/api, which must not load with the
  // storage modules (the local runtime's guard has to be in place before @forge/api loads).
  return import('@forge/realtime')
    .then(({ publishGlobal }) => publishGlobal(CHANGES_CHANNEL, { ...event }))
    .then(
      (answer) => {
        if (answer.errors) console.warn(`realtime publish refused: ${reasons(answer.errors)}`);
      },
      (err: unknown) => {
        console.warn(`realtime publish failed: ${err instanceof Error ? err.message : 'unknown'}`);
      },
    );
}

/** Per area: the publish under way, and the one queued behind it. */
const running = new Map<LiveArea, Promise<void>>();
const queued = new Map<LiveArea, Promise<void>>();

/**
 * At most one publish per area under way and one queued: changes stored while one is under way
 * share the queued one, which starts after them. That bounds the publishes of a busy sweep (each
 * a platform request) without ever announcing before the change is stored.
 */
function publishAfterRunning(area: LiveArea): Promise<void> {
  const waiting = queued.get(area);
  if (waiting) return waiting;
  const next = (running.get(area) ?? Promise.resolve()).then(() => {
    queued.delete(area);
    const publishing = settleWithin(publishOnce(area), PUBLISH_GIVE_UP_MS);
    running.set(area, publishing);
    return publishing.finally(() => {
      if (running.get(area) === publishing) running.delete(area);
    });
  });
  queued.set(area, next);
  return next;
}

/**
 * Tells open pages that `area` changed; call it once the change is stored. A side errand: it
 * never throws and holds the store up for at most PUBLISH_WAIT_MS; a page that misses the event
 * sees the change at its next poll of the change markers.
 */
export async function announceChange(area: LiveArea): Promise<void> {
  await settleWithin(publishAfterRunning(area), PUBLISH_WAIT_MS);
}

/** The platform's error messages, without anything else it may have attached. */
function reasons(errors: unknown): string {
  if (!Array.isArray(errors)) return 'no reason given';
  return errors
    .map((e: { message?: unknown; status?: unknown }) =>
      String(e?.message || e?.status || 'unknown'),
    )
    .join('; ');
}
