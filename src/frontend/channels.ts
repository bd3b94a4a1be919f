/**
 * What the page says about each channel type. A copy of the labels in src/notify/registry.ts
 * (CHANNEL_INFO), which the page may not load: keep the two in step.
 */
import type { ChannelType } from '../domain/channels';

export const CHANNEL_TYPE_KEYS: readonly ChannelType[] = [
  'jira-issue',
  'jira-email',
  'slack',
  'teams',
  'webhook',
];

export const CHANNEL_LABEL: Record<ChannelType, string> = {
  'jira-issue': 'Jira issue',
  'jira-email': 'Email through Jira',
  slack: 'Slack',
  teams: 'Microsoft Teams',
  webhook: 'Signed webhook',
};

/** What the write-only secret is; null when the channel has none. */
export const SECRET_LABEL: Record<ChannelType, string | null> = {
  'jira-issue': null,
  'jira-email': null,
  slack: 'Incoming webhook URL',
  teams: 'Workflow webhook URL',
  webhook: 'Signing key',
};

export const SECRET_HELP: Record<ChannelType, string> = {
  'jira-issue': '',
  'jira-email': '',
  slack: 'The https://hooks.slack.com/… URL of an incoming webhook. It is stored as a secret.',
  teams:
    'The webhook link of a Teams workflow that posts a card; its host ends in .environment.api.powerplatform.com (old *.logic.azure.com links stopped working on 30 November 2025). It is stored as a secret. Teams answers a test with 202 once the workflow starts: look in the channel to see that the card arrived.',
  webhook:
    'A Standard Webhooks secret: whsec_ followed by random bytes in base64 (e.g. "whsec_" + the output of openssl rand -base64 32). Give the same key to your receiver, which verifies each request with it.',
};

/** A daily digest suits a chat or a receiver; the Jira channels act on each alert. */
export const DIGEST_TYPES: readonly ChannelType[] = ['slack', 'teams', 'webhook'];
