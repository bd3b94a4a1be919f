/**
 * What the admin page and the resolvers say to each other. Types only: the frontend imports
 * this file, so nothing here may pull backend code into the page's bundle.
 */
import type { AlertSettings } from '../domain/alerts/settings';
import type { IntegrationConfig } from '../domain/integration';
import type { HistoryEntry } from '../domain/history';
import type { BoundUrl, HeartbeatMethod, HeartbeatOutcome } from '../domain/heartbeat';
import type { StoppedChecks } from '../domain/stopped';
import type { Evidence, Identity } from '../domain/result';
import type { DailyRollup, IntervalKey, Revocation } from '../domain/schedule';
import type { RenewalGuide } from '../domain/renewal';
import type { Settings } from '../domain/settings';
import type { IntegrationSummary } from '../domain/summary';
import type { WireRow } from '../domain/overview-wire';
import type { ChangeMarks, LiveArea } from '../domain/live';
import type { ConsumerKeyView } from '../domain/consumer-keys';
import type { Severity, Verdict } from '../domain/verdict';
import type { FlagCounts, OrgTokenFilter, OrgTokenRow } from '../domain/inventory-view';
import type { OrgTokenKind } from '../domain/inventory';
import type { ChannelConfig } from '../domain/channels';
import type { DeliveryLogEntry } from '../storage/deliveries';

export type { AlertSettings, ChannelConfig, DeliveryLogEntry, IntegrationSummary, RenewalGuide };
export type { ChangeMarks, LiveArea };
export type { ConsumerKeyView };
export type { FlagCounts, OrgTokenFilter, OrgTokenRow };

/**
 * EGRESS_NOT_DECLARED: a URL's host is not in manifest.yml's egress; the message holds the exact
 * line to add (`- address: "jira.acme.com"`) and `fields` names the URL field (`config.baseUrl`,
 * `config.url`, `config.tokenUrl`, or `config.kind` for a kind's default host).
 */
export type ErrorCode =
  'FORBIDDEN' | 'BAD_INPUT' | 'NOT_FOUND' | 'EGRESS_NOT_DECLARED' | 'UNAVAILABLE' | 'INTERNAL';

export interface ResolverError {
  code: ErrorCode;
  message: string;
  /**
   * Field name → what is wrong with it, for inline form errors. Names follow the payload: a
   * config field is `config.<field>` (`config.baseUrl`, `config.warnDays`; `config` alone for
   * the config as a whole), any other field its plain name (`secret`, `interval`, `id`, `until`,
   * `revokedAt`, `warnDays`, `defaultInterval`); `payload` when the payload itself is unusable.
   * Only the top-level name is used: an error in `config.warnDays[2]` is `config.warnDays`.
   */
  fields?: Record<string, string>;
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ResolverError };

export interface SweepInfo {
  lastRunAt: string | null;
  due: number;
  /** Set when the app's own schedules have stopped: the page's banner says since when. */
  stopped: StoppedChecks | null;
}

/** The heartbeat as Settings shows it: its URLs only as host and fingerprint. */
export interface HeartbeatView {
  method: HeartbeatMethod;
  includeNames: boolean;
  success: BoundUrl | null;
  failure: BoundUrl | null;
  updatedAt: string | null;
  lastOutcome: HeartbeatOutcome | null;
  /** The hosts manifest.yml declares for heartbeat services; any other needs a redeploy. */
  knownHosts: string[];
}

/** A URL left out is kept; `remove` forgets one (or both). URLs are write-only. */
export interface HeartbeatInput {
  method: HeartbeatMethod;
  includeNames: boolean;
  successUrl?: string;
  failureUrl?: string;
  remove?: ('success' | 'failure')[];
}

/**
 * One answer of the overview: up to a few hundred rows, with `next` naming where the following
 * answer starts (null: these were the last). Counts are of this answer's rows.
 */
export interface Overview {
  integrations: IntegrationSummary[];
  counts: Record<Severity, number>;
  sweep: SweepInfo;
  next: string | null;
}

/** An overview answer as it travels: its rows packed (domain/overview-wire.ts). */
export type OverviewAnswer = Omit<Overview, 'integrations'> & { rows: WireRow[] };

export interface IntegrationDetail {
  summary: IntegrationSummary;
  /** The config as saved: never the secret. */
  config: IntegrationConfig;
  identity: Identity | null;
  /** Who the service last said the current secret is, and when: it outlives a refused check. */
  seenIdentity: { identity: Identity; at: string } | null;
  /** The name of the account the integration is pinned to (`expectedAccountId`), when known. */
  pinnedName?: string;
  facts: Record<string, string>;
  /** Evidence of the last check, in the order the requests were made. */
  evidence: Evidence[];
  history: HistoryEntry[];
  daily: DailyRollup[];
  revocation: Revocation | null;
  renewal: RenewalGuide;
}

