import { kvs } from '@forge/kvs';
import type { IntegrationStatus } from '../domain/schedule';
import { loadedStatus, storedStatus, type StoredStatus } from '../domain/stored-status';
import { keys } from './keys';
import { queryAll } from './query';

/** Statuses are stored compact (stored-status.ts) and read back whole. */
export const statuses = {
  get: async (id: string) => {
    const stored = await kvs.get<StoredStatus>(keys.status(id));
    return stored ? loadedStatus(stored) : undefined;
  },
  list: async () =>
    (await queryAll<StoredStatus>(keys.statusPrefix)).map((r) => loadedStatus(r.value)),
  save: (status: IntegrationStatus) => kvs.set(keys.status(status.id), storedStatus(status)),
};
