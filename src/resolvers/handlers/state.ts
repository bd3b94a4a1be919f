import type { AuditAction } from '../../domain/audit';
import type { IntegrationRecord } from '../../domain/schedule';
import type { IntegrationSummary } from '../../domain/summary';
import { clock } from '../../platform/forge';
import type { CallContext, Handlers } from '../types';
import { parse, pausePayload, revokedPayload, snoozePayload } from '../validate';
import { auditName, loadTarget, recordAudit, saveRecord } from './common';

interface Change {
  action: AuditAction;
  edit: (record: IntegrationRecord) => IntegrationRecord;
  /** What happened, for the audit log. */
  detail: string;
}

/** One state change: the record and its overview row together, then the audit entry. */
async function apply(id: string, ctx: CallContext, change: Change): Promise<IntegrationSummary> {
  const { record, status } = await loadTarget(id);
  const now = clock();
  const next = change.edit(record);
  const summary = await saveRecord(next, status, now);
  await recordAudit(ctx, change.action, id, `${auditName(next)}: ${change.detail}`, now);
  return summary;
}

export const stateHandlers: Pick<Handlers, 'setPaused' | 'snooze' | 'markRevoked'> = {
  async setPaused(payload, ctx) {
    const { id, paused } = parse(pausePayload, payload);
    return apply(id, ctx, {
      action: paused ? 'pause' : 'resume',
      edit: (r) => ({ ...r, paused }),
      detail: paused ? 'no scheduled checks until resumed' : 'scheduled checks again',
    });
  },

  async snooze(payload, ctx) {
    const { id, until } = parse(snoozePayload(clock()), payload);
    return apply(id, ctx, {
      action: until ? 'snooze' : 'unsnooze',
      edit: (r) => ({ ...r, snoozedUntil: until }),
      detail: until ? `snoozed until ${until}` : 'snooze ended',
    });
  },

  /** Revocation tracking: the sweep then probes every 5 minutes until the service refuses it. */
  async markRevoked(payload, ctx) {
    const { id, revokedAt } = parse(revokedPayload(clock()), payload);
    return apply(id, ctx, {
      action: revokedAt ? 'mark-revoked' : 'clear-revoked',
      edit: (r) => ({ ...r, revokedAt }),
      detail: revokedAt
        ? `revoked at ${revokedAt}: checked every 5 minutes until the service refuses it`
        : 'no longer marked revoked',
    });
  },
};
