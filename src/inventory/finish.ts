import { mergeListing, tokenKey, type ListedToken, type OrgToken } from '../domain/inventory';
import { decideTokenAlerts } from '../domain/inventory-alerts';
import type { DeliveryQueue } from '../notify/deliver-events';
import type { AlertSetup } from '../scheduler/alerting';
import { TOKEN_ALERTS_PER_SYNC } from '../scheduler/limits';
import { inventory, inventorySource, inventorySync, type SyncRun } from '../storage/inventory';
import { lookUpOwners, type ActiveUsersLookup } from './owners';
import { send, why } from './send-alerts';

export interface FinishDeps {
  deliveries: DeliveryQueue;
  /** The alert setup (channels, warn days, the page's URL), read when a sync finishes. */
  setup: () => Promise<AlertSetup>;
  /** One bulk request: which of these accounts are active Jira users (only they can be mailed). */
  activeUsers: ActiveUsersLookup;
}

/** A token listed twice (a page shifted between steps) is kept once, as last listed. */
function unique(listing: ListedToken[]): ListedToken[] {
  return [...new Map(listing.map((t) => [tokenKey(t), t])).values()];
}

interface Errands {
  /** The tokens to store: with alert memory only for alerts that were queued. */
  tokens: OrgToken[];
  /** What was skipped this time, in plain words; each is tried again at the next sync. */
  skipped: string[];
}

/**
 * Alerts about the merged tokens: their side errands (settings, owner lookups, queueing). None of
 * them may fail the sync; what did not happen is said, and redone at the next sync.
 */
async function alertErrands(
  merged: OrgToken[],
  orgId: string,
  now: Date,
  deps: FinishDeps,
  requestBudget: number,
): Promise<Errands> {
  let setup: AlertSetup;
  try {
    setup = await deps.setup();
  } catch (err) {
    return {
      tokens: merged,
      skipped: [`alerts: the alert settings could not be read (${why(err)})`],
    };
  }
  const decision = decideTokenAlerts({
    tokens: merged,
    warnDays: setup.policy.warnDays,
    now,
    limit: TOKEN_ALERTS_PER_SYNC,
  });
  const owners = await lookUpOwners(
    decision.alerts.map((a) => a.token.owner.id),
    deps.activeUsers,
    requestBudget,
  );
  const skipped: string[] = owners.failure
    ? [
        `owner mail: ${owners.unresolved} owner(s) could not be looked up in Jira (${owners.failure}), so they were not mailed this time`,
      ]
    : [];
  const sent = await send(decision.alerts, { orgId, setup, owners: owners.known }, deps);
  if (sent.failures.length > 0) {
    skipped.push(
      `alerts: ${sent.failures.length} alert(s) could not be queued (${clipped(sent.failures.join('; '))})`,
    );
  }
  // An alert that was not queued leaves its token as it was: it is decided again next time.
  const before = new Map(merged.map((t) => [tokenKey(t), t]));
  const tokens = decision.tokens.map((t) =>
    sent.queued.has(tokenKey(t)) ? t : (before.get(tokenKey(t)) ?? t),
  );
  return { tokens, skipped };
}

/** A skipped line stays a line: the page and the state hold it, not a list of fifty reasons. */
function clipped(reasons: string): string {
  return reasons.length > 300 ? `${reasons.slice(0, 299)}…` : reasons;
}

/** Items without a readable id are not tokens: said, so the inventory is not silently short. */
function unreadableNote(run: SyncRun): string[] {
  const n = run.unreadable ?? 0;
  return n > 0
    ? [`listing: ${n} listed item(s) had no readable id and are not in the inventory`]
    : [];
}

/**
 * Merges the complete listing into the inventory, then alerts. Deliveries are queued before the
 * inventory (which remembers what was alerted) is saved: a crash in between re-decides the same
 * alerts, whose idempotency keys the delivery layer sends once. `requestBudget` is what the
 * step may still send (owner lookups count against Forge's 100 requests per invocation).
 */
export async function finishSync(
  run: SyncRun,
  now: Date,
  deps: FinishDeps,
  requestBudget: number,
): Promise<void> {
  const [listing, previous, source] = await Promise.all([
    inventorySync.staged(run),
    inventory.load(),
    inventorySource.get(),
  ]);
  const merged = mergeListing(previous, unique(listing), now);
  const errands = await alertErrands(merged, source?.orgId ?? '', now, deps, requestBudget);
  await inventory.save(errands.tokens, {
    lastSyncAt: now.toISOString(),
    lastSuccessAt: now.toISOString(),
    error: null,
    apiRequests: run.apiRequests,
    skipped: [...unreadableNote(run), ...errands.skipped],
  });
}
