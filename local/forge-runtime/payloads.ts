import { InvocationTimeoutError } from './invoker';
import type { ConsumerDef } from './manifest';
import type { DeliveryOutcome, QueuedEvent } from './queue/events';
import { type AppIdentity, contextAri } from './runtime-object';

/** What crosses the platform boundary is JSON: no shared references, no functions, no Dates. */
export function wire<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The second handler argument of every function module (FORGE-PLATFORM.md 7.1). */
export function functionContext(app: AppIdentity, accountId?: string): Record<string, unknown> {
  const { installationId, cloudId } = app;
  return {
    installContext: contextAri(cloudId),
    ...(accountId ? { principal: { accountId } } : {}),
    installation: {
      ari: {
        installationId,
        toString: () => `ari:cloud:ecosystem::installation/${installationId}`,
      },
      contexts: [{ cloudId, toString: () => contextAri(cloudId) }],
    },
  };
}

/** Scheduled-trigger payload (7.2). The token is opaque, JWT-shaped and unsigned. */
export function triggerPayload(cloudId: string, moduleKey: string): Record<string, unknown> {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const claims = { cloudId, moduleKey, iat: Math.floor(Date.now() / 1000) };
  return {
    context: { cloudId, moduleKey },
    contextToken: `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`,
  };
}

/**
 * The first argument of a consumer (4.4): the AsyncEvent for a function consumer; for the
 * resolver form, the body as the resolver payload with the event's fields in context.
 */
export function consumerPayload(
  event: QueuedEvent,
  consumer: ConsumerDef,
  cloudId: string,
): unknown {
  const asyncEvent = wire({
    body: event.body,
    ...(event.delayInSeconds !== undefined ? { delayInSeconds: event.delayInSeconds } : {}),
    ...(event.concurrency ? { concurrency: event.concurrency } : {}),
    queueName: event.queueName,
    jobId: event.jobId,
    eventId: event.eventId,
    ...(event.retryContext ? { retryContext: event.retryContext } : {}),
  });
  if (!consumer.method) return asyncEvent;
  return {
    call: { functionKey: consumer.method, payload: asyncEvent.body, jobId: event.jobId },
    context: { cloudId, moduleKey: consumer.key, ...asyncEvent },
  };
}

/** A consumer's return value: an InvocationError object (`_retry: true`) asks for a retry. */
export function returnedOutcome(value: unknown): DeliveryOutcome {
  const retry = value as { _retry?: boolean; retryOptions?: Record<string, unknown> } | undefined;
  if (!retry?._retry) return { kind: 'ack' };
  const options = retry.retryOptions ?? {};
  return {
    kind: 'retry',
    reason: String(options.retryReason ?? 'FUNCTION_RETRY_REQUEST'),
    afterSeconds: typeof options.retryAfter === 'number' ? options.retryAfter : 1,
    data: options.retryData,
  };
}

/** A thrown error or a time-out: retried with back-off 1 s, 2 s, 4 s, … */
export function failedOutcome(error: unknown, retryCount: number): DeliveryOutcome {
  const reason =
    error instanceof InvocationTimeoutError
      ? 'FUNCTION_TIME_OUT'
      : 'FUNCTION_PLATFORM_UNKNOWN_ERROR';
  return { kind: 'retry', reason, afterSeconds: 2 ** retryCount };
}
