import { DAY_MS } from '../expiry';
import { alertOf, type DecisionContext } from './context';
import type { Alert, ExpiryMemory } from './types';

export interface ThresholdStep {
  expiry: ExpiryMemory | null;
  alerts: Alert[];
}

/** The UTC day: an expiry instant that jitters within its day is still the same credential. */
function dayOf(expiresAt: string): string | null {
  const ms = Date.parse(expiresAt);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString().slice(0, 10);
}

function expiringAlert(
  ctx: DecisionContext,
  expiresAt: string,
  day: string,
  threshold: number,
): Alert {
  const msLeft = Date.parse(expiresAt) - ctx.now.getTime();
  return alertOf(ctx, {
    kind: 'expiring',
    idempotencyKey: `${ctx.integrationId}:expiring:${day}:${threshold}`,
    severity: msLeft <= DAY_MS ? 'critical' : 'warning',
    channels: 'primary',
    threshold,
    expiresAt,
  });
}

/**
 * Warnings were given for an earlier expiry date and the working credential now expires later:
 * it was renewed. Never held back, like a recovery: it closes what people were told. `quiet`
 * when a recovery of the same check already says the credential works again.
 */
function renewal(
  memory: ExpiryMemory | null,
  day: string,
  expiresAt: string,
  ctx: DecisionContext,
  quiet: boolean,
): Alert | null {
  if (quiet || !memory || memory.fired.length === 0 || memory.day >= day) return null;
  if (ctx.condition !== 'working') return null;
  return alertOf(
    { ...ctx, suppressed: undefined },
    {
      kind: 'renewed',
      idempotencyKey: `${ctx.integrationId}:renewed:${memory.day}`,
      severity: 'ok',
      channels: 'primary',
      expiresAt,
    },
  );
}

/**
 * Each threshold fires once per expiry date. Crossing several at once (first seen with 5 days
 * left) fires only the smallest and marks the others: "30 days left" after "5 days left" is noise.
 */
export function thresholdStep(
  memory: ExpiryMemory | null,
  ctx: DecisionContext,
  quiet = false,
): ThresholdStep {
  const expiresAt = ctx.last.expiresAt;
  const day = expiresAt ? dayOf(expiresAt) : null;
  // An unknown date (a failed check of a service-read expiry) keeps what was fired for the known one;
  // so does a date the service just proved wrong: "it expired" would go against the evidence.
  if (!expiresAt || !day || ctx.last.verdict === 'wrong-expiry-date') {
    return { expiry: memory, alerts: [] };
  }
  const renewed = renewal(memory, day, expiresAt, ctx, quiet);
  const step = warnings(memory, ctx, expiresAt, day);
  return renewed ? { ...step, alerts: [renewed, ...step.alerts] } : step;
}

function warnings(
  memory: ExpiryMemory | null,
  ctx: DecisionContext,
  expiresAt: string,
  day: string,
): ThresholdStep {
  const current = memory?.day === day ? memory : { day, fired: [], held: null };
  const msLeft = Date.parse(expiresAt) - ctx.now.getTime();
  const crossed = ctx.warnDays.filter((d) => msLeft <= d * DAY_MS);
  if (crossed.length === 0) return { expiry: current, alerts: [] };
  const smallest = Math.min(...crossed);
  const fired = [...new Set([...current.fired, ...crossed])].sort((a, b) => b - a);
  if (!current.fired.includes(smallest)) {
    const held = ctx.suppressed ? smallest : null;
    return { expiry: { day, fired, held }, alerts: [expiringAlert(ctx, expiresAt, day, smallest)] };
  }
  if (current.held !== null && !ctx.suppressed) {
    const alert = expiringAlert(ctx, expiresAt, day, current.held);
    return { expiry: { day, fired, held: null }, alerts: [alert] };
  }
  return { expiry: { ...current, fired }, alerts: [] };
}
