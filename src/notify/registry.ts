import type { ChannelConfigs, ChannelType } from '../domain/channels';
import { jiraEmailNotifier } from './jira-email';
import { jiraIssueNotifier } from './jira-issue';
import { SLACK_EGRESS, slackNotifier } from './slack';
import { TEAMS_EGRESS, teamsNotifier } from './teams';
import type { Notifier } from './types';
import { webhookNotifier } from './webhook';

/** The secret each channel keeps in KVS secrets; `never`: the Jira channels have none. */
export interface ChannelSecrets {
  'jira-issue': never;
  'jira-email': never;
  slack: string;
  teams: string;
  webhook: string;
}

type Registry = { [T in ChannelType]: Notifier<ChannelConfigs[T], ChannelSecrets[T]> };

export const NOTIFIERS = {
  'jira-issue': jiraIssueNotifier,
  'jira-email': jiraEmailNotifier,
  slack: slackNotifier,
  teams: teamsNotifier,
  webhook: webhookNotifier,
} satisfies Registry;

/**
 * The notifier for a channel's type. Called with a union (`notifierFor(config.type)`) it accepts
 * any channel's config: the caller passes the config whose type it looked up.
 */
export function notifierFor<T extends ChannelType>(
  type: T,
): Notifier<ChannelConfigs[T], ChannelSecrets[T]> {
  const registry: Registry = NOTIFIERS;
  return registry[type];
}

export interface ChannelInfo {
  label: string;
  /** What the secret is, for the settings form; null when the channel has none. */
  secretLabel: string | null;
  /**
   * Egress entries (manifest.yml permissions.external.fetch.backend) the channel needs. Jira
   * calls are product calls, no egress; a webhook's host is the admin's to declare.
   */
  egress: readonly string[];
}

export const CHANNEL_INFO: Record<ChannelType, ChannelInfo> = {
  'jira-issue': { label: 'Jira issue', secretLabel: null, egress: [] },
  'jira-email': { label: 'Email through Jira', secretLabel: null, egress: [] },
  slack: { label: 'Slack', secretLabel: 'Incoming webhook URL', egress: SLACK_EGRESS },
  teams: { label: 'Microsoft Teams', secretLabel: 'Workflow webhook URL', egress: TEAMS_EGRESS },
  webhook: { label: 'Signed webhook', secretLabel: 'Signing key', egress: [] },
};
