import type { AlertContent } from '../domain/alerts/content';
import type { Alert } from '../domain/alerts/types';

/** One alert to one channel: a failing channel retries alone, the others are not held up. */
export interface AlertDelivery {
  type: 'alert';
  channelId: string;
  alert: Alert;
  content: AlertContent;
  integrationName: string;
  ownerAccountId: string | null;
  /**
   * Channels that need the Jira issue this one opens (Jira email notifies on it): queued when
   * this delivery succeeds, with the issue's key, and never if it fails.
   */
  then: string[];
  /** The issue the Jira issue channel opened for this alert, on a delivery it queued. */
  jiraIssueKey?: string;
}

/** One channel's digest of one UTC day, built when it is sent. */
export interface DigestDelivery {
  type: 'digest';
  channelId: string;
  day: string;
}

export type DeliveryEvent = AlertDelivery | DigestDelivery;

/** Pushes delivery events to the alert queue. */
export interface DeliveryQueue {
  push(events: DeliveryEvent[]): Promise<void>;
}

export function isDeliveryEvent(body: unknown): body is DeliveryEvent {
  const b = body as
    | (Partial<Omit<AlertDelivery, 'type'>> &
        Partial<Omit<DigestDelivery, 'type'>> & { type?: string })
    | null;
  if (typeof b?.channelId !== 'string') return false;
  if (b.type === 'digest') return typeof b.day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(b.day);
  return (
    b.type === 'alert' &&
    typeof b.alert?.idempotencyKey === 'string' &&
    typeof b.content?.title === 'string' &&
    Array.isArray(b.then)
  );
}
