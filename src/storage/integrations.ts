import { kvs } from '@forge/kvs';
import type { IntegrationRecord } from '../domain/schedule';
import { keys } from './keys';
import { queryAll } from './query';

/** Integrations (one JSON value each) and their secrets, kept apart under parallel secret keys. */
export const integrations = {
  get: (id: string) => kvs.get<IntegrationRecord>(keys.integration(id)),
  list: async () => (await queryAll<IntegrationRecord>(keys.integrationPrefix)).map((r) => r.value),
  save: (record: IntegrationRecord) => kvs.set(keys.integration(record.id), record),
  getSecret: (id: string) => kvs.getSecret<string>(keys.secret(id)),
  setSecret: (id: string, secret: string) => kvs.setSecret(keys.secret(id), secret),
  /** Forgets a kept OAuth grant's tokens, so the next check starts from the secret's. */
  clearGrant: (id: string) => kvs.deleteSecret(keys.grant(id)),

  /** Removes the integration with everything kept about it but its history (see history.ts). */
  async remove(id: string): Promise<void> {
    await kvs.delete(keys.integration(id));
    await kvs.deleteSecret(keys.secret(id));
    await kvs.deleteSecret(keys.grant(id));
    await kvs.delete(keys.status(id));
    await kvs.delete(keys.summary(id));
    await kvs.delete(keys.alert(id));
    for (const issue of await queryAll<unknown>(keys.incidentIssuePrefix(id))) {
      await kvs.delete(issue.key);
    }
  },
};
