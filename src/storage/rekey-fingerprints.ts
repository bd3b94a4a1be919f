import { kvs } from '@forge/kvs';
import {
  channelScope,
  fingerprint,
  integrationScope,
  INVENTORY_SCOPE,
  UNKEYED_FINGERPRINT,
} from '../domain/fingerprint';
import type { AuditEntry } from './audit';
import { channels } from './channels';
import { fingerprintKey } from './fingerprint-key';
import { integrations } from './integrations';
import { inventorySource } from './inventory';
import { keys } from './keys';
import { queryPage } from './query';
import { withRetry } from './retry';
import { statuses } from './status';
import { summaries } from './summaries';

/** Shown instead of an unkeyed fingerprint whose secret is gone (a deleted or replaced one). */
export const WITHDRAWN = '(fingerprint withdrawn)';
/** A year of audit entries at 100 a page; more waits for the next run. */
const MAX_AUDIT_PAGES = 200;
const AUDIT_TTL_MS = 365 * 86_400_000;
/** An unkeyed fingerprint where the audit's words put one: "secret #…", "key #…", "→ #…". */
const UNKEYED_IN_TEXT = /(secret |fingerprint |key |→ )(#[0-9a-f]{6})(?![0-9a-f])/g;

type Renames = Map<string, string>;
/** Whether the invocation has time left for one more write. */
type HasTime = () => boolean;
const isUnkeyed = (shown: string | null | undefined): shown is string =>
  typeof shown === 'string' && UNKEYED_FINGERPRINT.test(shown);

async function rekeyIntegrations(
  key: Buffer,
  renames: Renames,
  hasTime: HasTime,
): Promise<boolean> {
  for (const record of await integrations.list()) {
    if (!isUnkeyed(record.secretFingerprint)) continue;
    if (!hasTime()) return false;
    const secret = await integrations.getSecret(record.id);
    const old = record.secretFingerprint;
    const next = secret
      ? fingerprint(secret, { key, scope: integrationScope(record.id) })
      : WITHDRAWN;
    // Read again just before writing: an edit since then has made its own keyed fingerprint.
    const current = await integrations.get(record.id);
    if (current?.secretFingerprint !== old) continue;
    await integrations.save({ ...current, secretFingerprint: next });
    const [row, status] = await Promise.all([summaries.get(record.id), statuses.get(record.id)]);
    if (row?.secretFingerprint === old) await summaries.save({ ...row, secretFingerprint: next });
    // The last check stays about the same secret, so what it learned still carries over.
    if (status?.last?.secretFingerprint === old) {
      await statuses.save({ ...status, last: { ...status.last, secretFingerprint: next } });
    }
    renames.set(old, next);
  }
  return true;
}

async function rekeyChannels(key: Buffer, renames: Renames, hasTime: HasTime): Promise<boolean> {
  for (const record of await channels.list()) {
    const old = record.secretFingerprint;
    if (!isUnkeyed(old)) continue;
    if (!hasTime()) return false;
    const secret = await channels.getSecret(record.config.id);
    const scope = channelScope(record.config.id);
    const next = typeof secret === 'string' ? fingerprint(secret, { key, scope }) : WITHDRAWN;
    await channels.save({ ...record, secretFingerprint: next });
    renames.set(old, next);
  }
  return true;
}

async function rekeySource(key: Buffer, renames: Renames): Promise<boolean> {
  const source = await inventorySource.get();
  if (!source || !isUnkeyed(source.keyFingerprint)) return true;
  const secret = await inventorySource.getKey();
  const next = secret ? fingerprint(secret, { key, scope: INVENTORY_SCOPE }) : WITHDRAWN;
  await inventorySource.save({ ...source, keyFingerprint: next });
  renames.set(source.keyFingerprint, next);
  return true;
}

/** Rewrites the unkeyed fingerprints audit entries quote; each keeps the rest of its year. */
async function rekeyAudit(renames: Renames, nowMs: number, hasTime: HasTime): Promise<boolean> {
  let cursor: string | undefined;
  for (let page = 0; page < MAX_AUDIT_PAGES && hasTime(); page += 1) {
    const next = await queryPage<AuditEntry>(keys.auditPrefix, cursor);
    for (const { key, value } of next.items) {
      const detail = value.detail.replace(
        UNKEYED_IN_TEXT,
        (_, before: string, old: string) => `${before}${renames.get(old) ?? WITHDRAWN}`,
      );
      const leftSeconds = Math.floor((Date.parse(value.at) + AUDIT_TTL_MS - nowMs) / 1000);
      if (detail === value.detail || leftSeconds <= 0) continue;
      const ttl = { value: leftSeconds, unit: 'SECONDS' as const };
      await withRetry(() => kvs.set(key, { ...value, detail }, { ttl }));
    }
    cursor = next.cursor;
    if (!cursor) return true;
  }
  return false;
}

/**
 * Fingerprints stored before they were keyed were 6 hex digits of a plain SHA-256, from which a
 * short secret can be recovered: each is recomputed with the installation's key (or withdrawn
 * when its secret is gone), in the records, overview rows, last results and audit entries that
 * hold it. Runs until it has finished once; a run out of time (`hasTime`) stops between writes and
 * the next one goes on, changing only what is still unkeyed.
 */
export async function rekeyFingerprints(nowMs: number, hasTime: HasTime): Promise<boolean> {
  if (await withRetry(() => kvs.get<boolean>(keys.fingerprintsKeyed))) return false;
  const key = await fingerprintKey();
  const renames: Renames = new Map();
  const done =
    (await rekeyIntegrations(key, renames, hasTime)) &&
    (await rekeyChannels(key, renames, hasTime)) &&
    (await rekeySource(key, renames)) &&
    // An entry whose fingerprint a run out of time recomputed (so `renames` lost it) is withdrawn.
    (await rekeyAudit(renames, nowMs, hasTime));
  if (done) await withRetry(() => kvs.set(keys.fingerprintsKeyed, true));
  return true;
}
