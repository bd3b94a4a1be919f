import { kvs } from '@forge/kvs';
import type { IntegrationStatus } from '../domain/schedule';
import {
  mergedStatus,
  stableOf,
  tickOf,
  type StableStatus,
  type StatusTick,
} from '../domain/status-tick';
import { readWholeStatuses } from './check-store';
import { keys } from './keys';
import { queryAll } from './query';
import { withRetry } from './retry';

/** Statuses are stored in two parts (domain/status-tick.ts) and read back whole. */
export const statuses = {
  get: async (id: string) => {
    const [stable, tick] = await Promise.all([
      withRetry(() => kvs.get<StableStatus>(keys.status(id))),
      withRetry(() => kvs.get<StatusTick>(keys.checked(id))),
    ]);
    return mergedStatus(id, stable, tick);
  },
  /**
   * What the planner needs of every status, from the ticks alone: when each is due, its back-off
   * and revocation watch, its severity. The rest of each status (`last`, older roll-ups) is left out.
   */
  schedules: async () =>
    (await queryAll<StatusTick>(keys.checkedPrefix)).flatMap((r) => {
      const status = mergedStatus(r.key.slice(keys.checkedPrefix.length), undefined, r.value);
      return status ? [status] : [];
    }),
  /** Statuses stored whole before ticks existed, for integrations that have no tick yet. */
  withoutTicks: (ids: readonly string[]) => readWholeStatuses(ids),
  save: async (status: IntegrationStatus) => {
    const tick = await withRetry(() => kvs.get<StatusTick>(keys.checked(status.id)));
    const { alerted, evidence, evidenceKept } = tick ?? {};
    const kept = { alerted, evidence, evidenceKept };
    await withRetry(() =>
      kvs
        .transact()
        .set(keys.status(status.id), stableOf(status))
        .set(keys.checked(status.id), tickOf(status, kept))
        .execute(),
    );
  },
};
