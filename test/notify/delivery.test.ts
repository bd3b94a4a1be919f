// First: the local platform must be installed before the app's code loads @forge/api.
import { startApp } from '../support/app';
import type { LocalForge } from '../../local/forge-runtime';
import { buildContent } from '../../src/domain/alerts/content';
import type { Alert } from '../../src/domain/alerts/types';
import type { AlertDelivery, DeliveryEvent } from '../../src/notify/deliver-events';
import { deliver, retryDelay } from '../../src/notify/delivery';
import type { NotifierRegistry } from '../../src/notify/delivery-job';
import type { ChannelBase, ChannelConfig } from '../../src/domain/channels';
import type { Notification, Notifier, SendResult } from '../../src/notify/types';
import type { FetchLike } from '../../src/http/client';
import { DELIVERY_BACKOFF_SECONDS, SEND_LEASE_SECONDS } from '../../src/domain/delivery-limits';
import { channels } from '../../src/storage/channels';
import { deliveryLog, sends, type DeliveryLogEntry } from '../../src/storage/deliveries';
import { at, record, Sweep } from '../domain/alerts/fixtures';

/** A channel type's stand-in: records what it was asked to send, answers what it is told. */
class Recorder implements Notifier<ChannelBase, unknown> {
  readonly sent: Notification[] = [];
  readonly answers: (SendResult | Error)[] = [];

  validate(): Record<string, string> {
    return {};
  }

  async send(n: Notification): Promise<SendResult> {
    this.sent.push(n);
    const answer = this.answers.shift() ?? { ok: true, retryable: false, detail: 'accepted' };
    if (answer instanceof Error) throw answer;
    return answer;
  }
}

const SLACK_URL_TOKEN = 'T000/B000/slackUrlTokenXYZ';
const failing = (retryable: boolean, extra: Partial<SendResult> = {}): SendResult => ({
  ok: false,
  retryable,
  detail: retryable ? 'Slack answered 503' : 'Slack answered 404: no_service',
  ...extra,
});

const channel = (id: string, type: ChannelConfig['type'], extra = {}): ChannelConfig =>
  ({
    id,
    type,
    name: `${type} channel`,
    enabled: true,
    role: 'primary',
    digest: false,
    ...extra,
  }) as ChannelConfig;

/** A rejected credential's opening alert and, a day later, its reminder: one incident. */
function incidentAlerts(): { sweep: Sweep; failure: Alert; reminder: Alert } {
  const sweep = new Sweep(record());
  const [failure] = sweep.check('rejected', at(0));
  const [reminder] = sweep.check('rejected', at(25));
  if (!failure || !reminder) throw new Error('the policy decided no incident');
  return { sweep, failure, reminder };
}

function eventFor(
  sweep: Sweep,
  alert: Alert,
  channelId: string,
  then: string[] = [],
): AlertDelivery {
  const content = buildContent({ alert, record: sweep.rec, status: sweep.status, adminUrl: 'x' });
  return {
    type: 'alert',
    channelId,
    alert,
    content,
    integrationName: 'CI bot',
    ownerAccountId: null,
    then,
  };
}

