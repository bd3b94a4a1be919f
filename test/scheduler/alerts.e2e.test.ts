// First: the local platform must be installed before the app's code loads @forge/api.
import { AlertWorld, OWNER, SITE, SLACK_HOOK, type Received } from '../support/alert-world';
import { seed, record } from '../support/app';
import { DELIVERY_TIMEOUT_SECONDS } from '../../src/domain/delivery-limits';
import { fakeDateOnly } from '../support/clock';

/**
 * Alerts end to end: the real sweep, check and alert handlers on the local Forge runtime, a
 * GitHub double whose token expires, and every channel's stand-in. Only Date is faked, so the
 * app's clock, KVS TTLs and queue delays move together while sockets run for real.
 */
const T0 = Date.parse('2026-11-23T12:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const EXPIRY = T0 + 40 * DAY;

const slackTitles = (r: Received[]) => r.map((m) => m.body.text);
const teamsTitles = (r: Received[]) =>
  r.map((m) => {
    const [attachment] = m.body.attachments as {
      content: { body: { inlines: { text: string }[] }[] };
    }[];
    return attachment?.content.body[0]?.inlines[0]?.text;
  });

describe('alerts on the local Forge runtime', () => {
  let world: AlertWorld;

  beforeEach(async () => {
    fakeDateOnly(T0);
    world = await AlertWorld.start();
  });
  afterEach(async () => {
    await world.stop();
    jest.useRealTimers();
  });

  const at = (ms: number) => jest.setSystemTime(T0 + ms);

  it('delivers on its own function, with the time limit the send lease is built on', () => {
    expect(world.forge.manifest.functions.get('alert')?.timeoutSeconds).toBe(
      DELIVERY_TIMEOUT_SECONDS,
    );
  });

  it('walks a credential from healthy through 30, 14, 7 and 1 days, rejected and fixed: exactly the expected messages on every channel', async () => {
    await world.everyChannel();
    world.tokens.set('ghp_one', { expiresAt: EXPIRY });
    await world.integration('gh', 'ghp_one');

    const sweepAt = async (ms: number) => {
      at(ms);
      await world.sweep();
    };
    await sweepAt(0); // 40 days left: healthy, nothing to say
    for (const days of [10, 26, 33, 39]) {
      await sweepAt(days * DAY); // 30, 14, 7, 1 days left
      await sweepAt(days * DAY + HOUR); // the next hourly check: nothing new
    }
    world.tokens.set('ghp_one', { expiresAt: EXPIRY, revoked: true });
    await sweepAt(39 * DAY + 2 * HOUR); // rejected: the incident opens
    await sweepAt(39 * DAY + 8 * HOUR); // backed off: no check, nothing said
    await sweepAt(40 * DAY + 2 * HOUR); // still rejected a day later: the reminder
    world.tokens.set('ghp_two', { expiresAt: T0 + 130 * DAY });
    at(40 * DAY + 3 * HOUR);
    await world.integration('gh', 'ghp_two', { editedAt: new Date().toISOString() });
    await sweepAt(40 * DAY + 3 * HOUR); // fixed: the recovery closes it
    await sweepAt(40 * DAY + 4 * HOUR); // healthy again: nothing

    const titles = [
      'CI bot: its credential expires in 30 days (2027-01-02)',
      'CI bot: its credential expires in 14 days (2027-01-02)',
      'CI bot: its credential expires in 7 days (2027-01-02)',
      'CI bot: its credential expires in 1 day (2027-01-02)',
      'CI bot: its credential is refused',
      'Still failing for 24 hours: CI bot: its credential is refused',
      'Recovered: CI bot works again after 25 hours',
    ];
    expect(slackTitles(world.slack)).toEqual(titles);
    expect(teamsTitles(world.teams)).toEqual(titles);
    expect(world.hook.map((m) => [m.body.event, m.body.title, m.verified])).toEqual(
      ['expiring', 'expiring', 'expiring', 'expiring', 'failure', 'reminder', 'recovery'].map(
        (event, i) => [event, titles[i], true],
      ),
    );

    // One issue for the whole story: opened by the first warning, commented on by every later
    // alert, closed by the recovery; Jira mailed the owner and the group about it each time.
    const issues = [...world.jira.issues.values()];
    expect(issues.map((i) => [i.key, i.fields.summary, i.assignee, i.history])).toEqual([
      ['OPS-1', titles[0], OWNER, ['To Do', 'Done']],
    ]);
    expect(issues[0]!.comments).toHaveLength(6);
    expect(world.jira.mails.map((m) => [m.key, m.body.subject])).toEqual(
      titles.map((t) => ['OPS-1', `[Token Health] ${t}`]),
    );
    expect(world.jira.mails[0]!.body.to).toMatchObject({
      users: [{ accountId: OWNER }],
      groups: [{ name: 'jira-admins' }],
    });

    // Every message links to the admin page on the site, and none carries the token.
    const appPath = `${SITE}/jira/settings/apps/`;
    expect(world.hook.every((m) => String(m.body.adminUrl).startsWith(appPath))).toBe(true);
    const everything = JSON.stringify([world.slack, world.teams, world.hook, world.jira.calls]);
    expect(everything).not.toMatch(/ghp_one|ghp_two/);

    // Five sends per alert, all logged; the log keeps 30 days, so the first warning's are gone.
    const log = await world.log();
    expect(log.map((e) => e.kind)).toEqual(
      ['expiring', 'expiring', 'expiring', 'failure', 'reminder', 'recovery'].flatMap((k) =>
        Array<string>(5).fill(k),
      ),
    );
    expect(log.every((e) => e.outcome === 'sent')).toBe(true);
  });

  it('sends nothing twice when Forge delivers check and alert events twice', async () => {
    await world.everyChannel();
    world.tokens.set('ghp_one', { expiresAt: EXPIRY, revoked: true });
    await world.integration('gh', 'ghp_one');
    await world.forge.runScheduledTrigger('sweep-trigger');
    world.forge.queues.duplicateNext(1, 'token-health-checks');
    world.forge.queues.duplicateNext(20, 'token-health-alerts');
    await world.forge.drainQueues();

    expect(slackTitles(world.slack)).toEqual(['CI bot: its credential is refused']);
    expect(world.teams).toHaveLength(1);
    expect(world.hook).toHaveLength(1);
    expect(world.jira.issues.size).toBe(1);
    expect(world.jira.mails).toHaveLength(1);
    const alertRuns = world.forge.invocations.filter((i) => i.functionKey === 'alert');
    expect(alertRuns.length).toBeGreaterThan(5);
  });

  it('keeps a failing channel to itself: the others get theirs at once, it is retried with back-off and logged', async () => {
    await world.everyChannel();
    world.tokens.set('ghp_one', { expiresAt: EXPIRY, revoked: true });
    await world.integration('gh', 'ghp_one');
    world.faults.slack = 2;
    await world.sweep();

    expect(world.slack).toHaveLength(0);
    expect([world.teams, world.hook, world.jira.mails].map((r) => r.length)).toEqual([1, 1, 1]);
    at(30_000);
    await world.forge.drainQueues();
    expect(world.slack).toHaveLength(0);
    at(30_000 + 119_000);
    await world.forge.drainQueues();
    expect(world.slack).toHaveLength(0);
    at(30_000 + 120_000);
    await world.forge.drainQueues();
    expect(slackTitles(world.slack)).toEqual(['CI bot: its credential is refused']);

    const slackLog = (await world.log()).filter((e) => e.channelName === 'Slack');
    expect(slackLog.map((e) => [e.outcome, e.detail])).toEqual([
      ['retrying', 'Slack answered 503: service unavailable; trying again in 30 s'],
      ['retrying', 'Slack answered 503: service unavailable; trying again in 2 min'],
      ['sent', 'Slack accepted it (200)'],
    ]);
    expect(JSON.stringify(await world.log())).not.toContain(SLACK_HOOK.split('/').pop());
  });

  it('holds alerts while the integration is snoozed, says so in the log, and sends the opening when the snooze ends', async () => {
    await world.everyChannel();
    world.tokens.set('ghp_one', { expiresAt: EXPIRY, revoked: true });
    const rec = await world.integration('gh', 'ghp_one');
    await world.call('snooze', { id: rec.id, until: new Date(T0 + 2 * HOUR).toISOString() });
    await world.sweep();

    expect([world.slack, world.teams, world.hook, world.jira.mails].map((r) => r.length)).toEqual([
      0, 0, 0, 0,
    ]);
    expect((await world.log()).map((e) => [e.outcome, e.kind, e.detail])).toEqual([
      ['held', 'failure', 'held (snoozed)'],
    ]);

    at(DAY); // the back-off's next check, the snooze long over
    await world.sweep();
    expect(slackTitles(world.slack)).toEqual(['CI bot: its credential is refused']);
    expect([world.teams, world.hook, world.jira.mails].map((r) => r.length)).toEqual([1, 1, 1]);
  });

  it('holds alerts inside a maintenance window and logs why', async () => {
    await world.everyChannel();
    await world.call('saveAlertPolicy', {
      reminderHours: 24,
      escalateAfterHours: null,
      maintenance: [
        {
          kind: 'once',
          start: new Date(T0 - HOUR).toISOString(),
          end: new Date(T0 + HOUR).toISOString(),
        },
      ],
      digestHour: 8,
      digestTimeZone: 'UTC',
    });
    world.tokens.set('ghp_one', { expiresAt: EXPIRY, revoked: true });
    await world.integration('gh', 'ghp_one');
    await world.sweep();
    expect(world.slack).toHaveLength(0);
    expect((await world.log()).map((e) => [e.outcome, e.detail])).toEqual([
      ['held', 'held (maintenance window)'],
    ]);
  });

  it('reminds every N hours while a failure lasts, and escalates once after M hours', async () => {
    const channels = await world.everyChannel();
    await world.call('saveChannel', {
      id: channels.teams!.config.id,
      config: { type: 'teams', name: 'Teams', enabled: true, role: 'escalation', digest: false },
    });
    await world.call('saveAlertPolicy', {
      reminderHours: 1,
      escalateAfterHours: 2,
      maintenance: [],
      digestHour: 8,
      digestTimeZone: 'UTC',
    });
    world.tokens.set('ghp_one', { expiresAt: EXPIRY, down: true });
    await world.integration('gh', 'ghp_one', { interval: '5m' });
    for (let minutes = 0; minutes <= 150; minutes += 5) {
      at(minutes * MINUTE);
      await world.sweep();
    }

    // One 503 says nothing; the second confirms it. Then a reminder an hour after each notice.
    const minutesOf = (r: Received[]) => r.map((m) => (m.at - T0) / MINUTE);
    expect(minutesOf(world.slack)).toEqual([5, 65, 125]);
    expect(slackTitles(world.slack)).toEqual([
      'CI bot: the service cannot be reached',
      'Still failing for 1 hour: CI bot: the service cannot be reached',
      'Still failing for 2 hours: CI bot: the service cannot be reached',
    ]);
    expect(minutesOf(world.teams)).toEqual([125]);
    expect(teamsTitles(world.teams)).toEqual([
      'Escalated after 2 hours: CI bot: the service cannot be reached',
    ]);
  });

  it('sends a digest channel one digest a day, at the configured hour, instead of each alert', async () => {
    await world.call('saveAlertPolicy', {
      reminderHours: 24,
      escalateAfterHours: null,
      maintenance: [],
      digestHour: 8,
      digestTimeZone: 'UTC',
    });
    await world.call('saveChannel', {
      config: { type: 'slack', name: 'Digest', enabled: true, role: 'primary', digest: true },
      secret: SLACK_HOOK,
    });
    world.tokens.set('ghp_one', { expiresAt: EXPIRY, revoked: true });
    await world.integration('gh', 'ghp_one');
    await world.sweep(); // 2026-11-23 12:00: the failure, held for the digest
    expect(world.slack).toHaveLength(0);

    at(19 * HOUR); // 2026-11-24 07:00: not yet the hour
    await world.sweep();
    expect(world.slack).toHaveLength(0);
    at(20 * HOUR); // 08:00: the digest of the 23rd
    await world.sweep();
    at(20 * HOUR + 5 * MINUTE);
    await world.sweep();
    expect(slackTitles(world.slack)).toEqual([
      'Token Health 2026-11-23: 1 critical, 0 warning, 1 alert',
    ]);
    const summary = JSON.stringify(world.slack[0]!.body.blocks);
    expect(summary).toContain('CI bot (critical): its credential is refused');
    expect(summary).toContain('CI bot: failed at 12:00 UTC: its credential is refused');
  });

  it('leaves alone an integration nobody has set up channels for, storing no more than its state', async () => {
    world.tokens.set('ghp_one', { expiresAt: T0 + 20 * DAY });
    await seed(world.forge, [
      {
        record: record('quiet', { kind: 'github-token', baseUrl: world.githubUrl }),
        secret: 'ghp_one',
      },
    ]);
    await world.sweep();
    expect(world.forge.kvs.get('alert:quiet')).toEqual({
      expiry: { day: '2026-12-13', fired: [30], held: null },
      incident: null,
    });
    expect(world.forge.queues.pending('token-health-alerts')).toEqual([]);
  });
});
