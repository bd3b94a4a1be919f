import type { Alert } from '../domain/alerts/types';
import { incidentIssues, type IncidentIssue } from '../storage/alerts';
import type { ChannelRecord } from '../storage/channels';
import { deliveryLog } from '../storage/deliveries';
import { withRetry } from '../storage/retry';
import type { AlertDelivery } from './deliver-events';
import type { DeliveryDeps, Job } from './delivery-job';

/** The incident's issue in this Jira issue channel, so the channel comments instead of searching. */
async function knownIssue(
  alert: Alert,
  channel: ChannelRecord | undefined,
): Promise<IncidentIssue | undefined> {
  if (!alert.incident || channel?.config.type !== 'jira-issue') return undefined;
  const issue = await withRetry(() => incidentIssues.get(alert.integrationId, channel.config.id));
  return issue?.incidentId === alert.incident.id ? issue : undefined;
}

/**
 * One alert to one channel. After a Jira issue channel has the incident's issue, it remembers the
 * key for the incident's later alerts and queues the Jira email deliveries that wait for it.
 */
export function alertJob(
  event: AlertDelivery,
  channel: ChannelRecord | undefined,
  deps: DeliveryDeps,
): Job {
  const { alert } = event;
  let known: IncidentIssue | undefined;
  return {
    key: alert.idempotencyKey,
    kind: alert.kind,
    integrationId: alert.integrationId,
    integrationName: event.integrationName,

    async notification() {
      known = await knownIssue(alert, channel);
      const incident = alert.incident && {
        ...alert.incident,
        ...(known ? { jiraIssueKey: known.jiraIssueKey } : {}),
      };
      return {
        alert: incident ? { ...alert, incident } : alert,
        content: event.content,
        integrationName: event.integrationName,
        ownerAccountId: event.ownerAccountId,
        ...(event.jiraIssueKey ? { jiraIssueKey: event.jiraIssueKey } : {}),
      };
    },

    async afterSent(jiraIssueKey) {
      if (!jiraIssueKey) return;
      if (
        alert.incident &&
        channel?.config.type === 'jira-issue' &&
        known?.jiraIssueKey !== jiraIssueKey
      ) {
        const issue = { incidentId: alert.incident.id, jiraIssueKey };
        await withRetry(() => incidentIssues.save(alert.integrationId, event.channelId, issue));
      }
      if (event.then.length === 0) return;
      await deps.queue.push(
        event.then.map((channelId) => ({ ...event, channelId, then: [], jiraIssueKey })),
      );
    },

    async afterGivingUp() {
      for (const channelId of event.then) {
        await withRetry(() =>
          deliveryLog.append({
            at: deps.now().toISOString(),
            channelId,
            channelName: null,
            kind: alert.kind,
            integrationId: alert.integrationId,
            integrationName: event.integrationName,
            outcome: 'skipped',
            detail: `not sent: it mails about the Jira issue, which ${channel?.config.name ?? 'the Jira issue channel'} could not open`,
          }),
        );
      }
    },
  };
}
