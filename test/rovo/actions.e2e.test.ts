// First: the local platform must be installed before the app's code loads @forge/api.
import { ADMIN, MEMBER, startAdminApp } from '../resolvers/support';
import { kvs } from '@forge/kvs';
import type { LocalForge } from '../../local/forge-runtime';
import { record } from '../support/app';
import { dayFromToday } from '../support/clock';
import { initialStatus, type IntegrationStatus } from '../../src/domain/schedule';
import type { IntegrationConfig } from '../../src/domain/integration';
import type { OrgToken } from '../../src/domain/inventory';
import { toSummary } from '../../src/domain/summary';
import type { HistoryEntry } from '../../src/domain/history';
import { keys } from '../../src/storage/keys';
import type { Verdict } from '../../src/domain/verdict';
import { deliveryLog } from '../../src/storage/deliveries';
import { integrations } from '../../src/storage/integrations';
import { inventory, inventorySource } from '../../src/storage/inventory';
import { statuses } from '../../src/storage/status';
import { summaries } from '../../src/storage/summaries';

const SECRET = 'ghp_rovoNeverShowsThis0000000000000001';
const ACTIONS = [
  'needs-attention',
  'expiring-between',
  'explain-credential',
  'org-tokens',
  'recent-alerts',
];
const DENIED = 'Only Jira administrators can use Token Health.';
const JIRA = { url: 'https://acme.atlassian.net/browse/OPS-1', resourceType: 'issue' };

const GITHUB: IntegrationConfig = {
  kind: 'github-token',
  name: 'CI bot',
  baseUrl: 'https://api.github.com',
};
const JIRA_TOKEN: IntegrationConfig = {
  kind: 'atlassian-api-token',
  name: 'Jira sync',
  baseUrl: 'https://acme.atlassian.net',
  username: 'bot@acme.test',
};

function status(
  id: string,
  verdict: Verdict,
  severity: IntegrationStatus['severity'],
  days: number | null,
) {
  const now = new Date();
  const expiresAt = days === null ? null : new Date(Date.now() + days * 86_400_000).toISOString();
  return {
    ...initialStatus(id, now),
    severity,
    lastSuccessAt: verdict === 'rejected' ? `${dayFromToday(-3)}T08:00:00.000Z` : now.toISOString(),
    last: {
      verdict,
      severity,
      message: `${verdict} says the probe.`,
      checkedAt: now.toISOString(),
      expiresAt,
      daysLeft: days,
      identity: { id: '1', username: 'ci-bot' },
      evidence: [
        {
          method: 'GET',
          url: 'https://api.github.com/user',
          status: 401,
          durationMs: 120,
          headers: {},
          excerpt: '',
        },
      ],
      facts: { scopes: 'repo', secretFingerprint: 'fp-short-secret' },
    },
  } satisfies IntegrationStatus;
}

const ORG_TOKEN = (id: string, label: string, extra: Partial<OrgToken>): OrgToken => ({
  id,
  kind: 'api-token',
  label,
  owner: { id: `owner-${id}`, name: `Owner ${id}`, email: `${id}@acme.test` },
  createdAt: `${dayFromToday(-400)}T00:00:00.000Z`,
  expiresAt: null,
  lastActiveAt: `${dayFromToday(-1)}T00:00:00.000Z`,
  status: 'ALLOWED',
  revokedNoticedAt: null,
  alerted: null,
  ...extra,
});

/** The last check's evidence lives in its history entry, as the check store writes it. */
async function saveLastEntry(s: IntegrationStatus): Promise<void> {
  const last = s.last!;
  const slotMs = Math.floor(Date.parse(last.checkedAt) / 300_000) * 300_000;
  const slot = new Date(slotMs).toISOString();
  const { checkedAt, verdict, severity, message, evidence = [] } = last;
  const entry: HistoryEntry = {
    slot,
    checkedAt,
    verdict,
    severity,
    message,
    durationMs: 120,
    evidence,
  };
  await statuses.save({ ...s, lastSlot: slot });
  await kvs.set(keys.history(s.id, slotMs), entry);
}

