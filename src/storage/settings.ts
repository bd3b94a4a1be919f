import { kvs } from '@forge/kvs';
import { DEFAULT_SETTINGS, type Settings } from '../domain/settings';
import { setMarked } from './changes';
import { keys } from './keys';

export const settings = {
  async get(): Promise<Settings> {
    return { ...DEFAULT_SETTINGS, ...((await kvs.get<Partial<Settings>>(keys.settings)) ?? {}) };
  },
  /** The overview shows the settings: its change marker moves in the same request. */
  save: (value: Settings) => setMarked('integrations', [{ key: keys.settings, value }]),
};
