/**
 * Every action the audit log records. The stored code stays stable (entries are kept a year);
 * the page puts it in words (src/frontend/audit.ts, which must name each one).
 */
export type AuditAction =
  | 'create'
  | 'update'
  | 'delete'
  | 'check-now'
  | 'pause'
  | 'resume'
  | 'snooze'
  | 'unsnooze'
  | 'mark-revoked'
  | 'clear-revoked'
  | 'save-settings'
  | 'save-heartbeat'
  | 'save-alert-policy'
  | 'save-channel'
  | 'delete-channel'
  | 'save-inventory-source'
  | 'sync-inventory'
  | 'export-org-tokens'
  | 'delete-inventory-source'
  | 'create-consumer-key'
  | 'rotate-consumer-key'
  | 'revoke-consumer-key'
  | 'vend-token'
  | 'vend-refused';
