export { inventoryConsumer, inventoryTrigger } from './inventory/handlers';
export { resolverHandler } from './resolvers';
export { alertConsumer, checkConsumer, sweepTrigger } from './scheduler/handlers';
export { vendToken } from './vending';
