import { pollSeconds } from '../../domain/live';
import { changes } from '../../storage/changes';
import type { Handlers } from '../types';

export const liveHandlers: Pick<Handlers, 'getChanges'> = {
  /**
   * What changed since the page's last poll: one KVS request for every area's marker. The
   * interval comes along, so a Forge variable (or the local app) can set it without a redeploy.
   */
  async getChanges() {
    const marks = await changes.read();
    return { marks, pollSeconds: pollSeconds(process.env.TOKEN_HEALTH_POLL_SECONDS) };
  },
};
