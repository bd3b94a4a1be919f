import { buildContent } from '../domain/alerts/content';
import { decide } from '../domain/alerts/policy';
import { routeAlert, type ChannelPolicy } from '../domain/alerts/routing';
import { policyOf } from '../domain/alerts/settings';
import {
  INITIAL_ALERT_STATE,
  type Alert,
  type AlertPolicy,
  type AlertState,
  type SuppressReason,
} from '../domain/alerts/types';
import type { IntegrationRecord, IntegrationStatus } from '../domain/schedule';
import type { AlertDelivery } from '../notify/deliver-events';
import type { ChannelType } from '../domain/channels';
import type { AlertConfig } from '../storage/alerts';
import { keys } from '../storage/keys';
import { digestWrite, logWrite, type KvsWrite } from '../storage/deliveries';

/** A channel as routing sees it: enabled channels only. */
export interface RoutedChannel extends ChannelPolicy {
  type: ChannelType;
}

/** What every alert decision of one invocation shares. */
export interface AlertSetup {
  policy: AlertPolicy;
  channels: RoutedChannel[];
  /** The admin page: every alert links back to it. */
  adminUrl: string;
}

export interface AlertPlan {
  /** Queued before the check is stored (see queueAlerts in check-one.ts). */
  deliveries: AlertDelivery[];
  /** Ride along with the check's own batch: the state when it changed, held notices, digest items. */
  writes: KvsWrite[];
}

export interface PlanInput {
  record: IntegrationRecord;
  status: IntegrationStatus;
  previous: AlertState | undefined;
  setup: AlertSetup;
  now: Date;
}

const HELD: Record<SuppressReason, string> = {
  snoozed: 'held (snoozed)',
  maintenance: 'held (maintenance window)',
};

/** What every channel's delivery of one alert carries besides the alert. */
export type DeliveryBase = Pick<AlertDelivery, 'content' | 'integrationName' | 'ownerAccountId'>;

/**
 * One delivery per channel named. Jira email notifies on the issue the Jira issue channel opens,
 * so when both hear an alert the email waits for the issue: it is queued by the issue's delivery.
 */
export function deliveriesTo(
  alert: Alert,
  ids: readonly string[],
  routed: readonly RoutedChannel[],
  base: DeliveryBase,
): AlertDelivery[] {
  const channels = routed.filter((c) => ids.includes(c.id));
  const issue = channels.find((c) => c.type === 'jira-issue');
  const emails = issue ? channels.filter((c) => c.type === 'jira-email').map((c) => c.id) : [];
  return channels
    .filter((c) => !emails.includes(c.id))
    .map((c) => ({
      type: 'alert',
      channelId: c.id,
      alert,
      ...base,
      then: c === issue ? emails : [],
    }));
}

function deliveriesOf(alert: Alert, ids: string[], input: PlanInput): AlertDelivery[] {
  const { record, status, setup } = input;
  return deliveriesTo(alert, ids, setup.channels, {
    content: buildContent({ alert, record, status, adminUrl: setup.adminUrl }),
    integrationName: record.config.name ?? record.id,
    ownerAccountId: record.ownerAccountId,
  });
}

function heldWrite(alert: Alert, reason: SuppressReason, record: IntegrationRecord): KvsWrite {
  return logWrite({
    at: alert.at,
    channelId: null,
    channelName: null,
    kind: alert.kind,
    integrationId: record.id,
    integrationName: record.config.name ?? record.id,
    outcome: 'held',
    detail: HELD[reason],
  });
}

/**
 * Decides what to tell people after one check and turns it into deliveries and writes: one
 * delivery per alert and channel, digest channels collect the alert for their daily digest, and
 * an alert held back by a snooze or maintenance window is logged so the page can say so.
 */
export function planAlerts(input: PlanInput): AlertPlan {
  const { record, status, previous, setup, now } = input;
  const decision = decide({ record, status, previous, policy: setup.policy, now });
  const deliveries: AlertDelivery[] = [];
  const writes: KvsWrite[] = [];
  const before = JSON.stringify(previous ?? INITIAL_ALERT_STATE);
  if (JSON.stringify(decision.state) !== before) {
    writes.push({ key: keys.alert(record.id), value: decision.state });
  }
  for (const alert of decision.alerts) {
    const route = routeAlert(alert, setup.channels);
    deliveries.push(...deliveriesOf(alert, route.now, input));
    if (route.digest.length > 0) writes.push(digestWrite({ alert, channelIds: route.digest }));
    if (alert.suppressed) writes.push(heldWrite(alert, alert.suppressed, record));
  }
  return { deliveries, writes };
}

/** The invocation's alert setup from what is stored; `adminPath` is the page's path on the site. */
export function setupOf(config: AlertConfig, adminPath: string): AlertSetup {
  const enabled = config.channels.map((c) => c.config).filter((c) => c.enabled);
  return {
    policy: policyOf(
      config.settings,
      config.alerts,
      enabled.some((c) => c.role === 'escalation'),
    ),
    channels: enabled.map(({ id, type, role, digest }) => ({ id, type, role, digest })),
    adminUrl: `${config.siteUrl ?? ''}${adminPath}`,
  };
}
