import { alertPolicyHandlers } from './handlers/alert-policy';
import { channelHandlers } from './handlers/channels';
import { checkHandlers } from './handlers/checks';
import { cloudIdHandlers } from './handlers/cloud-id';
import { heartbeatHandlers } from './handlers/heartbeat';
import { consumerKeyHandlers } from './handlers/consumer-keys';
import { integrationHandlers } from './handlers/integrations';
import { liveHandlers } from './handlers/live';
import { inventoryHandlers } from './handlers/inventory';
import { overviewHandlers } from './handlers/overview';
import { settingsHandlers } from './handlers/settings';
import { stateHandlers } from './handlers/state';
import type { Handlers } from './types';

/** Every resolver of ResolverMap, by group; index.ts puts the admin guard in front of each. */
export const handlers: Handlers = {
  ...overviewHandlers,
  ...integrationHandlers,
  ...checkHandlers,
  ...stateHandlers,
  ...settingsHandlers,
  ...heartbeatHandlers,
  ...channelHandlers,
  ...alertPolicyHandlers,
  ...inventoryHandlers,
  ...cloudIdHandlers,
  ...liveHandlers,
  ...consumerKeyHandlers,
};
