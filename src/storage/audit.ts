import { randomUUID } from 'node:crypto';
import { kvs } from '@forge/kvs';
import { keys } from './keys';
import { queryPage } from './query';

/** Who did what, when. Never a secret value: at most its fingerprint. */
export interface AuditEntry {
  at: string;
  actorAccountId: string | null;
  action: string;
  integrationId: string | null;
  detail: string;
}

/** Audit entries expire after a year; the log is for recent accountability, not an archive. */
const AUDIT_TTL_DAYS = 365;

const SEQUENCE_SPAN = 1_000_000;
let sequence = 0;

/**
 * Keys list newest first; within one millisecond a later entry of this process must too, so the
 * tie-break counts down before its random part (which only separates different processes).
 */
function tieBreak(): string {
  sequence = (sequence + 1) % SEQUENCE_SPAN;
  const down = String(SEQUENCE_SPAN - 1 - sequence).padStart(6, '0');
  return `${down}${randomUUID().slice(0, 4)}`;
}

export const audit = {
  async append(entry: AuditEntry): Promise<void> {
    const key = keys.audit(Date.parse(entry.at), tieBreak());
    await kvs.set(key, entry, { ttl: { value: AUDIT_TTL_DAYS, unit: 'DAYS' } });
  },

  /** Newest first, a page at a time. */
  async page(cursor?: string, limit = 50): Promise<{ entries: AuditEntry[]; cursor?: string }> {
    const page = await queryPage<AuditEntry>(keys.auditPrefix, cursor, limit);
    return { entries: page.items.map((i) => i.value), cursor: page.cursor };
  },
};
