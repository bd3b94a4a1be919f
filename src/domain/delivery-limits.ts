/**
 * The alert deliveries: one event is one alert (or digest) to one channel. Here, below both the
 * scheduler that queues deliveries and the notify code that runs them, so neither imports the other.
 */
export const ALERT_QUEUE_KEY = 'token-health-alerts';
/** A send is a few requests at most (the Jira issue channel's), each with its own timeout. */
export const DELIVERY_TIMEOUT_SECONDS = 120;
/** A send claim outlives any delivery run; its TTL frees it if the run dies mid-send. */
export const SEND_LEASE_SECONDS = DELIVERY_TIMEOUT_SECONDS + 30;
/** Waits before each retry of a failed send; after the last one the delivery gives up. */
export const DELIVERY_BACKOFF_SECONDS = [30, 120, 600] as const;
