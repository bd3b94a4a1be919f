import { kvs } from '@forge/kvs';
import type { IntegrationStatus } from '../domain/schedule';
import { keys } from './keys';
import { queryAll } from './query';

export const statuses = {
  get: (id: string) => kvs.get<IntegrationStatus>(keys.status(id)),
  list: async () => (await queryAll<IntegrationStatus>(keys.statusPrefix)).map((r) => r.value),
  save: (status: IntegrationStatus) => kvs.set(keys.status(status.id), status),
};
