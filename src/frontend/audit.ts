import type { AuditAction } from '../domain/audit';

/** What the admin did, in the words the audit log shows. */
const WORDS: Record<AuditAction, string> = {
  create: 'Added an integration',
  update: 'Edited an integration',
  delete: 'Deleted an integration',
  'check-now': 'Checked now',
  pause: 'Paused checks',
  resume: 'Resumed checks',
  snooze: 'Snoozed alerts',
  unsnooze: 'Ended the snooze',
  'mark-revoked': 'Marked revoked',
  'clear-revoked': 'Cleared the revoked mark',
  'save-settings': 'Saved the settings',
  'save-alert-policy': 'Saved the alert policy',
  'save-heartbeat': 'Saved the heartbeat',
  'save-channel': 'Saved a channel',
  'delete-channel': 'Deleted a channel',
  'save-inventory-source': 'Saved the org token source',
  'sync-inventory': 'Started an org token sync',
  'export-org-tokens': 'Exported org tokens as CSV',
  'delete-inventory-source': 'Removed the org token source',
};

/** The words for an action; a code this version does not know still reads as words. */
export function auditActionWords(action: string): string {
  const known = (WORDS as Record<string, string>)[action];
  if (known) return known;
  const words = action.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
