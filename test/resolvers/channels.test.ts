// First: the local platform must be installed before the app's code loads @forge/api.
import {
  ADMIN,
  AlertWorld,
  SIGNING_KEY,
  SITE,
  SLACK_HOOK,
  TEAMS_HOOK,
} from '../support/alert-world';
import type { MaintenanceWindow } from '../../src/domain/alerts/types';
import { dayFromToday } from '../support/clock';
import type { ChannelInput } from '../../src/resolvers/contract';

const SLACK = { type: 'slack', name: 'Ops Slack', enabled: true, role: 'primary', digest: false };
const slackInput = (extra: Partial<ChannelInput> = {}): ChannelInput =>
  ({ config: SLACK, secret: SLACK_HOOK, ...extra }) as ChannelInput;

const POLICY = {
  reminderHours: 12,
  escalateAfterHours: 48,
  maintenance: [],
  digestHour: 7,
  digestTimeZone: 'UTC',
};

describe('the channel and alert policy resolvers', () => {
  let world: AlertWorld;

  beforeEach(async () => {
    world = await AlertWorld.start();
  });
  afterEach(() => world.stop());

  it('keeps a channel secret write-only: stored as a secret, shown as a fingerprint, kept when left out', async () => {
    const created = await world.call('saveChannel', slackInput());
    expect(created).toMatchObject({ config: { ...SLACK, id: expect.any(String) } });
    expect(created.secretFingerprint).toBe(`…${SLACK_HOOK.slice(-4)}`);

    const renamed = await world.call('saveChannel', {
      id: created.config.id,
      config: { ...SLACK, name: 'Renamed' },
    } as ChannelInput);
    expect(renamed.secretFingerprint).toBe(created.secretFingerprint);
    expect(await world.call('listChannels', {})).toEqual([renamed]);

    const token = new URL(SLACK_HOOK).pathname;
    expect(JSON.stringify(world.forge.kvs.dump().values)).not.toContain(token);
    expect(world.forge.kvs.getSecret(`channel-secret:${created.config.id}`)).toBe(SLACK_HOOK);
    // The kept secret still works.
    expect(await world.call('sendTestAlert', { id: created.config.id })).toEqual({
      ok: true,
      detail: 'Slack accepted it (200)',
    });
  });

  it('refuses settings a channel could not send with, naming each field', async () => {
    const refused = async (payload: unknown) => {
      const answer = await world.answer('saveChannel', payload);
      if (answer.ok) throw new Error('saved what it should have refused');
      expect(answer.error.code).toBe('BAD_INPUT');
      return answer.error.fields;
    };
    expect(await refused(slackInput({ secret: 'http://hooks.slack.com/services/T/B/x' }))).toEqual({
      secret: 'The URL must start with https://',
    });
    expect(
      await refused({
        config: { ...SLACK, type: 'webhook', url: 'https://receiver.example.com/hook' },
        secret: SIGNING_KEY,
      }),
    ).toEqual({ 'config.url': expect.stringContaining('receiver.example.com') });
    expect(await refused({ config: { ...SLACK, name: ' ' }, secret: SLACK_HOOK })).toEqual({
      'config.name': 'give the channel a name',
    });
    expect(
      await refused({
        config: {
          ...SLACK,
          type: 'jira-issue',
          projectKey: 'OPS',
          issueType: 'Task',
          assignOwner: false,
          digest: true,
        },
      }),
    ).toEqual({ 'config.digest': 'a daily digest goes to Slack, Teams or a webhook' });
    expect(
      await refused({
        config: { ...SLACK, type: 'jira-email', notifyOwner: true },
        secret: 'nothing to keep',
      }),
    ).toEqual({ secret: 'this channel has no secret' });
    const { config } = await world.call('saveChannel', slackInput());
    expect(
      await refused({ id: config.id, config: { ...SLACK, type: 'teams' }, secret: TEAMS_HOOK }),
    ).toEqual({ 'config.type': 'a channel keeps its type: create a new channel instead' });
    expect(await world.answer('saveChannel', { ...slackInput(), id: 'no-such-channel' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.any(String) },
    });
  });

  it('sends a plainly marked test that links back to the page, and logs it', async () => {
    const { config } = await world.call('saveChannel', slackInput());
    await world.call('sendTestAlert', { id: config.id });
    const [message] = world.slack;
    expect(message?.body.text).toBe('Test alert from Token Health to Ops Slack');
    expect(JSON.stringify(message?.body)).toContain(`${SITE}/jira/settings/apps/`);

    world.faults.slack = 1;
    expect(await world.call('sendTestAlert', { id: config.id })).toEqual({
      ok: false,
      detail: 'Slack answered 503: service unavailable',
    });
    const log = await world.log();
    expect(log.map((e) => [e.kind, e.outcome, e.channelName])).toEqual([
      ['test', 'sent', 'Ops Slack'],
      ['test', 'failed', 'Ops Slack'],
    ]);
  });

  it('tests a Jira issue channel by opening a test issue through the Jira double, closed at once', async () => {
    const { config } = await world.call('saveChannel', {
      config: {
        type: 'jira-issue',
        name: 'Ops issues',
        enabled: true,
        role: 'primary',
        digest: false,
        projectKey: 'OPS',
        issueType: 'Task',
        assignOwner: true,
      },
    });
    expect(await world.call('sendTestAlert', { id: config.id })).toEqual({
      ok: true,
      detail: 'opened OPS-1; commented; moved OPS-1 to Done',
    });
    expect(world.jira.issues.get('OPS-1')?.fields.summary).toBe(
      'Test alert from Token Health to Ops issues',
    );
  });

  it('tests a Jira email channel on its own: mails the admin about its own test issue, then closes it', async () => {
    const email = await world.call('saveChannel', {
      config: { ...SLACK, type: 'jira-email', name: 'Ops mail', notifyOwner: true },
    } as ChannelInput);
    expect(await world.call('sendTestAlert', { id: email.config.id })).toEqual({
      ok: false,
      detail: expect.stringMatching(
        /^the test needs a Jira issue channel: .*add a Jira issue channel/,
      ),
    });
    expect(world.jira.issues.size).toBe(0);

    await world.call('saveChannel', {
      config: {
        ...SLACK,
        type: 'jira-issue',
        name: 'Ops issues',
        projectKey: 'OPS',
        issueType: 'Task',
        assignOwner: true,
      },
    } as ChannelInput);
    expect(await world.call('sendTestAlert', { id: email.config.id })).toEqual({
      ok: true,
      detail: 'opened OPS-1 for the test; Jira mailed about OPS-1; commented; moved OPS-1 to Done',
    });
    const [mail] = world.jira.mails;
    expect(mail?.key).toBe('OPS-1');
    expect(mail?.body).toMatchObject({
      subject: '[Token Health] Test alert from Token Health to Ops mail',
      to: { assignee: false, users: [{ accountId: ADMIN }] },
    });
    const issue = world.jira.issues.get('OPS-1');
    expect(issue?.properties['token-health']).toMatchObject({ integrationId: 'token-health-test' });
    expect(issue?.status.name).toBe('Done');
    const log = await world.log();
    expect(log.map((e) => [e.kind, e.outcome, e.channelName])).toEqual([
      ['test', 'failed', 'Ops mail'],
      ['test', 'sent', 'Ops mail'],
    ]);
  });

  it('refuses a Jira issue channel whose project Jira does not have, saving nothing', async () => {
    const config = {
      type: 'jira-issue',
      name: 'Typo issues',
      enabled: true,
      role: 'primary',
      digest: false,
      projectKey: 'OSP',
      issueType: 'Task',
      assignOwner: false,
    } as const;
    const answer = await world.answer('saveChannel', { config });
    expect(answer.ok ? null : answer.error.fields).toEqual({
      'config.projectKey': expect.stringContaining('Jira has no project with the key OSP'),
    });
    expect(await world.call('listChannels', {})).toEqual([]);
    // A Jira that does not answer the lookup leaves the save to the test alert.
    world.jira.failNext('GET', /\/project\//, 503);
    const saved = await world.call('saveChannel', { config: { ...config, projectKey: 'OPS' } });
    expect(saved.config).toMatchObject({ projectKey: 'OPS' });
  });

  it('deletes a channel with its secret, and answers the same for one already gone', async () => {
    const { config } = await world.call('saveChannel', slackInput());
    expect(await world.call('deleteChannel', { id: config.id })).toEqual({ id: config.id });
    expect(await world.call('deleteChannel', { id: config.id })).toEqual({ id: config.id });
    expect(await world.call('listChannels', {})).toEqual([]);
    expect(world.forge.kvs.getSecret(`channel-secret:${config.id}`)).toBeUndefined();
    expect(await world.answer('sendTestAlert', { id: config.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('stores the alert policy, refusing what makes no sense', async () => {
    expect(await world.call('getAlertPolicy', {})).toEqual({
      reminderHours: 24,
      escalateAfterHours: null,
      maintenance: [],
      digestHour: 8,
      digestTimeZone: 'UTC',
    });
    const windows: MaintenanceWindow[] = [
      { kind: 'weekly', days: [6, 0], from: '22:00', to: '06:00' },
      {
        kind: 'once',
        start: `${dayFromToday(20)}T00:00:00.000Z`,
        end: `${dayFromToday(23)}T00:00:00.000Z`,
      },
    ];
    const saved = await world.call('saveAlertPolicy', { ...POLICY, maintenance: windows });
    expect(await world.call('getAlertPolicy', {})).toEqual(saved);

    const answer = await world.answer('saveAlertPolicy', {
      reminderHours: 0,
      escalateAfterHours: 48,
      maintenance: [
        {
          kind: 'once',
          start: `${dayFromToday(23)}T00:00:00Z`,
          end: `${dayFromToday(20)}T00:00:00Z`,
        },
        {
          kind: 'once',
          start: `${dayFromToday(-3)}T00:00:00Z`,
          end: `${dayFromToday(-1)}T00:00:00Z`,
        },
      ],
      digestHour: 24,
      digestTimeZone: 'UTC',
    });
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'BAD_INPUT',
        message: expect.any(String),
        fields: {
          reminderHours: 'must be 1 to 168 hours',
          'maintenance.0': 'must end after it starts',
          'maintenance.1.end':
            'Ends: that time has passed; choose a later end, or remove the window',
          digestHour: 'must be an hour, 0 to 23',
        },
      },
    });
  });

  it('lists the delivery log newest first, a page at a time', async () => {
    const { config } = await world.call('saveChannel', slackInput());
    await world.call('sendTestAlert', { id: config.id });
    const page = await world.call('getDeliveryLog', {});
    expect(page.entries).toEqual([
      expect.objectContaining({ kind: 'test', outcome: 'sent', channelId: config.id }),
    ]);
  });
});
