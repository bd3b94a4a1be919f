import { DEFAULT_WARN_DAYS } from '../expiry';
import type { Severity, Verdict } from '../verdict';

export type AlertKind =
  | 'expiring'
  | 'failure'
  | 'reminder'
  | 'escalation'
  | 'recovery'
  /** The credential that had expiry warnings now expires later: whatever they opened closes. */
  | 'renewed';

/** Kinds that close what earlier alerts opened (the Jira issue): they never open anything. */
export const CLOSING_KINDS: ReadonlySet<AlertKind> = new Set<AlertKind>(['recovery', 'renewed']);

/** Which channels an alert is for: channels are configured as primary or escalation. */
export type Audience = 'primary' | 'escalation' | 'all';

export type SuppressReason = 'snoozed' | 'maintenance';

/** What an alert knows of its incident, copied so a recovery can still name what it closes. */
export interface IncidentRef {
  id: string;
  verdict: Verdict;
  openedAt: string;
  jiraIssueKey?: string;
}

export interface Alert {
  kind: AlertKind;
  integrationId: string;
  /** Same event, same key: the delivery layer sends each key at most once per channel. */
  idempotencyKey: string;
  severity: Severity;
  channels: Audience;
  /** When the policy decided it. */
  at: string;
  /** The verdict of the latest check. */
  verdict: Verdict;
  incident?: IncidentRef;
  /** The warning threshold (days) an `expiring` alert is for. */
  threshold?: number;
  expiresAt?: string;
  /** Decided but not to be sent; kept so the page can say what was held back and why. */
  suppressed?: SuppressReason;
  /** What the alert is about when it is no integration (an org token): its name, for digests. */
  subject?: string;
}

/** A once-only notice decided while sends were suppressed: sent when suppression ends. */
export type HeldNotice = 'opening' | 'escalation';

export interface Incident extends IncidentRef {
  /** Last failure, change or reminder notice decided, sent or suppressed: reminders count from it. */
  lastNotifiedAt: string;
  /** Notices decided so far (the opening one included): numbers the next notice's key. */
  notices: number;
  escalatedAt: string | null;
  held: HeldNotice[];
}

/** The thresholds already fired for one expiry date (UTC day): a new date starts over. */
export interface ExpiryMemory {
  day: string;
  fired: number[];
  /** The threshold whose alert was suppressed: sent when suppression ends, unless superseded. */
  held: number | null;
}

/** Everything the policy remembers of one integration; persisted by the caller as one value. */
export interface AlertState {
  expiry: ExpiryMemory | null;
  incident: Incident | null;
}

export const INITIAL_ALERT_STATE: AlertState = { expiry: null, incident: null };

/** A one-off window between two instants. */
export interface OnceWindow {
  kind: 'once';
  start: string;
  end: string;
}

/**
 * A weekly window on the wall clock of `timeZone`: from `from` (HH:MM) on each listed day
 * (0 = Sunday) to `to`; a `to` at or before `from` ends the next day, so 22:00–02:00 spans
 * midnight and equal times a whole day. 09:00 stays 09:00 there across daylight saving.
 */
export interface WeeklyWindow {
  kind: 'weekly';
  days: number[];
  from: string;
  to: string;
  /** The IANA zone the times are in. Absent on windows saved before zones were kept: UTC. */
  timeZone?: string;
}

export type MaintenanceWindow = OnceWindow | WeeklyWindow;

export interface AlertPolicy {
  /** Used when the integration sets no warnDays of its own. */
  warnDays: readonly number[];
  reminderHours: number;
  /** Null when no escalation channel is configured: then nothing escalates. */
  escalateAfterHours: number | null;
  maintenance: readonly MaintenanceWindow[];
}

export const DEFAULT_REMINDER_HOURS = 24;

export const DEFAULT_ALERT_POLICY: AlertPolicy = {
  warnDays: DEFAULT_WARN_DAYS,
  reminderHours: DEFAULT_REMINDER_HOURS,
  escalateAfterHours: null,
  maintenance: [],
};
