import { withoutDefaults } from './defaults';
import { DEFAULT_INTERVAL, type IntegrationRecord } from './schedule';

const RECORD_DEFAULTS = {
  interval: DEFAULT_INTERVAL,
  ownerAccountId: null,
  paused: false,
  snoozedUntil: null,
  revokedAt: null,
} as const;

/** An integration as KVS keeps it (storedRecord). */
export type StoredRecord = Partial<IntegrationRecord> &
  Pick<IntegrationRecord, 'id' | 'config' | 'secretFingerprint' | 'createdAt'>;

/**
 * A record as KVS keeps it: every sweep reads all of them (KVS bills the bytes read), so it
 * leaves out the fields at their defaults and an edit time that is its creation time.
 */
export function storedRecord(record: IntegrationRecord): StoredRecord {
  const stored = withoutDefaults(record, RECORD_DEFAULTS);
  if (stored.editedAt === stored.createdAt) delete stored.editedAt;
  return stored as StoredRecord;
}

/** The record a stored one stands for; one stored whole (before storedRecord) reads as it is. */
export function loadedRecord(stored: StoredRecord): IntegrationRecord {
  return {
    ...RECORD_DEFAULTS,
    ...stored,
    editedAt: stored.editedAt ?? stored.createdAt,
  };
}