async function seedAll(forge: LocalForge): Promise<void> {
  const items = [
    { r: record('cred-ci', GITHUB), s: status('cred-ci', 'rejected', 'critical', null) },
    { r: record('cred-jira', JIRA_TOKEN), s: status('cred-jira', 'expiring', 'warning', 5) },
    {
      r: record('cred-slack', { ...GITHUB, name: 'Slack bot' }),
      s: status('cred-slack', 'healthy', 'ok', 60),
    },
    {
      r: record('cred-paused', { ...GITHUB, name: 'Old bot' }, { paused: true }),
      s: status('cred-paused', 'rejected', 'critical', null),
    },
    { r: record('dup-1', { ...GITHUB, name: 'Twin' }), s: status('dup-1', 'healthy', 'ok', 200) },
    { r: record('dup-2', { ...GITHUB, name: 'twin' }), s: status('dup-2', 'healthy', 'ok', 300) },
  ];
  await forge.run(async () => {
    for (const { r, s } of items) {
      await integrations.save(r);
      await integrations.setSecret(r.id, SECRET);
      await statuses.save(s);
      await saveLastEntry(s);
      await summaries.save(toSummary(r, s, new Date()));
    }
    await inventorySource.save({
      orgId: 'org-1',
      keyFingerprint: 'fp-admin-key',
      maxLifetimeDays: null,
      unusedDays: 90,
    });
    const tokens = [
      ORG_TOKEN('t-soon', 'deploy token', { expiresAt: `${dayFromToday(3)}T00:00:00.000Z` }),
      ORG_TOKEN('t-idle', 'forgotten token', {
        lastActiveAt: `${dayFromToday(-200)}T00:00:00.000Z`,
      }),
      ORG_TOKEN('t-fine', 'busy token', { expiresAt: `${dayFromToday(300)}T00:00:00.000Z` }),
    ];
    await inventory.save(tokens, {
      lastSyncAt: null,
      lastSuccessAt: null,
      error: null,
      apiRequests: 0,
    });
    const at = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    const entry = { kind: 'failure', integrationId: 'cred-ci', integrationName: 'CI bot' } as const;
    await deliveryLog.append({
      ...entry,
      at: at(1),
      channelId: 'c1',
      channelName: 'Ops Slack',
      outcome: 'sent',
      detail: 'sent',
    });
    await deliveryLog.append({
      ...entry,
      at: at(20),
      channelId: 'c2',
      channelName: 'Old mail',
      outcome: 'sent',
      detail: 'sent',
    });
  });
}

type Answer = {
  error?: string;
  answer?: string;
  items?: Record<string, unknown>[];
  adminPage?: string;
  [k: string]: unknown;
};

