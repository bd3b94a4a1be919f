/**
 * The maintenance windows as typed, before the resolver checks them: below both the list
 * (MaintenanceWindows) and its rows (MaintenanceRows), which share them.
 */
export interface OnceDraft {
  start: string;
  end: string;
}
export interface WeeklyDraft {
  /** 0 = Sunday, as the policy stores them. */
  days: number[];
  from: string;
  to: string;
  /** The zone its times are in: the admin's for a new window, as saved for an old one. */
  timeZone: string;
}
export interface WindowDrafts {
  once: OnceDraft[];
  weekly: WeeklyDraft[];
}