/** Create, update and test-before-save all take this. */
export interface IntegrationInput {
  config: IntegrationConfig;
  interval?: IntervalKey;
  ownerAccountId?: string | null;
  /** Required on create; on update, omit it to keep the stored secret. */
  secret?: string;
}

export interface TestOutcome {
  verdict: Verdict;
  severity: Severity;
  message: string;
  identity: Identity | null;
  expiresAt: string | null;
  daysLeft: number | null;
  evidence: Evidence[];
}

export interface AuditPage {
  entries: {
    at: string;
    actorAccountId: string | null;
    /** What Jira calls the actor; absent when Jira did not name the account. */
    actorName?: string;
    action: string;
    integrationId: string | null;
    detail: string;
  }[];
  cursor?: string;
}

/** A channel as the settings page shows it: its settings, and its secret only as a fingerprint. */
export interface ChannelView {
  config: ChannelConfig;
  secretFingerprint: string | null;
  updatedAt: string;
}

/** A channel's settings as the form sends them: the app gives a new channel its id. */
export type ChannelSettings = ChannelConfig extends infer C
  ? C extends ChannelConfig
    ? Omit<C, 'id'>
    : never
  : never;

/**
 * Create (no id) or update (id). The secret (a webhook URL, a signing key) is write-only: omit it
 * on update to keep the stored one. Field errors name `config.<field>` or `secret`.
 */
export interface ChannelInput {
  id?: string;
  config: ChannelSettings;
  secret?: string;
}

export interface TestAlertOutcome {
  ok: boolean;
  /** What the channel's service answered, in plain words. */
  detail: string;
}

export interface DeliveryLogPage {
  entries: DeliveryLogEntry[];
  cursor?: string;
}

/** The org inventory's source as the page shows it: the Admin API key only as a fingerprint. */
export interface InventorySourceView {
  orgId: string;
  keyFingerprint: string;
  /** Flag tokens living longer than this (days); null: no maximum. */
  maxLifetimeDays: number | null;
  /** Flag tokens unused for more than this many days; null: never. */
  unusedDays: number | null;
  /** The integration that monitors the Admin API key itself, created with the source. */
  integrationId: string | null;
}

/** Save the source: the key is required the first time, omitted to keep the stored one. */
export interface InventorySourceInput {
  orgId: string;
  apiKey?: string;
  maxLifetimeDays: number | null;
  unusedDays: number | null;
}

export interface InventorySyncView {
  lastSyncAt: string | null;
  lastSuccessAt: string | null;
  /** Why the last sync failed, in plain words; null after a success. */
  error: string | null;
  /** What the last successful sync skipped (owner lookups, alerts); tried again at the next. */
  skipped: string[];
  tokens: number;
  /**
   * A sync under way: when it started, how many tokens it listed so far, which list it reads
   * now, when it last made progress, and whether it has made none for so long that it is stuck.
   */
  running: {
    startedAt: string;
    listed: number;
    listing: OrgTokenKind;
    progressAt: string;
    stuck: boolean;
  } | null;
}

export interface InventoryInfo {
  source: InventorySourceView | null;
  sync: InventorySyncView;
}

export interface OrgTokenPage {
  rows: OrgTokenRow[];
  /** Tokens matching the filter; rows hold at most one page of them. */
  total: number;
  /** Rows a full page holds. */
  pageSize: number;
  /** Every flag's count over the whole inventory, unfiltered, and `all`. */
  counts: FlagCounts;
  sync: InventorySyncView;
}

/** One part of an export: a whole CSV file; a long export has several (CSV_PART_BYTES each). */
export interface OrgTokenCsv {
  filename: string;
  csv: string;
  /** Rows matching the filter, in all parts. */
  rows: number;
  /** 1-based, of `parts`; the rows this part holds, 1-based over the export (0 when none). */
  part: number;
  parts: number;
  firstRow: number;
  lastRow: number;
}

export type OrgTokenCsvRequest = OrgTokenFilter & { part?: number };

/** A site's cloud id, as its public /_edge/tenant_info tells it. */
export interface CloudIdLookup {
  cloudId: string;
}

/** Each area's change marker, and how many seconds the page waits between two polls. */
export interface LiveChanges {
  marks: ChangeMarks;
  pollSeconds: number;
}

