import { clock } from '../../platform/forge';
import { alertSettings } from '../../storage/alerts';
import { deliveryLog } from '../../storage/deliveries';
import type { Handlers } from '../types';
import { auditPayload, parse } from '../validate';
import { parseAlertSettings } from './channel-input';
import { rememberSite } from './channels';
import { logPage, recordAudit } from './common';

export const alertPolicyHandlers: Pick<
  Handlers,
  'getAlertPolicy' | 'saveAlertPolicy' | 'getDeliveryLog'
> = {
  getAlertPolicy: () => alertSettings.get(),

  async saveAlertPolicy(payload, ctx) {
    const next = parseAlertSettings(payload, clock());
    await alertSettings.save(next);
    await rememberSite(ctx);
    const escalation =
      next.escalateAfterHours === null ? 'never' : `after ${next.escalateAfterHours} h`;
    const detail = `remind every ${next.reminderHours} h, escalate ${escalation}, ${next.maintenance.length} maintenance windows, digest at ${String(next.digestHour).padStart(2, '0')}:00 ${next.digestTimeZone}`;
    await recordAudit(ctx, 'save-alert-policy', null, detail, clock());
    return next;
  },

  /** Newest first, a page at a time; `cursor` comes from the previous page. */
  async getDeliveryLog(payload) {
    const { cursor } = parse(auditPayload, payload);
    return logPage((c) => deliveryLog.page(c), cursor);
  },
};
