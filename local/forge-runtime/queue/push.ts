import type { Reply } from '../http';
import type { QueuedEvent } from './events';

export const MAX_EVENTS_PER_PUSH = 50;
export const MAX_PUSH_KB = 200;
const MAX_LONG_RUNNING_EVENT_KB = 100;
const QUEUE_NAME = /^[a-zA-Z0-9-_]+$/;

type PushEvent = Pick<QueuedEvent, 'body' | 'delayInSeconds' | 'concurrency'>;
export interface PushRequest {
  queueName: string;
  jobId: string;
  payload: PushEvent[];
}

/**
 * Server-side checks of a publish request. The SDK validates the same limits before sending;
 * these catch pushes that bypass it. Over-size answers 413 {errorMessage} (PayloadTooBigError),
 * anything else malformed 400 (InternalServerError in the SDK).
 */
export function checkPush(
  body: unknown,
  longRunningConsumer: (queue: string) => boolean,
): PushRequest | Reply {
  const req = body as Partial<PushRequest> | undefined;
  if (typeof req?.queueName !== 'string' || !QUEUE_NAME.test(req.queueName)) {
    return { status: 400, body: { message: 'Invalid queue name', code: 'INVALID_QUEUE_NAME' } };
  }
  if (typeof req.jobId !== 'string' || !Array.isArray(req.payload)) {
    return {
      status: 400,
      body: { message: 'jobId and payload are required', code: 'BAD_REQUEST' },
    };
  }
  if (req.payload.length === 0 || req.payload.length > MAX_EVENTS_PER_PUSH) {
    return {
      status: 400,
      body: { message: `Push 1 to ${MAX_EVENTS_PER_PUSH} events`, code: 'BAD_REQUEST' },
    };
  }
  if (Buffer.byteLength(JSON.stringify(req.payload)) / 1024 > MAX_PUSH_KB) {
    return { status: 413, body: { errorMessage: `The maximum payload size is ${MAX_PUSH_KB}KB.` } };
  }
  for (const event of req.payload) {
    const delay = event?.delayInSeconds ?? 0;
    if (typeof event?.body !== 'object' || event.body === null || Array.isArray(event.body)) {
      return {
        status: 400,
        body: { message: 'Event body must be an object.', code: 'BAD_REQUEST' },
      };
    }
    if (typeof delay !== 'number' || delay < 0 || delay > 900) {
      return {
        status: 400,
        body: { message: 'delayInSeconds must be 0 to 900', code: 'BAD_REQUEST' },
      };
    }
    if (
      longRunningConsumer(req.queueName) &&
      Buffer.byteLength(JSON.stringify(event)) / 1024 > MAX_LONG_RUNNING_EVENT_KB
    ) {
      return {
        status: 413,
        body: {
          errorMessage: `Events for long-running consumers are limited to ${MAX_LONG_RUNNING_EVENT_KB}KB.`,
        },
      };
    }
  }
  return req as PushRequest;
}

export const isReply = (x: PushRequest | Reply): x is Reply => 'status' in x;
