import { kvs } from '@forge/kvs';
import { DEFAULT_SETTINGS, type Settings } from '../domain/settings';
import { keys } from './keys';

export const settings = {
  async get(): Promise<Settings> {
    return { ...DEFAULT_SETTINGS, ...((await kvs.get<Partial<Settings>>(keys.settings)) ?? {}) };
  },
  save: (value: Settings) => kvs.set(keys.settings, value),
};
