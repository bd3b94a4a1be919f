import { kvs } from '@forge/kvs';
import type { Severity } from '../domain/verdict';
import { keys } from './keys';

/** What the last planner run did, for the admin page and for debugging a sweep. */
export interface SweepState {
  startedAt: string;
  finishedAt: string;
  slot: string;
  integrations: number;
  due: number;
  queuedEvents: number;
  /** Due checks queued in later minutes (Forge's queue rate), and those left to the next sweep. */
  later?: number;
  unplanned?: number;
  /** Integrations by severity as the sweep found them (paused ones left out): the heartbeat's body. */
  counts?: Record<Severity, number>;
  /** Names of those needing attention, most severe first, at most MAX_PING_NAMES. */
  attention?: string[];
}

export const sweepState = {
  get: () => kvs.get<SweepState>(keys.sweepState),
  save: (state: SweepState) => kvs.set(keys.sweepState, state),
};
