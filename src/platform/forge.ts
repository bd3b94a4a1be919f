import { fetch as forgeFetch, getAppContext } from '@forge/api';
import { Queue } from '@forge/events';
import type { FetchLike } from '../probes/http';
import type { CheckEvent } from '../scheduler/events';
import { CONSUMER_CONCURRENCY, QUEUE_KEY } from '../scheduler/limits';
import type { QueuePort } from '../scheduler/planner';

/** The composition root's clock: the one place the backend reads the time. */
export const clock = (): Date => new Date();

/** Forge's fetch: the platform proxies it and refuses hosts not declared as egress. */
export const fetch = forgeFetch as unknown as FetchLike;

const queue = new Queue({ key: QUEUE_KEY });

/** Every push carries one concurrency key, so at most CONSUMER_CONCURRENCY consumers run at once. */
export const checkQueue: QueuePort = {
  async push(events: CheckEvent[], delaySeconds?: number): Promise<void> {
    await queue.push(
      events.map((body) => ({
        body: { ...body },
        concurrency: { key: 'token-health-checks', limit: CONSUMER_CONCURRENCY },
        ...(delaySeconds ? { delayInSeconds: delaySeconds } : {}),
      })),
    );
  },
};

export function invocation(): { id: string; remainingMs: () => number } {
  const context = getAppContext();
  return { id: context.invocationId, remainingMs: () => context.invocationRemainingTimeInMillis() };
}
