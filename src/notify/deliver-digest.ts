import { buildDigest, dueDigestDay, type Digest } from '../domain/alerts/digest';
import type { Alert } from '../domain/alerts/types';
import type { Severity } from '../domain/verdict';
import { alertSettings, site } from '../storage/alerts';
import { channels } from '../storage/channels';
import { digests } from '../storage/deliveries';
import { withRetry } from '../storage/retry';
import { summaries } from '../storage/summaries';
import { sweepState } from '../storage/sweep-state';
import type { DeliveryQueue, DigestDelivery } from './deliver-events';
import type { DeliveryDeps, Job } from './delivery-job';
import type { Notification } from './types';

function severityOf(digest: Digest): Severity {
  if (digest.counts.critical > 0) return 'critical';
  return digest.counts.warning > 0 ? 'warning' : 'ok';
}

/** "Last scheduled sweep: 2026-12-08 07:55 UTC.": the digest also vouches that checks run. */
export function sweepLine(lastSweepAt: string | null): string {
  if (!lastSweepAt) return 'No scheduled sweep has run yet.';
  return `Last scheduled sweep: ${lastSweepAt.slice(0, 16).replace('T', ' ')} UTC.`;
}

function listed(heading: string, lines: readonly string[]): string | null {
  return lines.length > 0 ? `${heading}\n${lines.map((l) => `- ${l}`).join('\n')}` : null;
}

/**
 * A digest in the shape every channel renders. Channels know alerts, not digests, so it travels
 * as a reminder-kind alert of no integration; its lines make the summary.
 */
export function digestNotification(digest: Digest, now: Date): Notification {
  const severity = severityOf(digest);
  const alert: Alert = {
    kind: 'reminder',
    integrationId: 'digest',
    idempotencyKey: digest.idempotencyKey,
    severity,
    channels: 'all',
    at: now.toISOString(),
    verdict: severity === 'ok' ? 'healthy' : 'expiring',
  };
  const parts = [
    listed('Needs attention:', digest.attention),
    listed('Alerts of the day:', digest.events),
    listed('Org token alerts of the day:', digest.tokenEvents),
  ].filter((p): p is string => p !== null);
  return {
    alert,
    content: {
      title: digest.title,
      name: null,
      severity,
      summary: [
        digest.allClear ? 'Every credential is healthy and nothing happened.' : parts.join('\n\n'),
        sweepLine(digest.lastSweepAt),
      ].join('\n\n'),
      since: null,
      evidence: [],
      expiresAt: null,
      daysLeft: null,
      lastSuccessAt: null,
      action: digest.allClear ? 'Nothing to do.' : 'Open Token Health for what to do about each.',
      renewal: null,
      adminUrl: digest.adminUrl,
    },
    integrationName: 'Daily digest',
    ownerAccountId: null,
    about: { type: 'digest', digest },
  };
}

/** One channel's digest of one day, built when sent: where things stand now, what happened. */
export function digestJob(event: DigestDelivery, deps: DeliveryDeps): Job {
  return {
    key: `digest:${event.day}`,
    kind: 'digest',
    integrationId: null,
    integrationName: null,
    async notification() {
      const [rows, items, siteUrl, sweep] = await Promise.all([
        withRetry(() => summaries.list()),
        withRetry(() => digests.items(event.day)),
        withRetry(() => site.get()),
        withRetry(() => sweepState.get()),
      ]);
      const now = deps.now();
      const digest = buildDigest({
        channelId: event.channelId,
        day: event.day,
        summaries: rows,
        alerts: items.filter((i) => i.channelIds.includes(event.channelId)).map((i) => i.alert),
        adminUrl: `${siteUrl ?? ''}${deps.adminPath}`,
        now,
        lastSweepAt: sweep?.finishedAt ?? null,
      });
      return digestNotification(digest, now);
    },
  };
}

/**
 * Part of every sweep run: once a day, at the configured hour, queues each digest channel's
 * digest of the previous UTC day. A second run in the same hour finds the day sent already.
 */
export async function planDigests(now: Date, queue: DeliveryQueue): Promise<DigestDelivery[]> {
  const [settings, lastSent] = await Promise.all([alertSettings.get(), digests.lastSentDay()]);
  const day = dueDigestDay(now, settings.digestHour, settings.digestTimeZone, lastSent);
  if (!day) return [];
  // The first run only starts the count: nothing was collected for days before it.
  if (lastSent === null) {
    await digests.saveSentDay(day);
    return [];
  }
  const wanting = (await channels.list()).filter((c) => c.config.enabled && c.config.digest);
  const events = wanting.map((c): DigestDelivery => ({
    type: 'digest',
    channelId: c.config.id,
    day,
  }));
  if (events.length > 0) await queue.push(events);
  await digests.saveSentDay(day);
  return events;
}
