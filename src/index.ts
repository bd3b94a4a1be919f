export { checkConsumer, sweepTrigger } from './scheduler/handlers';