export interface ConsumerKeyInput {
  integrationId: string;
  name: string;
  note?: string;
  /** A date (end of that day, UTC) or a time, at most a year ahead. */
  expiresAt: string;
  ratePerHour?: number;
}

export interface ConsumerKeyList {
  keys: ConsumerKeyView[];
  /** The vending web trigger's URL for this installation; null when Forge could not say. */
  url: string | null;
}

export interface IssuedConsumerKey {
  key: ConsumerKeyView;
  secret: string;
}

/** Every resolver: its payload and its answer. The frontend's invoke wrappers are typed by it. */
export interface ResolverMap {
  getOverview: { payload: { cursor?: string }; data: OverviewAnswer };
  getIntegration: { payload: { id: string }; data: IntegrationDetail };
  createIntegration: { payload: IntegrationInput; data: IntegrationSummary };
  updateIntegration: { payload: IntegrationInput & { id: string }; data: IntegrationSummary };
  testIntegration: { payload: IntegrationInput & { id?: string }; data: TestOutcome };
  deleteIntegration: { payload: { id: string }; data: { id: string } };
  checkNow: { payload: { id: string }; data: IntegrationSummary };
  setPaused: { payload: { id: string; paused: boolean }; data: IntegrationSummary };
  snooze: { payload: { id: string; until: string | null }; data: IntegrationSummary };
  markRevoked: { payload: { id: string; revokedAt: string | null }; data: IntegrationSummary };
  getSettings: { payload: Record<string, never>; data: Settings };
  saveSettings: { payload: Settings; data: Settings };
  getAuditLog: { payload: { cursor?: string }; data: AuditPage };
  getHeartbeat: { payload: Record<string, never>; data: HeartbeatView };
  saveHeartbeat: { payload: HeartbeatInput; data: HeartbeatView };
  /** Sends one ping to the stored URL now and says what the service answered. */
  testHeartbeat: { payload: { which?: 'success' | 'failure' }; data: HeartbeatOutcome };
  listChannels: { payload: Record<string, never>; data: ChannelView[] };
  saveChannel: { payload: ChannelInput; data: ChannelView };
  deleteChannel: { payload: { id: string }; data: { id: string } };
  sendTestAlert: { payload: { id: string }; data: TestAlertOutcome };
  getAlertPolicy: { payload: Record<string, never>; data: AlertSettings };
  saveAlertPolicy: { payload: AlertSettings; data: AlertSettings };
  /** Newest first: sent, retrying, failed, held (snoozed, maintenance), skipped. */
  getDeliveryLog: { payload: { cursor?: string }; data: DeliveryLogPage };
  getInventory: { payload: Record<string, never>; data: InventoryInfo };
  saveInventorySource: { payload: InventorySourceInput; data: InventoryInfo };
  /** Removes the source, its key and the inventory; the key's monitoring integration stays. */
  deleteInventorySource: { payload: Record<string, never>; data: InventoryInfo };
  syncInventoryNow: { payload: Record<string, never>; data: InventoryInfo };
  /** Most urgent first (expired, then soonest expiry), 50 rows a page from `offset`. */
  listOrgTokens: { payload: OrgTokenFilter & { offset?: number }; data: OrgTokenPage };
  /** Every token matching the filter as CSV (RFC 4180, formula-safe); `rows` leaves out the header. */
  exportOrgTokensCsv: { payload: OrgTokenCsvRequest; data: OrgTokenCsv };
  /** For a token with scopes: reads the cloud id of `siteUrl` (no credential is sent). */
  findCloudId: { payload: { siteUrl: string }; data: CloudIdLookup };
  /** The admin page's poll: one KVS request, whatever changed. */
  getChanges: { payload: Record<string, never>; data: LiveChanges };
  /** An integration's consumer keys (never a key itself) and the vending web trigger's URL. */
  listConsumerKeys: { payload: { integrationId: string }; data: ConsumerKeyList };
  /** The key is in `secret`, this once: only its keyed hash is stored. */
  createConsumerKey: { payload: ConsumerKeyInput; data: IssuedConsumerKey };
  /** A new key for the same consumer; the old one keeps working `overlapHours`, then expires. */
  rotateConsumerKey: {
    payload: { integrationId: string; id: string; overlapHours: number };
    data: IssuedConsumerKey;
  };
  /** Refused from the next draw on. */
  revokeConsumerKey: { payload: { integrationId: string; id: string }; data: ConsumerKeyView };
}

export type ResolverKey = keyof ResolverMap;
