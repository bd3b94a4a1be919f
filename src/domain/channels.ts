/**
 * What an admin configures for an alert channel, one shape per channel type. Here, below notify
 * (whose notifiers validate and send them) and storage (which keeps them), so storage needs no
 * notifier code to hold a channel.
 */
export const CHANNEL_TYPES = ['jira-issue', 'jira-email', 'slack', 'teams', 'webhook'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

/** Settings every channel has; each type adds its own (below). Never holds a secret in clear
 * for display: webhook URLs and signing keys are stored as secrets and shown as fingerprints. */
export interface ChannelBase {
  id: string;
  type: ChannelType;
  name: string;
  enabled: boolean;
  /** primary channels hear everything; escalation channels only escalations and what follows. */
  role: 'primary' | 'escalation';
  /** Send a daily digest instead of each alert. */
  digest: boolean;
}

export interface JiraIssueConfig extends ChannelBase {
  type: 'jira-issue';
  projectKey: string;
  /** An issue type ID (digits, e.g. "10002") or its name ("Task"). */
  issueType: string;
  /** DEFAULT_ISSUE_LABELS (notify/jira-issue.ts) when absent. */
  labels?: string[];
  /** Assign the issue to the integration's owner, when it has one and Jira allows it. */
  assignOwner: boolean;
}

export interface JiraEmailConfig extends ChannelBase {
  type: 'jira-email';
  /** Mail the integration's owner (and the issue's assignee). */
  notifyOwner: boolean;
  /** A group to mail as well, by name or by ID (not both). */
  groupName?: string;
  groupId?: string;
}

export type SlackConfig = ChannelBase & { type: 'slack' };

export type TeamsConfig = ChannelBase & { type: 'teams' };

export interface WebhookConfig extends ChannelBase {
  type: 'webhook';
  /** The receiver: https, or http on a loopback host; its host must be declared as egress. */
  url: string;
}

export interface ChannelConfigs {
  'jira-issue': JiraIssueConfig;
  'jira-email': JiraEmailConfig;
  slack: SlackConfig;
  teams: TeamsConfig;
  webhook: WebhookConfig;
}
export type ChannelConfig = ChannelConfigs[ChannelType];
