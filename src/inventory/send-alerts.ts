import { kvs } from '@forge/kvs';
import { routeAlert } from '../domain/alerts/routing';
import { tokenContent } from '../domain/alerts/token-content';
import { tokenKey, type OrgToken } from '../domain/inventory';
import { tokenName, type TokenAlert } from '../domain/inventory-alerts';
import { revokeUrl } from '../domain/inventory-view';
import type { AlertDelivery, DeliveryQueue } from '../notify/deliver-events';
import { deliveriesTo, type AlertSetup } from '../scheduler/alerting';
import { digestWrite, type KvsWrite } from '../storage/deliveries';
import { withRetry } from '../storage/retry';

export function why(err: unknown): string {
  return err instanceof Error ? err.message : 'unknown error';
}

/** One alert's deliveries and digest write, built on its own. */
interface Planned {
  token: OrgToken;
  deliveries: AlertDelivery[];
  writes: KvsWrite[];
}

export interface PlanInput {
  orgId: string;
  setup: AlertSetup;
  owners: Set<string>;
}

function planOne({ alert, token }: TokenAlert, { orgId, setup, owners }: PlanInput): Planned {
  const route = routeAlert(alert, setup.channels);
  const content = tokenContent({
    alert,
    token,
    adminUrl: setup.adminUrl,
    revokeUrl: revokeUrl(orgId, token.kind),
  });
  const owner = owners.has(token.owner.id) ? token.owner.id : null;
  const deliveries = deliveriesTo(alert, route.now, setup.channels, {
    content,
    integrationName: tokenName(token),
    ownerAccountId: owner,
  });
  const writes = route.digest.length > 0 ? [digestWrite({ alert, channelIds: route.digest })] : [];
  return { token, deliveries, writes };
}

/** Well under a push's 200 KB: one alert's events never fill a push on their own. */
const ALERT_EVENTS_BYTES = 64 * 1024;
/** A push holds at most 50 events and 200 KB (developer.atlassian.com/platform/forge/limits-async-events). */
const PUSH_EVENTS = 50;
const PUSH_BYTES = 180 * 1024;

/** Alerts grouped into pushes within Forge's limits, so a group is never refused for its size. */
function pushes(planned: Planned[]): Planned[][] {
  const groups: Planned[][] = [];
  let events = 0;
  let bytes = 0;
  for (const p of planned) {
    const size = Buffer.byteLength(JSON.stringify(p.deliveries));
    const last = groups[groups.length - 1];
    if (!last || events + p.deliveries.length > PUSH_EVENTS || bytes + size > PUSH_BYTES) {
      groups.push([p]);
      events = p.deliveries.length;
      bytes = size;
    } else {
      last.push(p);
      events += p.deliveries.length;
      bytes += size;
    }
  }
  return groups;
}

export interface Sent {
  /** Tokens whose alert was queued: only they keep what they were alerted about. */
  queued: Set<string>;
  failures: string[];
}

/**
 * Builds each alert on its own, then queues them in as few pushes as fit: one alert that cannot be
 * built, or is too big to queue, costs only itself; a refused push costs only its own group.
 */
export async function send(
  alerts: TokenAlert[],
  input: PlanInput,
  deps: { deliveries: DeliveryQueue },
): Promise<Sent> {
  const sent: Sent = { queued: new Set(), failures: [] };
  const planned: Planned[] = [];
  for (const alert of alerts) {
    try {
      const one = planOne(alert, input);
      if (Buffer.byteLength(JSON.stringify(one.deliveries)) > ALERT_EVENTS_BYTES) {
        throw new Error('the alert is too large to queue');
      }
      planned.push(one);
    } catch (err) {
      sent.failures.push(`${tokenName(alert.token)}: ${why(err)}`);
    }
  }
  for (const group of pushes(planned)) {
    try {
      const deliveries = group.flatMap((p) => p.deliveries);
      if (deliveries.length > 0) await deps.deliveries.push(deliveries);
      for (const w of group.flatMap((p) => p.writes)) {
        await withRetry(() => kvs.set(w.key, w.value, w.options));
      }
      for (const p of group) sent.queued.add(tokenKey(p.token));
    } catch (err) {
      sent.failures.push(...group.map((p) => `${tokenName(p.token)}: ${why(err)}`));
    }
  }
  return sent;
}
