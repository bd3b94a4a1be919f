/** One pushed event as the local queue holds it. */
export interface QueuedEvent {
  eventId: string;
  jobId: string;
  queueName: string;
  body: Record<string, unknown>;
  delayInSeconds?: number;
  concurrency?: { key: string; limit: number };
  /** Clock ms from which the event may be delivered. */
  dueAt: number;
  pushedAt: number;
  /** Push order, the tie-breaker for equal dueAt. */
  seq: number;
  retryContext?: RetryContext;
  rootInvocationId?: string;
  /** A copy made by duplicateNext(): its delivery does not count in the job's stats. */
  duplicate?: boolean;
}

export interface RetryContext {
  retryCount: number;
  retryReason: string;
  retryData: unknown;
}

export interface FailedEvent extends QueuedEvent {
  lastReason: string;
}

/** What a consumer delivery came to, as the queue sees it. */
export type DeliveryOutcome =
  { kind: 'ack' } | { kind: 'retry'; reason: string; afterSeconds: number; data?: unknown };

export interface JobStats {
  success: number;
  inProgress: number;
  failed: number;
}
