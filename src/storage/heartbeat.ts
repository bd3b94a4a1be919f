import { kvs } from '@forge/kvs';
import {
  DEFAULT_HEARTBEAT,
  type HeartbeatConfig,
  type HeartbeatOutcome,
  type HeartbeatUrls,
} from '../domain/heartbeat';
import { keys } from './keys';
import { acquireLease } from './lease';
import { withRetry } from './retry';

/** A slot's claim outlives any redelivery of its trigger; a day keeps the keys from piling up. */
const SENT_TTL_SECONDS = 86_400;

/** The heartbeat's settings, its URLs (a secret, never returned), its last outcome and claims. */
export const heartbeat = {
  async get(): Promise<HeartbeatConfig> {
    return { ...DEFAULT_HEARTBEAT, ...((await kvs.get<HeartbeatConfig>(keys.heartbeat)) ?? {}) };
  },
  save: (config: HeartbeatConfig) => withRetry(() => kvs.set(keys.heartbeat, config)),
  getUrls: () => kvs.getSecret<HeartbeatUrls>(keys.heartbeatUrls),
  setUrls: (urls: HeartbeatUrls) => withRetry(() => kvs.setSecret(keys.heartbeatUrls, urls)),
  deleteUrls: () => withRetry(() => kvs.deleteSecret(keys.heartbeatUrls)),
  outcome: () => kvs.get<HeartbeatOutcome>(keys.heartbeatOutcome),
  saveOutcome: (outcome: HeartbeatOutcome) => kvs.set(keys.heartbeatOutcome, outcome),

  /**
   * Claims the slot's one ping: `FAIL_IF_EXISTS` lets exactly one run create the key, whether the
   * trigger fired twice, overlapped or was redelivered. False when another run has it.
   */
  claim: (slotAndKind: string, holder: string) =>
    acquireLease(keys.heartbeatSent(slotAndKind), holder, SENT_TTL_SECONDS),
};
