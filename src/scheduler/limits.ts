/** Forge limits the sweep is designed around. The manifest's timeoutSeconds must match (tested). */
export const SWEEP_TIMEOUT_SECONDS = 120;
export const CONSUMER_TIMEOUT_SECONDS = 300;
export const QUEUE_KEY = 'token-health-checks';

/** Integrations per queued event: small enough to finish well inside one invocation. */
export const CHECKS_PER_EVENT = 40;
/** Queue push takes at most 50 events per call. */
export const EVENTS_PER_PUSH = 50;
/** Consumers running at once (the queue's concurrency limit) and probes at once in each. */
export const CONSUMER_CONCURRENCY = 5;
export const PROBES_PER_CONSUMER = 10;
export const PROBES_PER_HOST = 4;
/** Forge allows 100 outbound requests per invocation; keep a margin for retries. */
export const REQUEST_BUDGET = 80;
/** Requests one probe may make at most (expiry look-ups, an OAuth refresh, paging). */
export const REQUESTS_PER_PROBE = 4;
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

/** The alert deliveries: one event is one alert (or digest) to one channel. */
export const ALERT_QUEUE_KEY = 'token-health-alerts';
/** A send is a few requests at most (the Jira issue channel's), each with its own timeout. */
export const DELIVERY_TIMEOUT_SECONDS = 120;
/** A send claim outlives any delivery run; its TTL frees it if the run dies mid-send. */
export const SEND_LEASE_SECONDS = DELIVERY_TIMEOUT_SECONDS + 30;
/** Waits before each retry of a failed send; after the last one the delivery gives up. */
export const DELIVERY_BACKOFF_SECONDS = [30, 120, 600] as const;
