import { DELIVERY_BACKOFF_SECONDS, SEND_LEASE_SECONDS } from '../domain/delivery-limits';
import { channels, type ChannelRecord } from '../storage/channels';
import { deliveryLog, sends, type DeliveryOutcome } from '../storage/deliveries';
import { withRetry } from '../storage/retry';
import { alertJob } from './deliver-alert';
import { digestJob } from './deliver-digest';
import type { DeliveryEvent } from './deliver-events';
import type { DeliveryDeps, Job } from './delivery-job';
import type { SendResult } from './types';

/** Forge delays a queued event at most 15 minutes; a longer Retry-After is cut to that. */
const MAX_RETRY_SECONDS = 900;

/** Seconds until the next try, or undefined when the failure is final or the tries are spent. */
export function retryDelay(result: SendResult, attempt: number): number | undefined {
  const wait = DELIVERY_BACKOFF_SECONDS[attempt];
  if (!result.retryable || wait === undefined) return undefined;
  return Math.min(Math.max(wait, result.retryAfterSeconds ?? 0), MAX_RETRY_SECONDS);
}

const waitText = (s: number) => (s < 120 ? `${s} s` : `${Math.round(s / 60)} min`);

async function send(job: Job, channel: ChannelRecord, deps: DeliveryDeps): Promise<SendResult> {
  try {
    const [secret, notification] = await Promise.all([
      withRetry(() => channels.getSecret(channel.config.id)),
      job.notification(),
    ]);
    const notifier = deps.notifiers[channel.config.type];
    return await notifier.send(notification, channel.config, secret ?? null, {
      fetch: deps.fetch,
      jira: deps.jira,
      now: deps.now(),
    });
  } catch (err) {
    // Never the error's message: it could quote a URL with its token.
    console.error(`delivery failed: ${err instanceof Error ? err.name : typeof err}`);
    return { ok: false, retryable: true, detail: 'the send failed on our side' };
  }
}

/**
 * Delivers one event: one alert (or digest) to one channel, at most once (see `sends` in
 * storage/deliveries.ts), with every outcome in the delivery log. Answers the seconds after which
 * Forge should deliver it again, or undefined when it is done.
 */
export async function deliver(
  event: DeliveryEvent,
  deps: DeliveryDeps,
): Promise<number | undefined> {
  const channel = await withRetry(() => channels.get(event.channelId));
  const job = event.type === 'alert' ? alertJob(event, channel, deps) : digestJob(event, deps);
  const log = (outcome: DeliveryOutcome, detail: string) =>
    withRetry(() =>
      deliveryLog.append({
        at: deps.now().toISOString(),
        channelId: event.channelId,
        channelName: channel?.config.name ?? null,
        kind: job.kind,
        integrationId: job.integrationId,
        integrationName: job.integrationName,
        outcome,
        detail,
      }),
    );
  if (!channel?.config.enabled) {
    await log(
      'skipped',
      channel ? 'not sent: the channel is turned off' : 'the channel was deleted',
    );
    return undefined;
  }
  const { id } = channel.config;
  const claim = await withRetry(() => sends.claim(id, job.key, deps.holder, SEND_LEASE_SECONDS));
  if (claim.state === 'sent') {
    await job.afterSent?.(claim.jiraIssueKey);
    return undefined;
  }
  if (claim.state === 'busy') return SEND_LEASE_SECONDS;
  const result = await send(job, channel, deps);
  if (result.ok) {
    await withRetry(() =>
      sends.markSent(id, job.key, deps.holder, deps.now(), result.jiraIssueKey),
    );
    await job.afterSent?.(result.jiraIssueKey);
    await log('sent', result.detail);
    return undefined;
  }
  await withRetry(() => sends.release(id, job.key, deps.holder));
  const delay = retryDelay(result, deps.attempt);
  if (delay !== undefined) {
    await log('retrying', `${result.detail}; trying again in ${waitText(delay)}`);
    return delay;
  }
  await job.afterGivingUp?.();
  const tries = deps.attempt + 1;
  const final = result.retryable ? `${result.detail}; gave up after ${tries} tries` : result.detail;
  await log('failed', final);
  return undefined;
}
