import type { ChannelSettings, ChannelView } from '../../../resolvers/contract';
import type { ChannelType } from '../../../domain/channels';

/** The channel form as typed: text and flags, whatever the type, turned into settings on save. */
export interface ChannelDraft {
  type: ChannelType;
  name: string;
  enabled: boolean;
  role: 'primary' | 'escalation';
  digest: boolean;
  projectKey: string;
  issueType: string;
  /** Comma-separated. */
  labels: string;
  assignOwner: boolean;
  notifyOwner: boolean;
  groupName: string;
  /** Kept as stored: the form names a group by name only. */
  groupId: string;
  url: string;
}

export const EMPTY_DRAFT: ChannelDraft = {
  type: 'webhook',
  name: '',
  enabled: true,
  role: 'primary',
  digest: false,
  projectKey: '',
  issueType: 'Task',
  labels: 'token-health',
  assignOwner: true,
  notifyOwner: true,
  groupName: '',
  groupId: '',
  url: '',
};

/**
 * The form for a stored channel. The secret is not part of it: it is write-only, typed into a
 * field with no `value` and never sent back into the page.
 */
export function draftOf({ config }: ChannelView): ChannelDraft {
  const base: ChannelDraft = {
    ...EMPTY_DRAFT,
    type: config.type,
    name: config.name,
    enabled: config.enabled,
    role: config.role,
    digest: config.digest,
  };
  switch (config.type) {
    case 'jira-issue':
      return {
        ...base,
        projectKey: config.projectKey,
        issueType: config.issueType,
        labels: (config.labels ?? []).join(', '),
        assignOwner: config.assignOwner,
      };
    case 'jira-email':
      return {
        ...base,
        notifyOwner: config.notifyOwner,
        groupName: config.groupName ?? '',
        groupId: config.groupId ?? '',
      };
    case 'webhook':
      return { ...base, url: config.url };
    default:
      return base;
  }
}

function labelsOf(text: string): string[] {
  return text
    .split(',')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

export function settingsOf(d: ChannelDraft): ChannelSettings {
  const common = { name: d.name, enabled: d.enabled, role: d.role, digest: d.digest };
  switch (d.type) {
    case 'jira-issue':
      return {
        ...common,
        type: d.type,
        projectKey: d.projectKey,
        issueType: d.issueType,
        labels: labelsOf(d.labels),
        assignOwner: d.assignOwner,
      };
    case 'jira-email':
      return {
        ...common,
        type: d.type,
        notifyOwner: d.notifyOwner,
        ...(d.groupName.trim() ? { groupName: d.groupName } : {}),
        ...(d.groupId.trim() ? { groupId: d.groupId } : {}),
      };
    case 'webhook':
      return { ...common, type: d.type, url: d.url };
    default:
      return { ...common, type: d.type };
  }
}
