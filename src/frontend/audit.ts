import type { AuditAction } from '../domain/audit';
import { INVENTORY_NAME } from '../domain/inventory-names';

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
  'save-inventory-source': `Saved the ${INVENTORY_NAME} source`,
  'sync-inventory': `Started a sync of ${INVENTORY_NAME}`,
  'export-org-tokens': `Exported ${INVENTORY_NAME} as CSV`,
  'delete-inventory-source': `Removed the ${INVENTORY_NAME} source`,
  'create-consumer-key': 'Created a consumer key',
  'rotate-consumer-key': 'Rotated a consumer key',
  'revoke-consumer-key': 'Revoked a consumer key',
  'vend-token': 'Handed out an access token',
  'vend-refused': 'Refused to hand out an access token',
};

/** The words for an action; a code this version does not know still reads as words. */
export function auditActionWords(action: string): string {
  const known = (WORDS as Record<string, string>)[action];
  if (known) return known;
  const words = action.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
