import type { Handlers } from './types';
import { ResolverFailure } from './envelope';

// PLACEHOLDER — replaced by the helper implementing the resolvers.
const todo = async (): Promise<never> => {
  throw new ResolverFailure('INTERNAL', 'not implemented');
};

export const handlers: Handlers = {
  getOverview: todo,
  getIntegration: todo,
  createIntegration: todo,
  updateIntegration: todo,
  testIntegration: todo,
  deleteIntegration: todo,
  checkNow: todo,
  setPaused: todo,
  snooze: todo,
  markRevoked: todo,
  getSettings: todo,
  saveSettings: todo,
  getAuditLog: todo,
};