describe('delivering one alert to one channel', () => {
  let forge: LocalForge;
  let notifiers: Record<ChannelConfig['type'], Recorder>;
  let pushed: DeliveryEvent[];

  beforeEach(async () => {
    jest.useFakeTimers({
      doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'clearTimeout', 'queueMicrotask'],
      now: at(30),
    });
    forge = await startApp([]);
    notifiers = {
      'jira-issue': new Recorder(),
      'jira-email': new Recorder(),
      slack: new Recorder(),
      teams: new Recorder(),
      webhook: new Recorder(),
    };
    pushed = [];
    await forge.run(async () => {
      for (const c of [
        channel('issue', 'jira-issue'),
        channel('mail', 'jira-email'),
        channel('slack', 'slack'),
        channel('off', 'teams', { enabled: false }),
      ]) {
        await channels.save({ config: c, secretFingerprint: null, updatedAt: at(0).toISOString() });
      }
      await channels.setSecret('slack', `https://hooks.slack.com/services/${SLACK_URL_TOKEN}`);
    });
  });
  afterEach(async () => {
    await forge.stop();
    jest.useRealTimers();
  });

  /** One delivery, a second after the last: the log orders entries by time. */
  const run = (event: DeliveryEvent, attempt = 0, holder = `inv-${Math.random()}`) => {
    jest.setSystemTime(Date.now() + 1000);
    return forge.run(() =>
      deliver(event, {
        notifiers: notifiers as NotifierRegistry,
        fetch: (() => Promise.reject(new Error('no fetch here'))) as FetchLike,
        jira: () => Promise.reject(new Error('no Jira here')),
        now: () => new Date(),
        queue: { push: async (events) => void pushed.push(...events) },
        holder,
        attempt,
        adminPath: '/jira/settings/apps/app/env',
      }),
    );
  };
  const log = async (): Promise<DeliveryLogEntry[]> =>
    (await forge.run(() => deliveryLog.page())).entries.reverse();

  it('sends an alert once, however often Forge delivers its event', async () => {
    const { sweep, failure } = incidentAlerts();
    const event = eventFor(sweep, failure, 'slack');
    expect(await run(event)).toBeUndefined();
    expect(await run(event)).toBeUndefined();
    expect(await run(event, 1)).toBeUndefined();
    expect(notifiers.slack.sent).toHaveLength(1);
    expect((await log()).map((e) => [e.outcome, e.kind, e.channelName])).toEqual([
      ['sent', 'failure', 'slack channel'],
    ]);
  });

  it('leaves an alert another delivery is sending alone, and takes over once that claim expires', async () => {
    const { sweep, failure } = incidentAlerts();
    await forge.run(() =>
      sends.claim('slack', failure.idempotencyKey, 'crashed-invocation', SEND_LEASE_SECONDS),
    );
    expect(await run(eventFor(sweep, failure, 'slack'))).toBe(SEND_LEASE_SECONDS);
    expect(notifiers.slack.sent).toHaveLength(0);

    jest.setSystemTime(Date.now() + (SEND_LEASE_SECONDS + 1) * 1000);
    expect(await run(eventFor(sweep, failure, 'slack'), 1)).toBeUndefined();
    expect(notifiers.slack.sent).toHaveLength(1);
  });

  it('retries a failed send with growing waits, then gives up and says so', async () => {
    const { sweep, failure } = incidentAlerts();
    notifiers.slack.answers.push(failing(true), failing(true), failing(true), failing(true));
    const waits = [];
    for (let attempt = 0; attempt <= DELIVERY_BACKOFF_SECONDS.length; attempt += 1) {
      waits.push(await run(eventFor(sweep, failure, 'slack'), attempt));
    }
    expect(waits).toEqual([30, 120, 600, undefined]);
    expect(notifiers.slack.sent).toHaveLength(4);
    expect((await log()).map((e) => [e.outcome, e.detail])).toEqual([
      ['retrying', 'Slack answered 503; trying again in 30 s'],
      ['retrying', 'Slack answered 503; trying again in 2 min'],
      ['retrying', 'Slack answered 503; trying again in 10 min'],
      ['failed', 'Slack answered 503; gave up after 4 tries'],
    ]);
  });

  it('sends on the retry after a failure: a failed send leaves no claim behind', async () => {
    const { sweep, failure } = incidentAlerts();
    notifiers.slack.answers.push(failing(true));
    expect(await run(eventFor(sweep, failure, 'slack'))).toBe(30);
    expect(await run(eventFor(sweep, failure, 'slack'), 1)).toBeUndefined();
    expect((await log()).map((e) => e.outcome)).toEqual(['retrying', 'sent']);
  });

  it('does not retry what only new settings can fix', async () => {
    const { sweep, failure } = incidentAlerts();
    notifiers.slack.answers.push(failing(false));
    expect(await run(eventFor(sweep, failure, 'slack'))).toBeUndefined();
    expect((await log()).map((e) => [e.outcome, e.detail])).toEqual([
      ['failed', 'Slack answered 404: no_service'],
    ]);
  });

  it("waits at least as long as the service's Retry-After, and never past Forge's 15 minutes", () => {
    expect(retryDelay(failing(true, { retryAfterSeconds: 300 }), 0)).toBe(300);
    expect(retryDelay(failing(true, { retryAfterSeconds: 5 }), 1)).toBe(120);
    expect(retryDelay(failing(true, { retryAfterSeconds: 7200 }), 0)).toBe(900);
  });

  it('counts an unexpected error as a failed send, without its message (it may hold a URL)', async () => {
    const { sweep, failure } = incidentAlerts();
    notifiers.slack.answers.push(
      new Error(`fetch https://hooks.slack.com/services/${SLACK_URL_TOKEN}`),
    );
    expect(await run(eventFor(sweep, failure, 'slack'))).toBe(30);
    const [entry] = await log();
    expect(entry).toMatchObject({
      outcome: 'retrying',
      detail: expect.stringContaining('on our side'),
    });
    expect(JSON.stringify(forge.kvs.dump().values)).not.toContain(SLACK_URL_TOKEN);
  });

  it('skips a channel turned off or deleted since the alert was queued', async () => {
    const { sweep, failure } = incidentAlerts();
    await run(eventFor(sweep, failure, 'off'));
    await run(eventFor(sweep, failure, 'gone'));
    expect(notifiers.teams.sent).toHaveLength(0);
    expect((await log()).map((e) => [e.outcome, e.detail])).toEqual([
      ['skipped', 'not sent: the channel is turned off'],
      ['skipped', 'the channel was deleted'],
    ]);
  });

  it('queues Jira email once the issue is open, with its key, and again on a redelivery', async () => {
    const { sweep, failure } = incidentAlerts();
    notifiers['jira-issue'].answers.push({
      ok: true,
      retryable: false,
      detail: 'opened OPS-7',
      jiraIssueKey: 'OPS-7',
    });
    const event = eventFor(sweep, failure, 'issue', ['mail']);
    await run(event);
    expect(pushed).toEqual([{ ...event, channelId: 'mail', then: [], jiraIssueKey: 'OPS-7' }]);
    // The issue channel's redelivery sends nothing, but queues the email again: if the first
    // push was lost with the invocation, this one still gets the mail out; if not, it dedupes.
    await run(event);
    expect(notifiers['jira-issue'].sent).toHaveLength(1);
    for (const queued of [...pushed]) await run(queued);
    expect(notifiers['jira-email'].sent).toHaveLength(1);
    expect(notifiers['jira-email'].sent[0]?.jiraIssueKey).toBe('OPS-7');
  });

  it('says why Jira email was not sent when the issue could not be opened', async () => {
    const { sweep, failure } = incidentAlerts();
    notifiers['jira-issue'].answers.push({
      ok: false,
      retryable: false,
      detail: 'Jira could not create the issue (400): project: valid project is required',
    });
    await run(eventFor(sweep, failure, 'issue', ['mail']));
    expect(pushed).toEqual([]);
    const outcomes = (await log()).map((e) => [e.channelId, e.outcome, e.detail]);
    expect(outcomes.sort()).toEqual([
      [
        'issue',
        'failed',
        'Jira could not create the issue (400): project: valid project is required',
      ],
      [
        'mail',
        'skipped',
        'not sent: it mails about the Jira issue, which jira-issue channel could not open',
      ],
    ]);
  });

  it("hands the incident's issue to its later alerts in that channel", async () => {
    const { sweep, failure, reminder } = incidentAlerts();
    notifiers['jira-issue'].answers.push({
      ok: true,
      retryable: false,
      detail: 'opened OPS-7',
      jiraIssueKey: 'OPS-7',
    });
    await run(eventFor(sweep, failure, 'issue'));
    await run(eventFor(sweep, reminder, 'issue'));
    await run(eventFor(sweep, reminder, 'slack'));
    expect(notifiers['jira-issue'].sent.map((n) => n.alert.incident?.jiraIssueKey)).toEqual([
      undefined,
      'OPS-7',
    ]);
    expect(notifiers.slack.sent[0]?.alert.incident?.jiraIssueKey).toBeUndefined();
  });
});
