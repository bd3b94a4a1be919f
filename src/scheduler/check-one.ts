import { takesSecret } from '../domain/kind-rules';
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
import { judgeRevocation } from '../domain/revocation';
import { statusFromTick } from '../domain/unread-stable';
import { toSummary, type IntegrationSummary } from '../domain/summary';
import { BadInputError, finalize, runProbe } from '../probes/engine';
import { PROBES } from '../probes/registry';
import type { FetchLike } from '../http/client';
import type { DeliveryQueue } from '../notify/deliver-events';
import {
  persistChecks,
  readRecords,
  readStable,
  unpersistChecks,
  type CheckTarget,
  type CheckWrite,
} from '../storage/check-store';
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
  if (!secret && takesSecret(record.config.kind)) {
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
    return await runProbe(config, secret ?? '', {
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

const startOf = (target: CheckTarget, probed: CheckResult) =>
  target.status ?? initialStatus(target.record.id, new Date(probed.checkedAt));

/** The result as it speaks of a credential marked revoked (domain/revocation.ts). */
function judgedOf(target: CheckTarget, probed: CheckResult): CheckResult {
  const { record } = target;
  const lagMs = PROBES[record.config.kind].revocationLagMs;
  return judgeRevocation(record, startOf(target, probed).revocation, probed, lagMs);
}

/** A target as it stands for the status the check started from, its stable part included. */
const whole = (target: CheckTarget, status: IntegrationStatus | undefined): CheckTarget => ({
  record: target.record,
  status,
  alertState: target.alertState,
  ...(target.tick ? { tick: target.tick } : {}),
});

/**
 * The target whole when it is known without a read: its stable part was read, or the result
 * tells it (domain/unread-stable.ts); else undefined.
 */
export function knownTarget(target: CheckTarget, probed: CheckResult): CheckTarget | undefined {
  if (!target.stableUnread) return target;
  const status = statusFromTick(target.record, target.tick, judgedOf(target, probed));
  return status ? whole(target, status) : undefined;
}

/** Requests whose targets are whole: the stable parts the results cannot tell are read. */
async function withStable(requests: readonly StoreRequest[]): Promise<StoreRequest[]> {
  const known = requests.map((r) => knownTarget(r.target, r.result));
  const unknown = requests.filter((_, i) => !known[i]).map((r) => r.target);
  const read = unknown.length > 0 ? await readStable(unknown) : new Map();
  return requests.map((r, i) => ({
    ...r,
    target: known[i] ?? whole(r.target, read.get(r.target.record.id)),
  }));
}

/** Folds a result into the integration's status and decides its alerts; touches nothing. */
export function prepareStore(
  target: CheckTarget,
  probed: CheckResult,
  slot: string,
  alerting: Omit<AlertDeps, 'deliveries'>,
): PreparedStore {
  const { record } = target;
  const start = startOf(target, probed);
  const judged = judgedOf(target, probed);
  const status = applyResult(record, start, judged, slot);
  const plan = planAlerts({
    record,
    status,
    previous: target.alertState,
    setup: alerting.setup,
    now: alerting.now,
  });
  return {
    status,
    summary: toSummary(record, status, new Date(judged.checkedAt)),
    entry: toHistoryEntry(judged, slot),
    slotMs: Date.parse(slot),
    plan,
  };
}

/** Outbound requests committing it costs: the queue pushes of its deliveries. */
export function pushesOf(prepared: PreparedStore): number {
  return Math.ceil(prepared.plan.deliveries.length / EVENTS_PER_PUSH);
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

export interface StoreRequest {
  target: CheckTarget;
  result: CheckResult;
  slot: string;
  alerting: AlertDeps;
}

/** Per request, in order: how it was stored, or why it could not be. */
export type StoreSettled = PromiseSettledResult<StoreOutcome>;

interface Writing {
  index: number;
  record: IntegrationRecord;
  prepared: PreparedStore;
  check: CheckWrite;
}

const stored = (value: StoreOutcome): StoreSettled => ({ status: 'fulfilled', value });
const failed = (reason: unknown): StoreSettled => ({ status: 'rejected', reason });

/** What a check started from, its overview row as the check before it left it. */
function before(target: CheckTarget, record: IntegrationRecord): CheckWrite['before'] {
  const { status, tick } = target;
  const at = status?.last?.checkedAt;
  const summary = status && at ? toSummary(record, status, new Date(at)) : undefined;
  return { status, summary, tick };
}

/**
 * Decides each check against its integration as it is now, not as it was when the check began:
 * after a delete it stores nothing; after an edit the stored row keeps the edit's name and
 * interval; a result about a secret or target replaced meanwhile says nothing of the new one,
 * so it is dropped.
 */
function decide(
  requests: readonly StoreRequest[],
  current: Map<string, IntegrationRecord | null>,
  settled: StoreSettled[],
): Writing[] {
  const writing: Writing[] = [];
  requests.forEach(({ target, result, slot, alerting }, index) => {
    const record = current.get(target.record.id) ?? null;
    if (!record || !sameCredential(target.record, record)) {
      settled[index] = stored({ record, status: target.status });
      return;
    }
    const prepared = prepareStore({ ...target, record }, result, slot, alerting);
    const { status, summary, entry, slotMs, plan } = prepared;
    writing.push({
      index,
      record,
      prepared,
      check: { status, summary, entry, slotMs, extra: plan.writes, before: before(target, record) },
    });
  });
  return writing;
}

/**
 * Queues each check's alerts before it is stored. In this order a failed store loses nothing:
 * the check runs again and decides the same alerts, whose sends the sent markers dedupe (a new
 * incident is named after the last success stored, which a failed store leaves as it was). The
 * other order could store "told" and then fail to tell. Answers the checks whose alerts queued.
 */
async function queueAlerts(
  writing: Writing[],
  requests: readonly StoreRequest[],
  settled: StoreSettled[],
): Promise<Writing[]> {
  const pushed = await Promise.allSettled(
    writing.map(async ({ index, prepared }) => {
      const { deliveries } = prepared.plan;
      if (deliveries.length > 0) await requests[index]?.alerting.deliveries.push(deliveries);
    }),
  );
  return writing.filter((w, i) => {
    const outcome = pushed[i];
    if (outcome?.status === 'rejected') settled[w.index] = failed(outcome.reason);
    return outcome?.status === 'fulfilled';
  });
}

/**
 * Stores checks together: one batch read of the integrations before, as few batch writes as the
 * keys allow, and one batch read after, which takes back what was written for an integration
 * deleted during the write. A check's failure is its own; the others are stored.
 */
export async function storeMany(unread: readonly StoreRequest[]): Promise<StoreSettled[]> {
  const settled: StoreSettled[] = [];
  let current: Map<string, IntegrationRecord | null>;
  let requests: StoreRequest[];
  try {
    [current, requests] = await Promise.all([
      readRecords(new Map(unread.map((r) => [r.target.record.id, r.target.record]))),
      withStable(unread),
    ]);
  } catch (err) {
    return unread.map(() => failed(err));
  }
  const queued = await queueAlerts(decide(requests, current, settled), requests, settled);
  const errors = await persistChecks(queued.map((w) => w.check));
  const written = queued.filter((w) => {
    if (errors.has(w.check)) settled[w.index] = failed(errors.get(w.check));
    return !errors.has(w.check);
  });
  await settleWritten(written, settled);
  return settled;
}

async function settleWritten(written: Writing[], settled: StoreSettled[]): Promise<void> {
  try {
    const after = await readRecords(new Map(written.map((w) => [w.record.id, w.record])));
    const gone = written.filter((w) => after.get(w.record.id) === null);
    await unpersistChecks(gone.map((w) => ({ id: w.record.id, slotMs: w.prepared.slotMs })));
    for (const w of written) {
      settled[w.index] = after.get(w.record.id)
        ? stored({ record: w.record, status: w.prepared.status })
        : stored({ record: null, status: undefined });
    }
  } catch (err) {
    for (const w of written) settled[w.index] = failed(err);
  }
}

/** Stores one check (see storeMany); rejects when it could not be stored. */
export async function storeOne(
  target: CheckTarget,
  result: CheckResult,
  slot: string,
  alerting: AlertDeps,
): Promise<StoreOutcome> {
  const [outcome] = await storeMany([{ target, result, slot, alerting }]);
  if (outcome?.status !== 'fulfilled') throw outcome?.reason;
  return outcome.value;
}
