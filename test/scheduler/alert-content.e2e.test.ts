// First: the local platform must be installed before the app's code loads @forge/api.
import { Webhook } from 'standardwebhooks';
import {
  AlertWorld,
  OWNER,
  SIGNING_KEY,
  SLACK_HOOK,
  TEAMS_HOOK,
  type Received,
} from '../support/alert-world';
import { kvs } from '@forge/kvs';
import { record, seed } from '../support/app';
import { digestWrite } from '../../src/storage/deliveries';
import { fakeDateOnly } from '../support/clock';

/**
 * What each channel receives, captured from the real handlers on the local Forge runtime, when
 * names and URLs are chosen by someone who wants the alert to say something else.
 */
const T0 = Date.parse('2026-11-23T12:00:00Z');
const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

/** A name an org user or admin could type: a link, markup, a Teams mention, a Slack ping, lines. */
const HOSTILE =
  '[Renew now](https://phish.example) **bold** <at>Admin</at> <!channel> & x\n\n- fake';
/** A base URL an admin could type: every character that could end a Slack link or start markup. */
const hostileBase = (github: string) => `${github}/gh|<!here>&a=1>`;

/** Every object in a JSON tree, depth first. */
function nodes(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(nodes);
  if (value === null || typeof value !== 'object') return [];
  const obj = value as Record<string, unknown>;
  return [obj, ...Object.values(obj).flatMap(nodes)];
}

const card = (m: Received) =>
  (m.body.attachments as { content: Record<string, unknown> }[])[0]!.content;

/** The texts Teams shows, by how it reads them: markdown (TextBlock, Fact) or as written. */
function teamsTexts(m: Received) {
  const all = nodes(card(m));
  return {
    markdown: [
      ...all.filter((n) => n.type === 'TextBlock').map((n) => String(n.text)),
      ...all.filter((n) => 'title' in n && 'value' in n).map((n) => `${n.title} ${n.value}`),
    ],
    plain: all.filter((n) => n.type === 'TextRun').map((n) => String(n.text)),
    links: all.filter((n) => n.type === 'Action.OpenUrl').map((n) => String(n.url)),
  };
}

/** Every string Slack reads as mrkdwn: the fallback text and each mrkdwn text object. */
function mrkdwnTexts(m: Received): string[] {
  const objects = nodes(m.body.blocks).filter((n) => n.type === 'mrkdwn');
  expect(objects.every((o) => o.verbatim === true)).toBe(true);
  return [String(m.body.text), ...objects.map((o) => String(o.text))];
}

/** Our own links, `<https://…|label>`: the only place a < or > may remain. */
const SLACK_LINK = /<(https?:\/\/[^\s<>|]+)\|([^<>|]*)>/g;

function unescaped(text: string): string[] {
  const rest = text.replace(SLACK_LINK, '');
  const controls = rest.match(/[<>]|&(?!amp;|lt;|gt;)/g) ?? [];
  return controls;
}

