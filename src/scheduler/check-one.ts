import type { CheckResult } from '../domain/result';
import { toHistoryEntry } from '../domain/history';
import {
  applyResult,
  initialStatus,
  type IntegrationRecord,
  type IntegrationStatus,
} from '../domain/schedule';
import type { Settings } from '../domain/settings';
import { toSummary } from '../domain/summary';
import { BadInputError, finalize, runProbe } from '../probes/engine';
import type { FetchLike } from '../probes/http';
import { persistCheck } from '../storage/check-store';
import { KvsGrantStore } from '../storage/grant-store';
import { integrations } from '../storage/integrations';
import { withRetry } from '../storage/retry';

export interface CheckDeps {
  fetch: FetchLike;
  now: () => Date;
  settings: Settings;
  /** Unique per invocation: names the holder of an OAuth grant's refresh lock. */
  holder: string;
  deadlineMs: number;
}

/** A credential the app cannot even try: say what the admin must do, as a critical result. */
function cannotTry(record: IntegrationRecord, message: string, now: Date): CheckResult {
  return finalize(record.config, { verdict: 'rejected', message }, now, {
    evidence: [],
    durationMs: 0,
    message: (m) => m,
  });
}

export function readSecret(id: string): Promise<string | undefined> {
  return withRetry(() => integrations.getSecret(id));
}

/** Probes one integration with its secret; mutates nothing. */
export async function probeOne(
  record: IntegrationRecord,
  secret: string | undefined,
  deps: CheckDeps,
): Promise<CheckResult> {
  if (!secret) {
    return cannotTry(
      record,
      'no secret is stored for it: edit it and enter the secret',
      deps.now(),
    );
  }
  const config = { ...record.config, warnDays: record.config.warnDays ?? deps.settings.warnDays };
  const grants =
    config.kind === 'atlassian-oauth2' ? new KvsGrantStore(record.id, deps.holder) : undefined;
  try {
    return await runProbe(config, secret, {
      fetch: deps.fetch,
      now: deps.now,
      grants,
      deadlineMs: deps.deadlineMs,
    });
  } catch (err) {
    if (!(err instanceof BadInputError)) throw err;
    return cannotTry(record, `the stored secret is unusable: ${err.message}`, deps.now());
  }
}

/** Folds a result into the integration's status and stores both with its history entry. */
export async function storeOne(
  record: IntegrationRecord,
  previous: IntegrationStatus | undefined,
  result: CheckResult,
  slot: string,
): Promise<IntegrationStatus> {
  const start = previous ?? initialStatus(record.id, new Date(result.checkedAt));
  const status = applyResult(record, start, result, slot);
  const summary = toSummary(record, status, new Date(result.checkedAt));
  await persistCheck(status, summary, toHistoryEntry(result, slot), Date.parse(slot));
  return status;
}
