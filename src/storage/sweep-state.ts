import { kvs } from '@forge/kvs';
import { keys } from './keys';

/** What the last planner run did, for the admin page and for debugging a sweep. */
export interface SweepState {
  startedAt: string;
  finishedAt: string;
  slot: string;
  integrations: number;
  due: number;
  queuedEvents: number;
}

export const sweepState = {
  get: () => kvs.get<SweepState>(keys.sweepState),
  save: (state: SweepState) => kvs.set(keys.sweepState, state),
};
