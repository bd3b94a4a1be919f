/**
 * The daily inventory sync. The trigger (or an admin) starts a run; each queued step lists pages
 * from the run's cursor within one invocation's request budget and time, stages what it listed
 * and queues the next step; the step that reaches the end merges and alerts (finish.ts). Only a
 * complete listing is merged: a failed step ends the run and the inventory stays as it was.
 */
import { randomUUID } from 'node:crypto';
import { MAX_ORG_TOKENS } from '../domain/inventory';
import type { FetchLike } from '../http/client';
import {
  inventory,
  inventorySource,
  inventorySync,
  ORG_SOURCE,
  type SyncRun,
} from '../storage/inventory';
import { keys } from '../storage/keys';
import { acquireLease, releaseLease } from '../storage/lease';
import {
  INVENTORY_FINISH_MARGIN_MS,
  INVENTORY_LEASE_SECONDS,
  INVENTORY_MAX_STEPS,
  INVENTORY_REQUEST_LIMIT,
  INVENTORY_REQUESTS_PER_STEP,
  REQUEUE_DELAY_SECONDS,
} from '../scheduler/limits';
import { AdminApiError, firstCursor, listFrom, type ListStep } from './admin-api';
import { finishSync, type FinishDeps } from './finish';

export interface InventoryEvent {
  syncId: string;
  step: number;
}

export interface InventoryQueue {
  push(event: InventoryEvent, delaySeconds?: number): Promise<void>;
}

export function isInventoryEvent(body: unknown): body is InventoryEvent {
  const b = body as Partial<InventoryEvent> | null;
  return typeof b?.syncId === 'string' && Number.isInteger(b.step) && (b.step ?? -1) >= 0;
}

export type SyncStart = { started: true; syncId: string } | { started: false; reason: string };

export interface StartDeps {
  now: Date;
  queue: InventoryQueue;
  /** The admin who asked; null for the daily trigger. */
  requestedBy: string | null;
}

const lease = keys.inventorySyncLease(ORG_SOURCE);

export async function startSync(deps: StartDeps): Promise<SyncStart> {
  const source = await inventorySource.get();
  if (!source) {
    return { started: false, reason: 'No organisation is set up: add its id and Admin API key.' };
  }
  const syncId = `${deps.now.getTime().toString(36)}-${randomUUID().slice(0, 8)}`;
  if (!(await acquireLease(lease, syncId, INVENTORY_LEASE_SECONDS))) {
    return { started: false, reason: 'A sync is under way already.' };
  }
  const run: SyncRun = {
    syncId,
    startedAt: deps.now.toISOString(),
    requestedBy: deps.requestedBy,
    step: 0,
    cursor: firstCursor(source),
    staged: [],
    listed: 0,
    apiRequests: 0,
    progressAt: deps.now.toISOString(),
  };
  try {
    await inventorySync.save(run);
    await deps.queue.push({ syncId, step: 0 });
  } catch (err) {
    await inventorySync.clear();
    await releaseLease(lease, syncId);
    throw err;
  }
  return { started: true, syncId };
}

export interface StepDeps {
  now: () => Date;
  fetch: FetchLike;
  queue: InventoryQueue;
  remainingMs: () => number;
  finish: FinishDeps;
  isAllowed?: (url: string) => boolean;
  sleep?: (ms: number) => Promise<void>;
}

export type StepOutcome = 'stale' | 'continued' | 'finished' | 'failed';

/** Ends a run without touching the inventory: the last state says why. */
async function fail(run: SyncRun, message: string, now: Date, requests = 0): Promise<'failed'> {
  const state = await inventory.state();
  await inventory.saveState({
    chunks: state?.chunks ?? 0,
    tokens: state?.tokens ?? 0,
    lastSyncAt: now.toISOString(),
    lastSuccessAt: state?.lastSuccessAt ?? null,
    error: message,
    apiRequests: run.apiRequests + requests,
  });
  await endRun(run);
  return 'failed';
}

export async function endRun(run: SyncRun): Promise<void> {
  await inventorySync.dropStaged(run);
  await inventorySync.clear();
  await releaseLease(lease, run.syncId);
}

