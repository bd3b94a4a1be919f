import { kvs } from '@forge/kvs';
import { z } from 'zod';
import {
  migrateAlertSettings,
  type AlertSettings,
  type LegacyAlertSettings,
} from '../domain/alerts/settings';
import type { AlertState } from '../domain/alerts/types';
import { DEFAULT_SETTINGS, type Settings } from '../domain/settings';
import { VERDICTS } from '../domain/verdict';
import { channels, type ChannelRecord } from './channels';
import { keys } from './keys';
import { withRetry } from './retry';

const iso = z.string().refine((v) => !Number.isNaN(Date.parse(v)));

const alertStateSchema = z.object({
  expiry: z
    .object({ day: z.string(), fired: z.array(z.number()), held: z.number().nullable() })
    .nullable(),
  incident: z
    .object({
      id: z.string(),
      verdict: z.enum(VERDICTS),
      openedAt: iso,
      jiraIssueKey: z.string().optional(),
      lastNotifiedAt: iso,
      notices: z.number().int().nonnegative(),
      escalatedAt: iso.nullable(),
      held: z.array(z.enum(['opening', 'escalation'])),
    })
    .nullable(),
});

/**
 * A stored alert state, or undefined when there is none or it is unusable (written by another
 * version, damaged): the policy then starts over, which at worst repeats a warning once.
 */
export function parseAlertState(value: unknown): AlertState | undefined {
  if (value === undefined) return undefined;
  const parsed = alertStateSchema.safeParse(value);
  if (!parsed.success) console.warn('ignored an unreadable alert state');
  return parsed.success ? parsed.data : undefined;
}

/** The Jira issue an integration's incident lives in, once the Jira issue channel opened it. */
export interface IncidentIssue {
  incidentId: string;
  jiraIssueKey: string;
}

export const alertSettings = {
  async get(): Promise<AlertSettings> {
    const stored = await kvs.get<LegacyAlertSettings>(keys.alertPolicy);
    return migrateAlertSettings(stored);
  },
  save: (value: AlertSettings) => kvs.set(keys.alertPolicy, value),
};

/**
 * Kept apart from the alert state on purpose: the check consumer rewrites that state after every
 * check from what it read before probing, so a key written into it by a delivery in between
 * would be lost. Only deliveries write this one, per channel: two Jira issue channels (two
 * projects) keep an incident in two issues.
 */
export const incidentIssues = {
  get: (integrationId: string, channelId: string) =>
    kvs.get<IncidentIssue>(keys.incidentIssue(integrationId, channelId)),
  save: (integrationId: string, channelId: string, issue: IncidentIssue) =>
    kvs.set(keys.incidentIssue(integrationId, channelId), issue),
};

export const site = {
  get: async () => (await kvs.get<{ url: string }>(keys.site))?.url,
  save: (url: string) => kvs.set(keys.site, { url }),
};

/** Everything an invocation needs to decide and route alerts. */
export interface AlertConfig {
  settings: Settings;
  alerts: AlertSettings;
  siteUrl: string | undefined;
  channels: ChannelRecord[];
}

/** Two requests: the three settings values in one batch read, and the channels. */
export async function loadAlertConfig(): Promise<AlertConfig> {
  const wanted = [keys.settings, keys.alertPolicy, keys.site].map((key) => ({ key }));
  const [batch, list] = await Promise.all([
    withRetry(() => kvs.batchGet<unknown>(wanted)),
    withRetry(() => channels.list()),
  ]);
  const value = (key: string) => batch.successfulKeys.find((k) => k.key === key)?.value;
  return {
    settings: { ...DEFAULT_SETTINGS, ...(value(keys.settings) as Partial<Settings> | undefined) },
    alerts: migrateAlertSettings(value(keys.alertPolicy) as LegacyAlertSettings | undefined),
    siteUrl: (value(keys.site) as { url?: string } | undefined)?.url,
    channels: list,
  };
}