describe('the Token Health Rovo agent, through the local runtime as Rovo invokes its actions', () => {
  let forge: LocalForge;
  const ask = async (
    key: string,
    inputs: Record<string, unknown> = {},
    accountId: string | null = ADMIN,
  ) => (await forge.invokeAction(key, inputs, { accountId, jira: JIRA })) as Answer;

  beforeAll(async () => {
    forge = await startAdminApp([]);
    await seedAll(forge);
  });
  afterAll(() => forge.stop());

  it('lists what needs attention now, most urgent first, without paused ones', async () => {
    const a = await ask('needs-attention');
    expect(a.items?.map((i) => i.name)).toEqual(['CI bot', 'Jira sync']);
    expect(a.items?.[0]).toMatchObject({
      verdict: 'rejected',
      since: `last worked ${dayFromToday(-3)}`,
      nextStep: expect.stringContaining('Renew it'),
    });
    expect(a.adminPage).toMatch(/\/jira\/settings\/apps\/.+\/.+$/);
  });

  it('lists credentials expiring between two dates said in words', async () => {
    const week = await ask('expiring-between', { to: 'in 2 weeks' });
    expect(week.items?.map((i) => i.name)).toEqual(['Jira sync']);
    const later = await ask('expiring-between', { from: 'tomorrow', to: dayFromToday(90) });
    expect(later.items?.map((i) => i.name)).toEqual(['Jira sync', 'Slack bot']);
  });

  it('refuses a date it cannot read, a reversed range and a missing end in plain words', async () => {
    expect((await ask('expiring-between', { to: 'when the moon is full' })).error).toMatch(
      /^Until: not a date I can read\. Use a date like 2026-12-31/,
    );
    expect((await ask('expiring-between', { from: 'in 3 weeks', to: 'tomorrow' })).error).toBe(
      'From: must not be after Until.',
    );
    expect((await ask('expiring-between', {})).error).toMatch(/^Until: required\./);
  });

  it('explains one credential by name: result, evidence in words, renewal steps, no fingerprint', async () => {
    const a = await ask('explain-credential', { credential: 'ci BOT' });
    expect(a.answer).toBe('CI bot: rejected says the probe.');
    expect(a.evidence).toEqual(['GET https://api.github.com/user answered 401 in 120 ms']);
    expect(a.facts).toEqual({ scopes: 'repo' });
    expect((a.renewal as { steps: string[] }).steps.length).toBeGreaterThan(0);
  });

  it('matches an exact id first, and lists the candidates when a name is ambiguous or unknown', async () => {
    expect((await ask('explain-credential', { credential: 'dup-2' })).answer).toMatch(/^twin:/);
    expect((await ask('explain-credential', { credential: 'TWIN' })).error).toBe(
      'Several credentials have that name; ask again with one of their ids: "Twin" (id dup-1), "twin" (id dup-2).',
    );
    expect((await ask('explain-credential', { credential: 'bot' })).error).toMatch(
      /^No credential has that id or name\. Did you mean "CI bot" \(id cred-ci\)/,
    );
  });

  it('refuses very long or hostile text with a clear error, never a stack trace', async () => {
    const long = await ask('explain-credential', { credential: 'x'.repeat(10_000) });
    expect(long.error).toBe('Credential: too long, at most 200 characters.');
    const hostile = await ask('explain-credential', { credential: 'CI bot\u0000\u202e' });
    expect(hostile.error).toBe('Credential: contains control characters; send plain text.');
    const object = await ask('expiring-between', { to: { $gt: '' } });
    expect(object.error).toBe('Until: expected text.');
    for (const a of [long, hostile, object])
      expect(JSON.stringify(a)).not.toMatch(/at .+\.ts|Error:/);
  });

  it('lists organisation tokens expiring or unused, each with where to revoke it', async () => {
    const all = await ask('org-tokens');
    expect(all.items?.map((i) => i.label)).toEqual(['deploy token', 'forgotten token']);
    expect(all.items?.[0]?.revokeAt).toBe('https://admin.atlassian.com/o/org-1/user-api-tokens');
    expect((await ask('org-tokens', { show: 'unused' })).items?.map((i) => i.label)).toEqual([
      'forgotten token',
    ]);
    expect((await ask('org-tokens', { show: 'everything' })).error).toBe(
      'Show: one of expiring, unused or all.',
    );
  });

  it('lists the alerts sent recently and to which channel', async () => {
    const week = await ask('recent-alerts');
    expect(week.items).toEqual([
      expect.objectContaining({ to: 'Ops Slack', about: 'CI bot', outcome: 'sent' }),
    ]);
    expect((await ask('recent-alerts', { days: '30' })).items?.map((i) => i.to)).toEqual([
      'Ops Slack',
      'Old mail',
    ]);
    expect((await ask('recent-alerts', { days: '365' })).error).toBe(
      'Days: a whole number from 1 to 30.',
    );
  });

  it('never answers a secret or a fingerprint, whatever the action', async () => {
    const answers = [
      await ask('needs-attention'),
      await ask('expiring-between', { to: 'end of year' }),
      await ask('explain-credential', { credential: 'cred-ci' }),
      await ask('org-tokens'),
      await ask('recent-alerts'),
    ];
    for (const a of answers) {
      const text = JSON.stringify(a);
      expect(a.error).toBeUndefined();
      expect(text).not.toContain(SECRET);
      expect(text).not.toMatch(/fingerprint|fp-/i);
    }
  });

  it.each([MEMBER, null])(
    'refuses every action to %s in plain words and reads nothing',
    async (who) => {
      for (const key of ACTIONS) {
        const before = forge.invocations.length;
        const a = await ask(key, {}, who);
        expect(a).toEqual({ error: DENIED });
        const invocation = forge.invocations[before];
        expect(invocation?.moduleType).toBe('action');
        const reads = forge.kvs.requests.filter((r) => r.invocationId === invocation?.invocationId);
        expect(reads).toEqual([]);
      }
    },
  );
});
