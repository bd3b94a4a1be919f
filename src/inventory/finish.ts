import { kvs } from '@forge/kvs';
import { routeAlert } from '../domain/alerts/routing';
import { tokenContent } from '../domain/alerts/token-content';
import { mergeListing, tokenKey, type ListedToken, type OrgToken } from '../domain/inventory';
import { decideTokenAlerts, tokenName, type TokenAlert } from '../domain/inventory-alerts';
import { revokeUrl } from '../domain/inventory-view';
import type { AlertDelivery, DeliveryQueue } from '../notify/deliver-events';
import { deliveriesTo, type AlertSetup } from '../scheduler/alerting';
import { TOKEN_ALERTS_PER_SYNC } from '../scheduler/limits';
import { digestWrite, type KvsWrite } from '../storage/deliveries';
import { inventory, inventorySource, inventorySync, type SyncRun } from '../storage/inventory';
import { withRetry } from '../storage/retry';
import { lookUpOwners, type ActiveUsersLookup } from './owners';

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

interface Plan {
  deliveries: AlertDelivery[];
  writes: KvsWrite[];
}

interface PlanInput {
  alerts: TokenAlert[];
  orgId: string;
  setup: AlertSetup;
  owners: Set<string>;
}

function plan({ alerts, orgId, setup, owners }: PlanInput): Plan {
  const out: Plan = { deliveries: [], writes: [] };
  for (const { alert, token } of alerts) {
    const route = routeAlert(alert, setup.channels);
    const content = tokenContent({
      alert,
      token,
      adminUrl: setup.adminUrl,
      revokeUrl: revokeUrl(orgId, token.kind),
    });
    const owner = owners.has(token.owner.id) ? token.owner.id : null;
    out.deliveries.push(
      ...deliveriesTo(alert, route.now, setup.channels, {
        content,
        integrationName: tokenName(token),
        ownerAccountId: owner,
      }),
    );
    if (route.digest.length > 0) out.writes.push(digestWrite({ alert, channelIds: route.digest }));
  }
  return out;
}

interface Errands {
  /** The tokens to store: with alert memory only for alerts that were queued. */
  tokens: OrgToken[];
  /** What was skipped this time, in plain words; each is tried again at the next sync. */
  skipped: string[];
}

function why(err: unknown): string {
  return err instanceof Error ? err.message : 'unknown error';
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
  const skipped = owners.failure
    ? [
        `owner mail: ${owners.unresolved} owner(s) could not be looked up in Jira (${owners.failure}), so they were not mailed this time`,
      ]
    : [];
  try {
    const { deliveries, writes } = plan({
      alerts: decision.alerts,
      orgId,
      setup,
      owners: owners.known,
    });
    if (deliveries.length > 0) await deps.deliveries.push(deliveries);
    for (const w of writes) await withRetry(() => kvs.set(w.key, w.value, w.options));
  } catch (err) {
    const failed = `alerts: ${decision.alerts.length} alert(s) could not be queued (${why(err)})`;
    return { tokens: merged, skipped: [...skipped, failed] };
  }
  return { tokens: decision.tokens, skipped };
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
    skipped: errands.skipped,
  });
}
