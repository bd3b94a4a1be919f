import { routeAlert } from '../domain/alerts/routing';
import type { ConsumerKey } from '../domain/consumer-keys';
import {
  decideKeyWarnings,
  keyContent,
  keyName,
  type KeyWarning,
  type WatchedKey,
} from '../domain/key-warnings';
import type { IntegrationRecord } from '../domain/schedule';
import type { DeliveryQueue } from '../notify/deliver-events';
import { consumerKeys } from '../storage/consumer-keys';
import { digestWrite } from '../storage/deliveries';
import { integrations } from '../storage/integrations';
import { keyWarnings } from '../storage/key-warnings';
import { keys } from '../storage/keys';
import { acquireLease } from '../storage/lease';
import { setAll } from '../storage/batch-write';
import { deliveriesTo, type AlertSetup } from './alerting';

/** Thresholds are days: one watch an hour is plenty, and keeps the sweep's own work small. */
const HOUR_MS = 3_600_000;
/** Warnings one watch may queue (each is one event per channel); the rest wait an hour. */
const KEY_WARNINGS_PER_WATCH = 20;
/** 10,000 keys: 500 integrations with 20 keys each. */
const MAX_KEY_PAGES = 100;

export interface KeyWatchDeps {
  now: Date;
  holder: string;
  setup: () => Promise<AlertSetup>;
  deliveries: DeliveryQueue;
}

function watchedOf(
  all: ConsumerKey[],
  records: IntegrationRecord[],
  warnDays: readonly number[],
): Omit<WatchedKey, 'warned'>[] {
  const byId = new Map(records.map((r) => [r.id, r]));
  const replaced = new Set(all.map((k) => k.rotatedFrom).filter(Boolean));
  return all.flatMap((key) => {
    const record = byId.get(key.integrationId);
    if (!record) return [];
    return [
      {
        key,
        integrationName: record.config.name ?? record.id,
        warnDays: record.config.warnDays ?? warnDays,
        replaced: replaced.has(key.id),
      },
    ];
  });
}

/**
 * Queues one warning's deliveries, then remembers it: a crash in between decides it again next
 * hour, and its idempotency key lets each channel send it once.
 */
async function queue(w: KeyWarning, setup: AlertSetup, deps: KeyWatchDeps): Promise<void> {
  const route = routeAlert(w.alert, setup.channels);
  const deliveries = deliveriesTo(w.alert, route.now, setup.channels, {
    content: keyContent(w, setup.adminUrl),
    integrationName: keyName(w.watched),
    ownerAccountId: null,
  });
  if (deliveries.length > 0) await deps.deliveries.push(deliveries);
  if (route.digest.length > 0) {
    await setAll([digestWrite({ alert: w.alert, channelIds: route.digest })]);
  }
  await keyWarnings.save(w.watched.key.id, w.warned);
}

/**
 * The sweep's hourly side errand: warns through the alert channels about consumer keys nearing
 * their end. Resolves to a line for the sweep's log; a warning that could not be queued is
 * decided again at the next watch.
 */
export async function watchConsumerKeys(deps: KeyWatchDeps): Promise<string> {
  const hour = Math.floor(deps.now.getTime() / HOUR_MS);
  if (!(await acquireLease(keys.keyWatch(hour), deps.holder, 2 * 3600))) return '';
  const all = await consumerKeys.all(MAX_KEY_PAGES);
  if (all.length === 0) return '';
  const [setup, records] = await Promise.all([deps.setup(), integrations.list()]);
  const watched = watchedOf(all, records, setup.policy.warnDays);
  const warned = await keyWarnings.getMany(watched.map((w) => w.key.id));
  const decided = decideKeyWarnings(
    watched.map((w) => ({ ...w, warned: warned.get(w.key.id) ?? null })),
    deps.now,
    KEY_WARNINGS_PER_WATCH,
  );
  const failed: string[] = [];
  for (const w of decided) {
    await queue(w, setup, deps).catch(() => failed.push(keyName(w.watched)));
  }
  const sent = decided.length - failed.length;
  const left = failed.length > 0 ? `; not queued, tried again next hour: ${failed.join(', ')}` : '';
  return decided.length > 0 ? `consumer keys: ${sent} expiry warning(s) queued${left}` : '';
}
