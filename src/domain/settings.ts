import { DEFAULT_WARN_DAYS } from './expiry';
import { DEFAULT_INTERVAL, type IntervalKey } from './schedule';

export interface Settings {
  warnDays: number[];
  defaultInterval: IntervalKey;
}

export const DEFAULT_SETTINGS: Settings = {
  warnDays: [...DEFAULT_WARN_DAYS],
  defaultInterval: DEFAULT_INTERVAL,
};