const REMOVED = Symbol('the source was removed');

async function list(run: SyncRun, deps: StepDeps): Promise<ListStep | string | typeof REMOVED> {
  const [source, apiKey] = await Promise.all([inventorySource.get(), inventorySource.getKey()]);
  if (!source || !apiKey) return REMOVED;
  try {
    return await listFrom(run.cursor, {
      fetch: deps.fetch,
      apiKey,
      maxRequests: INVENTORY_REQUESTS_PER_STEP,
      deadlineMs: deps.remainingMs() - INVENTORY_FINISH_MARGIN_MS,
      now: deps.now,
      isAllowed: deps.isAllowed,
      sleep: deps.sleep,
      maxItems: MAX_ORG_TOKENS - run.listed - (run.unreadable ?? 0),
    });
  } catch (err) {
    if (err instanceof AdminApiError) return `the Admin API listing failed: ${err.message}`;
    throw err;
  }
}

/**
 * One step of a run. A redelivered or superseded event finds the run at another step (or
 * another run) and does nothing; a step that crashed before saving its progress is simply redone.
 */
export async function runSyncStep(event: InventoryEvent, deps: StepDeps): Promise<StepOutcome> {
  const run = await inventorySync.get();
  if (!run || run.syncId !== event.syncId || run.step !== event.step) return 'stale';
  if (run.step >= INVENTORY_MAX_STEPS) {
    return fail(run, `the listing did not end after ${run.step} steps`, deps.now());
  }
  const listed = await list(run, deps);
  // The admin removed the organisation meanwhile: nothing to record, the run just ends.
  if (listed === REMOVED) {
    await endRun(run);
    return 'failed';
  }
  if (typeof listed === 'string') return fail(run, listed, deps.now());
  const chunks = await inventorySync.stage(run, listed.tokens);
  const next: SyncRun = {
    ...run,
    step: run.step + 1,
    cursor: listed.next ?? run.cursor,
    staged: [...run.staged, chunks],
    listed: run.listed + listed.tokens.length,
    unreadable: (run.unreadable ?? 0) + listed.unreadable,
    apiRequests: run.apiRequests + listed.requests,
    progressAt: deps.now().toISOString(),
  };
  if (!listed.next) {
    // Finish before recording progress: a crash here redoes the last step, never skips the merge.
    await finishSync(next, deps.now(), deps.finish, INVENTORY_REQUEST_LIMIT - listed.requests);
    await endRun(next);
    return 'finished';
  }
  await inventorySync.save(next);
  // A step that got nowhere (an invocation started with too little time) waits before retrying.
  const delay = listed.requests === 0 ? REQUEUE_DELAY_SECONDS : undefined;
  try {
    await deps.queue.push({ syncId: run.syncId, step: next.step }, delay);
  } catch (err) {
    // Without the next event the run would wait for nothing: step back, so a redelivery redoes it.
    await inventorySync.save(run);
    throw err;
  }
  return 'continued';
}

/** Attempts of one step before its run is ended: each retry waits a minute, so three are plenty. */
export const STEP_ATTEMPTS = 3;

/** What went wrong, in plain words and short: a KVS or queue error's message, never a stack. */
function plainReason(err: unknown): string {
  const message = err instanceof Error ? `${err.name}: ${err.message}` : 'an unknown error';
  const flat = message.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}

/**
 * A step that failed on its last attempt: without it the run would wait for an event the queue
 * dropped, holding the lease for an hour with nothing on the page. Ends the run (the inventory
 * stays as it was), says why, and frees the lease, so the next sync can start at once.
 */
export async function abandonStep(event: InventoryEvent, err: unknown, now: Date): Promise<void> {
  const run = await inventorySync.get();
  if (!run || run.syncId !== event.syncId || run.step !== event.step) return;
  const reason = `step ${event.step + 1} failed ${STEP_ATTEMPTS} times (${plainReason(err)})`;
  await fail(run, `the sync stopped: ${reason}`, now);
}
