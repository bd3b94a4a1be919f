/**
 * What a delivery runs on (its deps) and what each kind of delivery hands it (a Job): below
 * delivery.ts, which runs the jobs, and deliver-alert.ts and deliver-digest.ts, which make them.
 */
import type { ChannelBase, ChannelType } from '../domain/channels';
import type { FetchLike } from '../http/client';
import type { DeliveryLogEntry } from '../storage/deliveries';
import type { DeliveryQueue } from './deliver-events';
import type { JiraPort, Notification, Notifier } from './types';

export type NotifierRegistry = { readonly [T in ChannelType]: Notifier<ChannelBase, unknown> };

export interface DeliveryDeps {
  notifiers: NotifierRegistry;
  fetch: FetchLike;
  jira: JiraPort;
  now: () => Date;
  queue: DeliveryQueue;
  /** Unique per invocation: holds the send claim. */
  holder: string;
  /** Earlier deliveries of this event (Forge's retryCount). */
  attempt: number;
  /** The admin page's path on the site: a digest links to it. */
  adminPath: string;
}

/** What one delivery sends and what follows from it (see deliver-alert.ts, deliver-digest.ts). */
export interface Job {
  /** Same alert (or digest), same key: sent at most once per channel. */
  key: string;
  kind: DeliveryLogEntry['kind'];
  integrationId: string | null;
  integrationName: string | null;
  notification(): Promise<Notification>;
  /** After the send, and again on any redelivery of a sent event: must be safe to repeat. */
  afterSent?(jiraIssueKey: string | undefined): Promise<void>;
  afterGivingUp?(): Promise<void>;
}