describe('alert content against hostile names, as sent', () => {
  let world: AlertWorld;

  beforeEach(async () => {
    fakeDateOnly(T0);
    world = await AlertWorld.start();
  });
  afterEach(async () => {
    await world.stop();
    jest.useRealTimers();
  });

  /** A GitHub token integration with the hostile name and base URL, refused at its first check. */
  async function hostileFailure(): Promise<void> {
    await world.everyChannel();
    world.tokens.set('ghp_bad', { expiresAt: T0 + 40 * DAY, revoked: true });
    const rec = record(
      'gh',
      { kind: 'github-token', name: HOSTILE, baseUrl: hostileBase(world.githubUrl) },
      { ownerAccountId: OWNER, interval: '1h' },
    );
    await seed(world.forge, [{ record: rec, secret: 'ghp_bad' }]);
    await world.sweep();
  }

  it('Teams shows names as written: no markdown text carries them, links are the app’s own', async () => {
    await hostileFailure();
    expect(world.teams).toHaveLength(1);
    const texts = teamsTexts(world.teams[0]!);
    for (const text of texts.markdown) expect(text).not.toMatch(/[[\]*_<>]|phish|Renew/);
    const flat = HOSTILE.replace(/\s+/g, ' ');
    expect(texts.plain[0]).toBe(`${flat}: its credential is refused`);
    expect(texts.plain.join('\n')).toContain('[Renew now](https://phish.example)');
    // Links: the admin page and the renewal pages, normalised; none to the name's phishing site.
    expect(texts.links.some((u) => u.includes('phish'))).toBe(false);
    expect(texts.links).toContain(
      `${new URL(hostileBase(world.githubUrl)).href}/settings/personal-access-tokens`,
    );
    expect(card(world.teams[0]!)).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
  });

  it('Slack: every mrkdwn string has &, < and > escaped, links stay whole, and nothing pings', async () => {
    await hostileFailure();
    expect(world.slack).toHaveLength(1);
    const texts = mrkdwnTexts(world.slack[0]!);
    for (const text of texts) expect(unescaped(text)).toEqual([]);
    const all = texts.join('\n');
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('<!here>');
    expect(all).toContain('&lt;!channel&gt;');
    const links = [...all.matchAll(SLACK_LINK)].map(([, url, label]) => [url, label]);
    const web = new URL(hostileBase(world.githubUrl)).href
      .replace(/\|/g, '%7C')
      .replace(/&/g, '&amp;');
    expect(links).toEqual([
      [`${web}/settings/personal-access-tokens`, 'Fine-grained tokens'],
      [`${web}/settings/tokens`, 'Classic tokens'],
    ]);
    // The header is plain text: it needs no escaping, and holds the name as written.
    const header = (world.slack[0]!.body.blocks as { type: string; text: { text: string } }[])[0]!;
    expect(header.type).toBe('header');
    expect(header.text.text).toContain('<!channel>');
  });

  /** Each webhook body as the `standardwebhooks` library verifies and returns it. */
  const verifiedHooks = () =>
    world.hook.map(
      (m) => new Webhook(SIGNING_KEY).verify(m.raw!, m.headers!) as Record<string, unknown>,
    );

  it('webhook: a test goes out as event "test" in its own shape, verified by the Standard Webhooks library', async () => {
    const channels = await world.everyChannel();
    await world.call('sendTestAlert', { id: channels.hook!.config.id });
    const [body] = verifiedHooks();
    expect(body).toEqual({
      event: 'test',
      idempotencyKey: `test:${new Date(T0).toISOString()}`,
      channel: { name: 'Receiver' },
      title: 'Test alert from Token Health to Receiver',
      summary: expect.stringContaining('This is a test'),
      adminUrl: expect.stringMatching(/^https:\/\/acme\.atlassian\.net\/jira\/settings\/apps\//),
      sentAt: new Date(T0).toISOString(),
    });
  });

  it('webhook: a digest goes out as event "digest" with the day, counts and lines it lists', async () => {
    await world.call('saveAlertPolicy', {
      reminderHours: 24,
      escalateAfterHours: null,
      maintenance: [],
      digestHour: 8,
      digestTimeZone: 'UTC',
    });
    await world.call('saveChannel', {
      config: {
        type: 'webhook',
        name: 'Digest',
        url: world.hookUrl,
        enabled: true,
        role: 'primary',
        digest: true,
      },
      secret: SIGNING_KEY,
    });
    world.tokens.set('ghp_one', { expiresAt: T0 + 40 * DAY, revoked: true });
    await world.integration('gh', 'ghp_one');
    await world.sweep(); // the failure, held for the digest
    jest.setSystemTime(T0 + 20 * HOUR); // 08:00 the next day
    await world.sweep();
    const bodies = verifiedHooks();
    expect(bodies).toHaveLength(1);
    expect(Object.keys(bodies[0]!).sort()).toEqual(
      [
        'event',
        'idempotencyKey',
        'day',
        'severity',
        'title',
        'counts',
        'attention',
        'events',
        'tokenEvents',
        'allClear',
        'adminUrl',
        'lastSweepAt',
        'sentAt',
      ].sort(),
    );
    expect(bodies[0]).toMatchObject({
      event: 'digest',
      day: '2026-11-23',
      // The sweep that planned the digest: the digest vouches that checks still run.
      lastSweepAt: new Date(T0 + 20 * HOUR).toISOString(),
      severity: 'critical',
      counts: { critical: 1, warning: 0 },
      allClear: false,
    });
  });

  it('digest: the title counts what it lists, org tokens apart; a recovery reads as one; unchecked ones are left out', async () => {
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
    world.tokens.set('ghp_one', { expiresAt: T0 + 40 * DAY, revoked: true });
    await world.integration('gh', 'ghp_one');
    const fresh = record(
      'fresh',
      { kind: 'github-token', name: 'Fresh', baseUrl: world.githubUrl },
      { paused: true },
    );
    await seed(world.forge, [{ record: fresh, secret: 'ghp_fresh' }]);
    await world.sweep(); // 12:00 the failure
    world.tokens.set('ghp_two', { expiresAt: T0 + 130 * DAY });
    jest.setSystemTime(T0 + 3 * HOUR);
    await world.integration('gh', 'ghp_two', { editedAt: new Date().toISOString() });
    await world.sweep(); // 15:00 recovered
    // An org token's warning of the same day, as the inventory sync files it for digests.
    const tokenAlert = {
      kind: 'expiring' as const,
      integrationId: 'org-token:deploy',
      subject: `API token "${HOSTILE}" of Ann`,
      idempotencyKey: 'org-token:deploy:expiring:2026-11-30:7',
      severity: 'warning' as const,
      channels: 'primary' as const,
      at: new Date(T0 + 4 * HOUR).toISOString(),
      verdict: 'expiring' as const,
      threshold: 7,
    };
    const digestChannel = (await world.call('listChannels', {})).find((c) => c.config.digest)!;
    const write = digestWrite({ alert: tokenAlert, channelIds: [digestChannel.config.id] });
    await world.forge.run(() => kvs.set(write.key, write.value));
    jest.setSystemTime(T0 + 20 * HOUR);
    await world.sweep();

    expect(world.slack.map((m) => m.body.text)).toEqual([
      'Token Health 2026-11-23: 0 critical, 0 warning, 2 alerts, 1 org token alert',
    ]);
    const texts = mrkdwnTexts(world.slack[0]!);
    for (const text of texts) expect(unescaped(text)).toEqual([]);
    const summary = texts.join('\n');
    expect(summary).toContain('CI bot: failed at 12:00 UTC: its credential is refused');
    expect(summary).toContain('CI bot: recovered at 15:00 UTC');
    expect(summary).toContain('Org token alerts of the day:');
    expect(summary).toContain('crossed the 7-day expiry warning at 16:00 UTC');
    expect(summary).not.toMatch(/not checked yet|Fresh|recovery:/);
    expect(summary).not.toContain('<!channel>');
  });

  it('Slack header: a long name is shortened first, the expiry date is never cut; Jira and mail likewise', async () => {
    await world.everyChannel();
    const name = `${HOSTILE} ${'very long name '.repeat(20)}end`;
    world.tokens.set('ghp_one', { expiresAt: T0 + 20 * DAY });
    const rec = record(
      'gh',
      { kind: 'github-token', name, baseUrl: world.githubUrl },
      { ownerAccountId: OWNER, interval: '1h' },
    );
    await seed(world.forge, [{ record: rec, secret: 'ghp_one' }]);
    await world.sweep();

    const tail = ': its credential expires in 20 days (2026-12-13)';
    const blocks = world.slack[0]!.body.blocks as { type: string; text: { text: string } }[];
    const header = blocks[0]!.text.text;
    expect(header).toHaveLength(150);
    expect(header.endsWith(`…${tail}`)).toBe(true);
    expect(header.startsWith('[Renew now](https://phish.example) **bold**')).toBe(true);
    const [issue] = [...world.jira.issues.values()];
    expect(String(issue!.fields.summary).endsWith(`…${tail}`)).toBe(true);
    expect(String(world.jira.mails[0]!.body.subject).endsWith(`…${tail}`)).toBe(true);
  });

  /** The items of an ADF document's first bullet list (its facts), as "Title: value". */
  const adfFacts = (doc: unknown) =>
    nodes((doc as { content: { type: string }[] }).content.find((n) => n.type === 'bulletList'))
      .filter((n) => n.type === 'listItem')
      .map((n) =>
        nodes(n)
          .flatMap((t) => (t.type === 'text' ? [String(t.text)] : []))
          .join(''),
      );

  it('Jira: the issue and its comments carry expiry, days left, severity and last success', async () => {
    await world.everyChannel();
    world.tokens.set('ghp_one', { expiresAt: T0 + 20 * DAY });
    await world.integration('gh', 'ghp_one');
    await world.sweep(); // 20 days left: the warning opens the issue
    world.tokens.set('ghp_one', { expiresAt: T0 + 20 * DAY, revoked: true });
    jest.setSystemTime(T0 + HOUR);
    await world.sweep(); // refused: a comment on the same issue

    const [issue] = [...world.jira.issues.values()];
    expect(adfFacts(issue!.fields.description)).toEqual([
      'Severity: warning',
      'Days left: 20',
      'Expires: 2026-12-13',
      'Last success: 2026-11-23 12:00 UTC',
    ]);
    expect(adfFacts(issue!.comments[0]!.body)).toEqual([
      'Severity: critical',
      'Last success: 2026-11-23 12:00 UTC',
      'Since: Failing since 2026-11-23 13:00 UTC; it last worked at 2026-11-23 12:00 UTC.',
    ]);
    expect(world.hook[1]!.body.lastSuccessAt).toBe(new Date(T0).toISOString());
  });

  it('Jira: "Send test alert" leaves no open issue: it is commented on as a test and closed', async () => {
    const channels = await world.everyChannel();
    const answer = await world.call('sendTestAlert', { id: channels.issue!.config.id });
    expect(answer).toEqual({ ok: true, detail: 'opened OPS-1; commented; moved OPS-1 to Done' });
    const issues = [...world.jira.issues.values()];
    expect(issues.map((i) => [i.key, i.fields.summary, i.history])).toEqual([
      ['OPS-1', 'Test alert from Token Health to Ops issues', ['To Do', 'Done']],
    ]);
    expect(JSON.stringify(issues[0]!.comments[0]!.body)).toContain('This was a test');
    const transitions = world.jira.calls.filter((c) => c.path.endsWith('/transitions'));
    expect(transitions).toEqual([
      {
        method: 'POST',
        path: '/rest/api/3/issue/OPS-1/transitions',
        body: { transition: { id: '31' } },
      },
    ]);
  });

  it("renewed: the expiry warning's Jira issue gets a comment and is closed when the credential is replaced", async () => {
    await world.everyChannel();
    world.tokens.set('ghp_one', { expiresAt: T0 + 20 * DAY });
    await world.integration('gh', 'ghp_one');
    await world.sweep(); // 20 days left: the warning opens OPS-1
    jest.setSystemTime(T0 + DAY);
    world.tokens.set('ghp_two', { expiresAt: T0 + 130 * DAY });
    await world.integration('gh', 'ghp_two', { editedAt: new Date().toISOString() });
    await world.sweep(); // the new token: renewed
    jest.setSystemTime(T0 + DAY + HOUR);
    await world.sweep(); // nothing more to say

    const renewed = 'Renewed: CI bot: its credential now expires in 129 days (2027-04-02)';
    expect(world.slack.map((m) => m.body.text)).toEqual([
      'CI bot: its credential expires in 20 days (2026-12-13)',
      renewed,
    ]);
    expect(world.hook.map((m) => [m.body.event, m.body.title])).toEqual([
      ['expiring', 'CI bot: its credential expires in 20 days (2026-12-13)'],
      ['renewed', renewed],
    ]);
    const issues = [...world.jira.issues.values()];
    expect(issues.map((i) => [i.key, i.history, i.comments.length])).toEqual([
      ['OPS-1', ['To Do', 'Done'], 1],
    ]);
    expect(JSON.stringify(issues[0]!.comments[0]!.body)).toContain(renewed);
    const log = await world.log();
    expect(log.find((e) => e.kind === 'renewed' && e.channelName === 'Ops issues')?.detail).toBe(
      'commented on OPS-1; moved OPS-1 to Done',
    );
  });

  it('a test alert to channels with hostile names: Slack escaped, Teams as written, no markup', async () => {
    const common = { enabled: true, role: 'primary', digest: false } as const;
    const slack = await world.call('saveChannel', {
      config: { ...common, type: 'slack', name: 'Ops Slack' },
      secret: SLACK_HOOK,
    });
    const teams = await world.call('saveChannel', {
      config: { ...common, type: 'teams', name: 'Ops Teams' },
      secret: TEAMS_HOOK,
    });
    // The page refuses line breaks in a name now; one saved before that is still sent safely.
    for (const { config } of [slack, teams]) {
      const key = `channel:${config.id}`;
      const stored = world.forge.kvs.get(key) as { config: object };
      world.forge.kvs.set(key, { ...stored, config: { ...stored.config, name: HOSTILE } });
    }
    await world.call('sendTestAlert', { id: slack.config.id });
    await world.call('sendTestAlert', { id: teams.config.id });

    for (const text of mrkdwnTexts(world.slack[0]!)) expect(unescaped(text)).toEqual([]);
    expect(String(world.slack[0]!.body.text)).toContain('&lt;!channel&gt;');
    const texts = teamsTexts(world.teams[0]!);
    for (const text of texts.markdown) expect(text).not.toMatch(/[[\]*_<>]|phish|Renew/);
    expect(texts.plain[0]).toBe(`Test alert from Token Health to ${HOSTILE.replace(/\s+/g, ' ')}`);
  });
});
