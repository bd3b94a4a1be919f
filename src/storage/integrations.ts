import { kvs } from '@forge/kvs';
import { revisionOf } from '../domain/revision';
import type { IntegrationRecord } from '../domain/schedule';
import { loadedRecord, storedRecord, type StoredRecord } from '../domain/stored-record';
import { deleteMarked } from './changes';
import { consumerKeys } from './consumer-keys';
import { history } from './history';
import { keys } from './keys';
import { queryAll } from './query';
import { withRetry } from './retry';

/** Integrations (one JSON value each) and their secrets, kept apart under parallel secret keys. */
export const integrations = {
  get: async (id: string) => {
    const stored = await withRetry(() => kvs.get<StoredRecord>(keys.integration(id)));
    return stored && loadedRecord(stored);
  },
  list: async () =>
    (await queryAll<StoredRecord>(keys.integrationPrefix)).map((r) => loadedRecord(r.value)),
  /**
   * The revision goes first: until the record follows it differs from the record's, which only
   * makes a check read the record whole; the other order could let a check take a changed
   * record for the one it read.
   */
  save: async (record: IntegrationRecord) => {
    await withRetry(() => kvs.set(keys.revision(record.id), revisionOf(record)));
    await withRetry(() => kvs.set(keys.integration(record.id), storedRecord(record)));
  },
  getSecret: (id: string) => kvs.getSecret<string>(keys.secret(id)),
  setSecret: (id: string, secret: string) =>
    withRetry(() => kvs.setSecret(keys.secret(id), secret)),
  deleteSecret: (id: string) => withRetry(() => kvs.deleteSecret(keys.secret(id))),
  /** Forgets a kept OAuth grant's tokens, so the next check starts from the secret's. */
  clearGrant: (id: string) => withRetry(() => kvs.deleteSecret(keys.grant(id))),
  /** Forgets a token minted for vending: no live token of a deleted integration stays stored. */
  clearMinted: (id: string) => withRetry(() => kvs.deleteSecret(keys.mintedToken(id))),

  /**
   * Removes the integration with everything kept about it. The record goes first, so a check
   * finishing now stores nothing; the overview row last, so a delete that fails part-way stays
   * listed and can be repeated until no secret is left. Only a listed one (`listed`) moves the
   * page's change marker: removing what was never shown changes nothing the page shows.
   */
  async remove(id: string, listed = true): Promise<void> {
    // The revision first, for the same reason as in save: a record without one is read whole.
    await withRetry(() => kvs.delete(keys.revision(id)));
    await withRetry(() => kvs.delete(keys.integration(id)));
    await integrations.deleteSecret(id);
    await integrations.clearGrant(id);
    await integrations.clearMinted(id);
    await consumerKeys.removeAll(id);
    await history.removeAll(id);
    const issues = await queryAll<unknown>(keys.incidentIssuePrefix(id));
    const rest = [
      keys.status(id),
      keys.checked(id),
      keys.evidence(id),
      keys.alert(id),
      ...issues.map((i) => i.key),
    ];
    for (const key of rest) await withRetry(() => kvs.delete(key));
    if (listed) await deleteMarked('integrations', keys.summary(id));
    else await withRetry(() => kvs.delete(keys.summary(id)));
  },
};
