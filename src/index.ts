export { resolverHandler } from './resolvers';
export { checkConsumer, sweepTrigger } from './scheduler/handlers';
