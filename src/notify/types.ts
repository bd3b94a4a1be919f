import type { Alert } from '../domain/alerts/types';
import type { AlertContent } from '../domain/alerts/content';
import type { Digest } from '../domain/alerts/digest';
import type { ChannelBase } from '../domain/channels';
import type { FetchLike } from '../http/client';

/** One alert to one channel, with what the channel needs to act on the incident. */
export interface Notification {
  alert: Alert;
  content: AlertContent;
  integrationName: string;
  ownerAccountId: string | null;
  /**
   * The Jira issue of this alert when the delivery layer knows it better than the alert does (the
   * Jira issue channel just opened it for this very alert); else the incident's key is used.
   */
  jiraIssueKey?: string;
  /**
   * Set when this is not an integration's alert: "Send test alert" (to the named channel), or a
   * day's digest. Channels that say what they send (the webhook's `event`) read it.
   */
  about?: TestAbout | { type: 'digest'; digest: Digest };
}

/** A project and issue type where the app may open an issue (a Jira issue channel's). */
export interface IssuePlace {
  projectKey: string;
  issueType: string;
  labels?: string[];
}

/** "Send test alert": the channel it goes to, and what a Jira email channel's test may use. */
export interface TestAbout {
  type: 'test';
  channelName: string;
  /** The admin who pressed the button: the test mails them in place of an owner. */
  requestedBy?: string;
  /** Where a Jira email channel's test opens its own issue to mail about. */
  issuePlace?: IssuePlace;
}

/** A Jira REST call made as the app (requestJira asApp); answers status and parsed JSON body. */
export type JiraPort = (
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body?: unknown,
) => Promise<{ status: number; body: unknown }>;

export interface SendContext {
  fetch: FetchLike;
  jira: JiraPort;
  now: Date;
}

export interface SendResult {
  ok: boolean;
  /** Worth trying again later (5xx, 429, network); a 4xx config problem is not. */
  retryable: boolean;
  /** Plain words for the delivery log: never a URL with its token, never a header value. */
  detail: string;
  /** Set by the Jira issue channel: the issue holding this incident. */
  jiraIssueKey?: string;
  /** From a 429's Retry-After: the earliest a retry is worth it. */
  retryAfterSeconds?: number;
}

export interface ValidateOptions {
  /**
   * Whether the app may fetch this URL (Forge `permissions.canFetchFrom('backend', url)`): a
   * webhook receiver's host must be declared as egress, which only the runtime can tell.
   */
  isAllowed?: (url: string) => boolean;
}

/**
 * A notification channel: its settings are validated once, and `send` builds its request(s)
 * purely (exported builders in each file) before sending them.
 */
export interface Notifier<C extends ChannelBase, S> {
  /**
   * Field errors for the settings form; an empty object when valid. A null secret is a missing
   * one: on an edit that keeps the stored secret, pass the stored value.
   */
  validate(config: C, secret: S | null, options?: ValidateOptions): Record<string, string>;
  send(n: Notification, config: C, secret: S | null, ctx: SendContext): Promise<SendResult>;
}
