import { showFlag } from '@forge/bridge';

let flags = 0;

/**
 * A success flag in the corner of Jira's page after an action, gone by itself. Only feedback: a
 * host that cannot show flags changes nothing about the action, so a failure here is dropped.
 */
export function flagSuccess(title: string, description?: string): void {
  flags += 1;
  try {
    showFlag({
      id: `token-health-${Date.now()}-${flags}`,
      title,
      ...(description ? { description } : {}),
      type: 'success',
      isAutoDismiss: true,
    });
  } catch {
    // Feedback only: the action itself already succeeded.
  }
}
