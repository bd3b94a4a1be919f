import { randomUUID } from 'node:crypto';
import { kvs, type SetOptions } from '@forge/kvs';
import type { Alert, AlertKind } from '../domain/alerts/types';
import { keys } from './keys';
import { acquireLease, releaseLease } from './lease';
import { queryAll, queryPage } from './query';

/** A write that rides along in another batch (see persistChecks). */
export interface KvsWrite {
  key: string;
  value: unknown;
  options?: SetOptions;
}

/** Sent markers outlive any redelivery or re-decision of the same alert by weeks. */
const SENT_TTL_DAYS = 30;
const LOG_TTL_DAYS = 30;
/** A digest goes out the day after; two more days cover a missed or retried digest. */
const DIGEST_TTL_DAYS = 3;

interface SentMarker {
  holder: string;
  sentAt?: string;
  /** The Jira issue the send opened or used: a redelivery still hands it on. */
  jiraIssueKey?: string;
}

export type Claim =
  { state: 'claimed' } | { state: 'busy' } | { state: 'sent'; jiraIssueKey?: string };

/**
 * One alert to one channel is sent at most once however often its event arrives. Before sending,
 * the delivery claims `sent:<channel>:<key>` (FAIL_IF_EXISTS, with a TTL that outlives the
 * consumer's time limit); after a successful send it turns the claim into a lasting marker; after
 * a failed one it releases it for the retry. A second delivery finds either the marker (sent:
 * done) or a live claim (busy: another delivery is sending it now, or crashed while sending and
 * its claim has yet to expire; either way, try later).
 */
export const sends = {
  async claim(
    channelId: string,
    key: string,
    holder: string,
    leaseSeconds: number,
  ): Promise<Claim> {
    const marker = keys.sent(channelId, key);
    if (await acquireLease(marker, holder, leaseSeconds)) return { state: 'claimed' };
    const current = await kvs.get<SentMarker>(marker);
    // Ours already: a retried write that had gone through before its answer was lost.
    if (current?.holder === holder && !current.sentAt) return { state: 'claimed' };
    if (!current?.sentAt) return { state: 'busy' };
    return current.jiraIssueKey
      ? { state: 'sent', jiraIssueKey: current.jiraIssueKey }
      : { state: 'sent' };
  },

  markSent: (channelId: string, key: string, holder: string, at: Date, jiraIssueKey?: string) =>
    kvs.set<SentMarker>(
      keys.sent(channelId, key),
      { holder, sentAt: at.toISOString(), ...(jiraIssueKey ? { jiraIssueKey } : {}) },
      { ttl: { value: SENT_TTL_DAYS, unit: 'DAYS' } },
    ),

  release: (channelId: string, key: string, holder: string) =>
    releaseLease(keys.sent(channelId, key), holder),
};

export type DeliveryOutcome = 'sent' | 'retrying' | 'failed' | 'held' | 'skipped';

/** One line of the delivery log the admin page shows. Never a secret, a URL or a header value. */
export interface DeliveryLogEntry {
  at: string;
  channelId: string | null;
  channelName: string | null;
  kind: AlertKind | 'digest' | 'test';
  integrationId: string | null;
  integrationName: string | null;
  outcome: DeliveryOutcome;
  detail: string;
}

export function logWrite(entry: DeliveryLogEntry): KvsWrite {
  return {
    key: keys.delivery(Date.parse(entry.at), randomUUID().slice(0, 8)),
    value: entry,
    options: { ttl: { value: LOG_TTL_DAYS, unit: 'DAYS' } },
  };
}

export const deliveryLog = {
  async append(entry: DeliveryLogEntry): Promise<void> {
    const { key, value, options } = logWrite(entry);
    await kvs.set(key, value, options);
  },

  /** Newest first, a page at a time. */
  async page(
    cursor?: string,
    limit = 50,
  ): Promise<{ entries: DeliveryLogEntry[]; cursor?: string }> {
    const page = await queryPage<DeliveryLogEntry>(keys.deliveryPrefix, cursor, limit);
    return { entries: page.items.map((i) => i.value), cursor: page.cursor };
  },
};

/** An alert waiting for the daily digest of the channels named. */
export interface DigestItem {
  alert: Alert;
  channelIds: string[];
}

/** Keyed by the alert's idempotency key: a re-decided alert overwrites itself. */
export function digestWrite(item: DigestItem): KvsWrite {
  return {
    key: keys.digestItem(item.alert.at.slice(0, 10), item.alert.idempotencyKey),
    value: item,
    options: { ttl: { value: DIGEST_TTL_DAYS, unit: 'DAYS' } },
  };
}

export const digests = {
  /** The day's items, in the order they were decided. */
  async items(day: string): Promise<DigestItem[]> {
    const items = (await queryAll<DigestItem>(keys.digestPrefix(day))).map((r) => r.value);
    return items.sort((a, b) => a.alert.at.localeCompare(b.alert.at));
  },
  lastSentDay: async () => (await kvs.get<{ day: string }>(keys.digestState))?.day ?? null,
  saveSentDay: (day: string) => kvs.set(keys.digestState, { day }),
};
