import { kvs } from '@forge/kvs';
import type { ChannelConfig } from '../domain/channels';
import { deleteMarked, setMarked } from './changes';
import { keys } from './keys';
import { queryAll } from './query';

/** A channel's settings as its type defines them (see src/domain/channels.ts), never its secret. */
export interface ChannelRecord {
  config: ChannelConfig;
  /** How the admin page tells two secrets apart; null when the channel type has none. */
  secretFingerprint: string | null;
  updatedAt: string;
}

/** Channels (one JSON value each) and their secrets, kept apart under parallel secret keys. */
export const channels = {
  get: (id: string) => kvs.get<ChannelRecord>(keys.channel(id)),
  list: async () => (await queryAll<ChannelRecord>(keys.channelPrefix)).map((r) => r.value),
  save: (record: ChannelRecord) =>
    setMarked('alerts', [{ key: keys.channel(record.config.id), value: record }]),
  getSecret: (id: string) => kvs.getSecret<unknown>(keys.channelSecret(id)),
  setSecret: (id: string, secret: unknown) => kvs.setSecret(keys.channelSecret(id), secret),

  async remove(id: string): Promise<void> {
    await deleteMarked('alerts', keys.channel(id));
    await kvs.deleteSecret(keys.channelSecret(id));
  },
};
