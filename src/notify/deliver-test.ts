import type { Alert } from '../domain/alerts/types';
import type { IssuePlace, Notification } from './types';

/** Alerts about no integration: a Jira issue channel keeps its test issues in their own thread. */
export const TEST_INTEGRATION_ID = 'token-health-test';

/**
 * What "Send test alert" sends: plainly a test, so nobody acts on it, shaped like a failure
 * alert so the channel does everything a real one would (a Jira issue channel opens an issue).
 */
export function testNotification(
  channelName: string,
  now: Date,
  adminUrl: string,
  extra: { requestedBy?: string; issuePlace?: IssuePlace } = {},
): Notification {
  const at = now.toISOString();
  const alert: Alert = {
    kind: 'failure',
    integrationId: TEST_INTEGRATION_ID,
    idempotencyKey: `test:${at}`,
    severity: 'ok',
    channels: 'all',
    at,
    verdict: 'healthy',
  };
  return {
    alert,
    content: {
      title: `Test alert from Token Health to ${channelName}`,
      name: channelName,
      severity: 'ok',
      summary:
        'This is a test, sent from the Token Health admin page. Nothing is wrong and no credential is affected: real alerts will arrive here like this one.',
      since: null,
      evidence: [],
      expiresAt: null,
      daysLeft: null,
      lastSuccessAt: null,
      action: 'Nothing to do.',
      renewal: null,
      adminUrl,
    },
    integrationName: 'Test alert',
    ownerAccountId: null,
    about: { type: 'test', channelName, ...extra },
  };
}
