import { clock } from '../../platform/forge';
import { audit } from '../../storage/audit';
import { settings } from '../../storage/settings';
import type { Handlers } from '../types';
import { auditPayload, parse, settingsPayload } from '../validate';
import { logPage, recordAudit } from './common';

export const settingsHandlers: Pick<Handlers, 'getSettings' | 'saveSettings' | 'getAuditLog'> = {
  getSettings: () => settings.get(),

  async saveSettings(payload, ctx) {
    const next = parse(settingsPayload, payload);
    await settings.save(next);
    const detail = `warn ${next.warnDays.join(', ')} days ahead; check every ${next.defaultInterval} by default`;
    await recordAudit(ctx, 'save-settings', null, detail, clock());
    return next;
  },

  /** Newest first, a page at a time; `cursor` comes from the previous page. */
  async getAuditLog(payload) {
    const { cursor } = parse(auditPayload, payload);
    return logPage((c) => audit.page(c), cursor);
  },
};
