import { kvs } from '@forge/kvs';
import { routeAlert } from '../domain/alerts/routing';
import { tokenContent } from '../domain/alerts/token-content';
import { mergeListing, tokenKey, type ListedToken } from '../domain/inventory';
import { decideTokenAlerts, tokenName, type TokenAlert } from '../domain/inventory-alerts';
import { revokeUrl } from '../domain/inventory-view';
import type { AlertDelivery, DeliveryQueue } from '../notify/deliver-events';
import { deliveriesTo, type AlertSetup } from '../scheduler/alerting';
import { TOKEN_ALERTS_PER_SYNC } from '../scheduler/limits';
import { digestWrite, type KvsWrite } from '../storage/deliveries';
import { inventory, inventorySource, inventorySync, type SyncRun } from '../storage/inventory';
import { withRetry } from '../storage/retry';

export interface FinishDeps {
  deliveries: DeliveryQueue;
  /** The alert setup (channels, warn days, the page's URL), read when a sync finishes. */
  setup: () => Promise<AlertSetup>;
  /** Whether Jira knows the account: only a Jira user can be mailed through Jira. */
  isJiraUser: (accountId: string) => Promise<boolean>;
}

/** A token listed twice (a page shifted between steps) is kept once, as last listed. */
function unique(listing: ListedToken[]): ListedToken[] {
  return [...new Map(listing.map((t) => [tokenKey(t), t])).values()];
}

async function jiraUsers(alerts: TokenAlert[], deps: FinishDeps): Promise<Set<string>> {
  const owners = new Set(alerts.map((a) => a.token.owner.id).filter((id) => id !== ''));
  const known = new Set<string>();
  for (const id of owners) if (await deps.isJiraUser(id)) known.add(id);
  return known;
}

interface Plan {
  deliveries: AlertDelivery[];
  writes: KvsWrite[];
}

interface PlanInput {
  alerts: TokenAlert[];
  orgId: string;
  setup: AlertSetup;
}

async function plan({ alerts, orgId, setup }: PlanInput, deps: FinishDeps): Promise<Plan> {
  const users = await jiraUsers(alerts, deps);
  const out: Plan = { deliveries: [], writes: [] };
  for (const { alert, token } of alerts) {
    const route = routeAlert(alert, setup.channels);
    const content = tokenContent({
      alert,
      token,
      adminUrl: setup.adminUrl,
      revokeUrl: revokeUrl(orgId, token.kind),
    });
    const owner = users.has(token.owner.id) ? token.owner.id : null;
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

/**
 * Merges the complete listing into the inventory and alerts. Deliveries are queued before the
 * inventory (which remembers what was alerted) is saved: a crash in between re-decides the same
 * alerts, whose idempotency keys the delivery layer sends once.
 */
export async function finishSync(run: SyncRun, now: Date, deps: FinishDeps): Promise<void> {
  const [listing, previous, source, setup] = await Promise.all([
    inventorySync.staged(run),
    inventory.load(),
    inventorySource.get(),
    deps.setup(),
  ]);
  const merged = mergeListing(previous, unique(listing), now);
  const decision = decideTokenAlerts({
    tokens: merged,
    warnDays: setup.policy.warnDays,
    now,
    limit: TOKEN_ALERTS_PER_SYNC,
  });
  const { deliveries, writes } = await plan(
    { alerts: decision.alerts, orgId: source?.orgId ?? '', setup },
    deps,
  );
  if (deliveries.length > 0) await deps.deliveries.push(deliveries);
  for (const w of writes) await withRetry(() => kvs.set(w.key, w.value, w.options));
  await inventory.save(decision.tokens, {
    lastSyncAt: now.toISOString(),
    lastSuccessAt: now.toISOString(),
    error: null,
    apiRequests: run.apiRequests,
  });
}
