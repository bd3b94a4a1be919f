import { alertOf, hoursSince, type DecisionContext } from './context';
import type { Alert, Audience, HeldNotice, Incident, IncidentRef } from './types';

export interface IncidentStep {
  incident: Incident | null;
  alerts: Alert[];
}

type Step = [Incident, Alert[]];

function refOf(incident: Incident): IncidentRef {
  const { id, verdict, openedAt, jiraIssueKey } = incident;
  return jiraIssueKey ? { id, verdict, openedAt, jiraIssueKey } : { id, verdict, openedAt };
}

function without(held: HeldNotice[], notice: HeldNotice): HeldNotice[] {
  return held.filter((h) => h !== notice);
}

/** Once the escalation channel has heard of an incident, it hears everything after it too. */
function audience(incident: Incident): Audience {
  return incident.escalatedAt !== null && !incident.held.includes('escalation') ? 'all' : 'primary';
}

function failureAlert(ctx: DecisionContext, incident: Incident, n: number): Alert {
  return alertOf(ctx, {
    kind: 'failure',
    idempotencyKey: `${incident.id}:failure:${n}`,
    severity: 'critical',
    channels: audience(incident),
    incident: refOf(incident),
  });
}

/**
 * Named after the last success before it, not after the check that confirmed it: a check whose
 * store failed leaves that as it was, so its retry (another probe, another time) names the same
 * incident and the opening already sent dedupes. A new incident needs a success in between, so
 * it gets a new name. Opened at the confirming check, not at `now`.
 */
function open(ctx: DecisionContext): IncidentStep {
  const openedAt = ctx.last.checkedAt;
  const incident: Incident = {
    id: `${ctx.integrationId}:after:${ctx.lastSuccessAt ?? 'never'}`,
    verdict: ctx.last.verdict,
    openedAt,
    lastNotifiedAt: ctx.now.toISOString(),
    notices: 1,
    escalatedAt: null,
    held: ctx.suppressed ? ['opening'] : [],
  };
  return { incident, alerts: [failureAlert(ctx, incident, 0)] };
}

/**
 * Never suppressed: it closes what people were told (the Jira issue among it). An incident whose
 * opening was never sent closes silently: a recovery from something nobody heard of is noise.
 */
function recover(incident: Incident, ctx: DecisionContext): IncidentStep {
  if (incident.held.includes('opening')) return { incident: null, alerts: [] };
  const alert = alertOf(
    { ...ctx, suppressed: undefined },
    {
      kind: 'recovery',
      idempotencyKey: `${incident.id}:recovery`,
      severity: 'ok',
      channels: audience(incident),
      incident: refOf(incident),
    },
  );
  return { incident: null, alerts: [alert] };
}

/** The one failure or reminder notice due now, if any: the held opening, a new verdict, a reminder. */
function notice(incident: Incident, ctx: DecisionContext): Step {
  const touched = { ...incident, verdict: ctx.last.verdict, lastNotifiedAt: ctx.now.toISOString() };
  if (incident.held.includes('opening') && !ctx.suppressed) {
    const next = { ...touched, held: without(incident.held, 'opening') };
    return [next, [failureAlert(ctx, next, 0)]];
  }
  const next = { ...touched, notices: incident.notices + 1 };
  if (ctx.last.verdict !== incident.verdict) {
    return [next, [failureAlert(ctx, next, incident.notices)]];
  }
  if (hoursSince(incident.lastNotifiedAt, ctx.now) < ctx.policy.reminderHours)
    return [incident, []];
  const reminder = alertOf(ctx, {
    kind: 'reminder',
    idempotencyKey: `${incident.id}:reminder:${incident.notices}`,
    severity: 'critical',
    channels: audience(next),
    incident: refOf(next),
  });
  return [next, [reminder]];
}

/** Once per incident, to the escalation channel; held while suppressed, like the opening. */
function escalation(incident: Incident, ctx: DecisionContext): Step {
  const after = ctx.policy.escalateAfterHours;
  const releasing = incident.held.includes('escalation') && !ctx.suppressed;
  const due =
    after !== null &&
    incident.escalatedAt === null &&
    hoursSince(incident.openedAt, ctx.now) >= after;
  if (!releasing && !due) return [incident, []];
  const next: Incident = {
    ...incident,
    escalatedAt: incident.escalatedAt ?? ctx.now.toISOString(),
    held: releasing
      ? without(incident.held, 'escalation')
      : ctx.suppressed
        ? [...incident.held, 'escalation']
        : incident.held,
  };
  const alert = alertOf(ctx, {
    kind: 'escalation',
    idempotencyKey: `${incident.id}:escalation`,
    severity: 'critical',
    channels: 'escalation',
    incident: refOf(next),
  });
  return [next, [alert]];
}

function follow(incident: Incident, ctx: DecisionContext): IncidentStep {
  // The notice first, so a reminder decided with an escalation still goes to primary only.
  const [noticed, notices] = notice(incident, ctx);
  const [escalated, escalations] = escalation(noticed, ctx);
  return { incident: escalated, alerts: [...notices, ...escalations] };
}

/** Opens, follows or closes the integration's incident from the latest check. */
export function incidentStep(incident: Incident | null, ctx: DecisionContext): IncidentStep {
  if (!incident) return ctx.condition === 'failing' ? open(ctx) : { incident: null, alerts: [] };
  if (ctx.condition === 'working') return recover(incident, ctx);
  // One transient result during an incident neither clears nor repeats it.
  if (ctx.condition === 'unconfirmed') return { incident, alerts: [] };
  return follow(incident, ctx);
}
