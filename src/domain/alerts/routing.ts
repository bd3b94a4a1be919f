import type { Alert } from './types';

/** How the policy sees a configured channel: its role and whether it wants a daily digest. */
export interface ChannelPolicy {
  id: string;
  role: 'primary' | 'escalation';
  /** Gets one digest a day instead of each alert as it happens. */
  digest: boolean;
}

export interface Route {
  /** Channels to send the alert to now. */
  now: string[];
  /** Channels whose next digest lists it. */
  digest: string[];
}

function addressed(alert: Alert, channel: ChannelPolicy): boolean {
  return alert.channels === 'all' || alert.channels === channel.role;
}

/** A suppressed alert is sent nowhere now, but a digest still lists it as held back. */
export function routeAlert(alert: Alert, channels: readonly ChannelPolicy[]): Route {
  const mine = channels.filter((c) => addressed(alert, c));
  return {
    now: alert.suppressed ? [] : mine.filter((c) => !c.digest).map((c) => c.id),
    digest: mine.filter((c) => c.digest).map((c) => c.id),
  };
}
