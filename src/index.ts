export { inventoryConsumer, inventoryTrigger } from './inventory/handlers';
export { resolverHandler } from './resolvers';
export {
  expiringBetweenAction,
  explainCredentialAction,
  needsAttentionAction,
  orgTokensAction,
  recentAlertsAction,
} from './rovo/actions';
export { alertConsumer, checkConsumer, sweepTrigger } from './scheduler/handlers';
export { vendToken } from './vending';
