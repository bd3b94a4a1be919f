import { clock } from '../../platform/forge';
import { audit } from '../../storage/audit';
import { settings } from '../../storage/settings';
import type { Handlers } from '../types';
import { displayNames } from '../user-names';
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

  /** Newest first, a page at a time; `cursor` comes from the previous page. Actors by name. */
  async getAuditLog(payload) {
    const { cursor } = parse(auditPayload, payload);
    const page = await logPage((c) => audit.page(c), cursor);
    const names = await displayNames(
      page.entries.map((e) => e.actorAccountId),
      clock(),
    );
    const entries = page.entries.map((e) => {
      const actorName = e.actorAccountId ? names.get(e.actorAccountId) : undefined;
      return actorName ? { ...e, actorName } : e;
    });
    return { ...page, entries };
  },
};
