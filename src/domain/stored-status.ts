import { sameJson, withoutDefaults } from './defaults';
import type { IntegrationStatus, LastCheck, SeenIdentity } from './schedule';

/**
 * A status as KVS keeps it. KVS is billed by the bytes written and read, and each check writes
 * its status and the sweep reads it back, so what a reader can restore is left out: the last
 * check's evidence (its history entry of the same slot holds it), the identity seen when it is
 * the last check's own, and fields at their defaults.
 */
export type StoredStatus = Omit<IntegrationStatus, 'last' | keyof typeof STATUS_DEFAULTS> &
  Partial<Pick<IntegrationStatus, keyof typeof STATUS_DEFAULTS>> & {
    last: StoredLast | null;
    /** The identity seen is the last check's: its identity, time and secret. */
    seenIsLast?: true;
  };

type StoredLast = Omit<LastCheck, 'evidence' | keyof typeof LAST_DEFAULTS> &
  Partial<Pick<LastCheck, keyof typeof LAST_DEFAULTS>>;

const STATUS_DEFAULTS = {
  backoffSince: null,
  retryAfterUntil: null,
  revocation: null,
  consecutiveTransient: 0,
} as const;
const LAST_DEFAULTS = { expiresAt: null, daysLeft: null, facts: {} } as const;

/** The identity the last check saw, as `seenIdentity` records it. */
function seenInLast(last: LastCheck | null): SeenIdentity | undefined {
  if (!last?.identity || last.secretFingerprint === undefined) return undefined;
  return { identity: last.identity, at: last.checkedAt, secretFingerprint: last.secretFingerprint };
}

function storedLast(last: LastCheck): StoredLast {
  const stored = withoutDefaults(last, LAST_DEFAULTS);
  delete stored.evidence;
  return stored as StoredLast;
}

export function storedStatus(status: IntegrationStatus): StoredStatus {
  const stored = withoutDefaults(status, STATUS_DEFAULTS);
  const seenIsLast =
    status.seenIdentity !== undefined && sameJson(status.seenIdentity, seenInLast(status.last));
  if (seenIsLast) delete stored.seenIdentity;
  return {
    ...(stored as Omit<StoredStatus, 'last'>),
    last: status.last ? storedLast(status.last) : null,
    ...(seenIsLast ? { seenIsLast: true as const } : {}),
  };
}

/** The status a stored one stands for, every default back; the evidence stays with history. */
export function loadedStatus(stored: StoredStatus): IntegrationStatus {
  const last: LastCheck | null = stored.last ? { ...LAST_DEFAULTS, ...stored.last } : null;
  const status: IntegrationStatus & { seenIsLast?: true } = {
    ...STATUS_DEFAULTS,
    ...stored,
    last,
  };
  const seen = stored.seenIsLast ? seenInLast(last) : undefined;
  delete status.seenIsLast;
  return seen ? { ...status, seenIdentity: seen } : status;
}
