import type { CheckResult } from '../domain/result';
import { toHistoryEntry, type HistoryEntry } from '../domain/history';
import {
  applyResult,
  initialStatus,
  type IntegrationRecord,
  type IntegrationStatus,
} from '../domain/schedule';
import type { Settings } from '../domain/settings';
import { integrationTarget, sameTarget } from '../domain/target';
import { toSummary, type IntegrationSummary } from '../domain/summary';
import { BadInputError, finalize, runProbe } from '../probes/engine';
import type { FetchLike } from '../probes/http';
import type { DeliveryQueue } from '../notify/deliver-events';
import { persistCheck, unpersistCheck, type CheckTarget } from '../storage/check-store';
import { KvsGrantStore } from '../storage/grant-store';
import { integrations } from '../storage/integrations';
import { withRetry } from '../storage/retry';
import { planAlerts, type AlertPlan, type AlertSetup } from './alerting';
import { EVENTS_PER_PUSH } from './limits';

export interface CheckDeps {
  fetch: FetchLike;
  now: () => Date;
  settings: Settings;
  /** Unique per invocation: names the holder of an OAuth grant's refresh lock. */
  holder: string;
  deadlineMs: number;
  /** An org token inventory is configured: messages may point to it (ProbeContext.orgInventory). */
  orgInventory?: boolean;
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
      orgInventory: deps.orgInventory,
    });
  } catch (err) {
    if (!(err instanceof BadInputError)) throw err;
    return cannotTry(record, `the stored secret is unusable: ${err.message}`, deps.now());
  }
}

/** A check ready to store: its new status and what alerting decided from it. */
export interface PreparedStore {
  status: IntegrationStatus;
  summary: IntegrationSummary;
  entry: HistoryEntry;
  slotMs: number;
  plan: AlertPlan;
}

export interface AlertDeps {
  setup: AlertSetup;
  deliveries: DeliveryQueue;
  now: Date;
}

/** Folds a result into the integration's status and decides its alerts; touches nothing. */
export function prepareStore(
  target: CheckTarget,
  result: CheckResult,
  slot: string,
  alerting: Omit<AlertDeps, 'deliveries'>,
): PreparedStore {
  const { record } = target;
  const start = target.status ?? initialStatus(record.id, new Date(result.checkedAt));
  const status = applyResult(record, start, result, slot);
  const plan = planAlerts({
    record,
    status,
    previous: target.alertState,
    setup: alerting.setup,
    now: alerting.now,
  });
  return {
    status,
    summary: toSummary(record, status, new Date(result.checkedAt)),
    entry: toHistoryEntry(result, slot),
    slotMs: Date.parse(slot),
    plan,
  };
}

/** Outbound requests committing it costs: the queue pushes of its deliveries. */
export function pushesOf(prepared: PreparedStore): number {
  return Math.ceil(prepared.plan.deliveries.length / EVENTS_PER_PUSH);
}

/**
 * Queues the alerts, then stores the check with the alert state in one batch. In this order a
 * failed store loses nothing: the check runs again and decides the same alerts, whose sends the
 * sent markers dedupe (a new incident is named after the last success stored, which a failed
 * store leaves as it was). The other order could store "told" and then fail to tell.
 */
async function commitStore(
  prepared: PreparedStore,
  deliveries: DeliveryQueue,
): Promise<IntegrationStatus> {
  const { status, summary, entry, slotMs, plan } = prepared;
  if (plan.deliveries.length > 0) await deliveries.push(plan.deliveries);
  await persistCheck(status, summary, entry, slotMs, plan.writes);
  return status;
}

/** The result speaks of the credential stored now: the same secret, sent to the same place. */
function sameCredential(before: IntegrationRecord, now: IntegrationRecord): boolean {
  return (
    before.secretFingerprint === now.secretFingerprint &&
    sameTarget(integrationTarget(before.config), integrationTarget(now.config))
  );
}

export interface StoreOutcome {
  /** The integration as stored now; null when it was deleted while it was being checked. */
  record: IntegrationRecord | null;
  /** Its status now: the new one when the check was stored, else the one before it. */
  status: IntegrationStatus | undefined;
}

/**
 * Stores one check against the integration as it is now, not as it was when the check began.
 * After a delete it stores nothing, and takes back what it wrote if the delete landed during the
 * write; after an edit the stored row keeps the edit's name and interval; a result about a secret
 * or target replaced meanwhile says nothing of the new one, so it is dropped.
 */
export async function storeOne(
  target: CheckTarget,
  result: CheckResult,
  slot: string,
  alerting: AlertDeps,
): Promise<StoreOutcome> {
  const record = await integrations.get(target.record.id);
  if (!record) return { record: null, status: target.status };
  if (!sameCredential(target.record, record)) return { record, status: target.status };
  const prepared = prepareStore({ ...target, record }, result, slot, alerting);
  const status = await commitStore(prepared, alerting.deliveries);
  if (await integrations.get(record.id)) return { record, status };
  await unpersistCheck(record.id, prepared.slotMs);
  return { record: null, status: undefined };
}
