/** Forge limits the sweep is designed around. The manifest's timeoutSeconds must match (tested). */
export const SWEEP_TIMEOUT_SECONDS = 120;
export const CONSUMER_TIMEOUT_SECONDS = 300;
export const QUEUE_KEY = 'token-health-checks';

/** Integrations per queued event: small enough to finish well inside one invocation. */
export const CHECKS_PER_EVENT = 40;
/** Queue push takes at most 50 events per call. */
export const EVENTS_PER_PUSH = 50;
/** A push's events in JSON (Forge: 200 KB), less room for what the SDK adds to each event. */
export const PUSH_MAX_BYTES = 190 * 1024;
/** One event for a consumer whose timeout is over 55 s (Forge: 100 KB), with a margin. */
export const EVENT_MAX_BYTES = 90 * 1024;
/**
 * Events the sweep queues per minute. Forge accepts 500 a minute per installation, counted at
 * the push; the rest is left to consumers re-queueing leftovers and pushing alerts meanwhile.
 */
export const SWEEP_EVENTS_PER_MINUTE = 400;
/**
 * A larger sweep queues the rest in later minutes: events that carry their ids and queue them when
 * delivered. A later minute starts this long after the previous (Forge counts a rolling minute);
 * the last ends well before the next slot's trigger queues its own.
 */
export const LATER_MINUTE_SECONDS = 65;
export const LATER_MINUTES = 3;
/** Consumers running at once (the queue's concurrency limit) and probes at once in each. */
export const CONSUMER_CONCURRENCY = 5;
export const PROBES_PER_CONSUMER = 10;
export const PROBES_PER_HOST = 4;
/**
 * Forge allows 100 outbound requests per invocation. Probes and their alert pushes share 80; the
 * rest is the consumer's own: re-queueing what it hands back, and a push over the reserve below.
 */
export const REQUEST_BUDGET = 80;
/** Reserved per check besides its kind's maxRequests: the queue push of its alerts. */
export const ALERT_PUSHES_PER_CHECK = 1;
/** Checks stored together (see StoreQueue): one batch read of their integrations holds 24. */
export const STORE_BATCH = 24;
/** How long a finished check waits at most for others to be stored with it. */
export const STORE_LINGER_MS = 1_000;
/** Time one probe may take, and what a consumer keeps back to store the last result. */
export const PROBE_DEADLINE_MS = 30_000;
export const PERSIST_MARGIN_MS = 10_000;
/** A probe is not started with less than this left for it: it would only time out. */
export const MIN_PROBE_WINDOW_MS = 5_000;
/** Work handed back without progress waits this long, so a starved consumer cannot spin. */
export const REQUEUE_DELAY_SECONDS = 60;
/** A planner lease outlives any planner run; its TTL frees it if the run dies. */
export const SWEEP_LEASE_SECONDS = SWEEP_TIMEOUT_SECONDS + 30;
export const SLOT_MS = 5 * 60_000;
/** Time the heartbeat's retry leaves the sweep at least: the digests and the log line after it. */
export const HEARTBEAT_RESERVE_MS = 30_000;

/** The org token inventory: a daily sync, fanned out over queued steps for large orgs. */
export const INVENTORY_QUEUE_KEY = 'token-health-inventory';
export const INVENTORY_TRIGGER_TIMEOUT_SECONDS = 60;
export const INVENTORY_TIMEOUT_SECONDS = 300;
/** Admin API requests one step may make: Forge allows 100 per invocation, keep a margin. */
export const INVENTORY_REQUESTS_PER_STEP = 80;
/** All network requests one step may make, Admin API and Jira owner lookups together (Forge: 100). */
export const INVENTORY_REQUEST_LIMIT = 95;
/** Time a step keeps back after listing: staging, and on the last step the merge and alerts. */
export const INVENTORY_FINISH_MARGIN_MS = 90_000;
/** A listing that needs more steps is stuck (a cursor going round): the sync fails. */
export const INVENTORY_MAX_STEPS = 60;
/** One sync at a time; the lease's TTL frees it if a step dies and its event is lost. */
export const INVENTORY_LEASE_SECONDS = 3_600;
/** A run whose steps (300 s each, retried after 60 s) saved nothing for this long is stuck. */
export const INVENTORY_STALL_SECONDS = 900;
/** Token alerts one sync may send; the rest follow at the next sync, most urgent first. */
export const TOKEN_ALERTS_PER_SYNC = 50;
