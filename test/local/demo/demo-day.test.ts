import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LOCAL_ADMIN, startLocalApp, type LocalApp } from '../../../local/dev/app';
import type { Envelope, Overview, ResolverKey, ResolverMap } from '../../../src/resolvers/contract';
import { overviewOf } from '../../../src/frontend/overview-pages';

/**
 * Issue #24.8 on the whole local app (what `npm start` runs): the demo's channels send their test
 * alerts, the local Jira refuses a project it does not have, and a restart keeps the demo working
 * without a "renewed" alert.
 */
const dir = mkdtempSync(path.join(tmpdir(), 'token-health-day-'));
const lines: string[] = [];
let app: LocalApp | undefined;

const start = (reset: boolean, demoPortBase = 0) =>
  startLocalApp({
    port: 0,
    statePath: path.join(dir, 'state.json'),
    reset,
    demoPortBase,
    web: false,
    log: (line) => lines.push(line),
  });

/**
 * A restart must find the demo services where it left them (the stored integrations hold their
 * URLs), as `npm start`'s fixed ports do: a random free block, tried again (5 at most) if taken.
 */
async function startOnFixedPorts(): Promise<number> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 3_000) * 10;
    try {
      app = await start(true, base);
      return base;
    } catch (err) {
      if (!/already in use/.test(String(err))) throw err;
    }
  }
  throw new Error('no free block of demo ports in 5 tries');
}

async function answer<K extends ResolverKey>(
  key: K,
  payload: ResolverMap[K]['payload'],
): Promise<Envelope<ResolverMap[K]['data']>> {
  return (await app!.forge.invokeResolver(
    'resolver',
    { call: { functionKey: key, payload } },
    { accountId: LOCAL_ADMIN.accountId },
  )) as Envelope<ResolverMap[K]['data']>;
}

async function call<K extends ResolverKey>(
  key: K,
  payload: ResolverMap[K]['payload'],
): Promise<ResolverMap[K]['data']> {
  const got = await answer(key, payload);
  if (!got.ok) throw new Error(`${key}: ${JSON.stringify(got.error)}`);
  return got.data;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs a sweep now and waits for it and its checks. */
async function sweep(): Promise<void> {
  const res = await fetch(`${app!.controlUrl}/sweep`, { method: 'POST' });
  if (!res.ok) throw new Error(`POST /control/sweep: ${res.status}`);
}

/** The overview once every integration has a verdict (the first sweep runs at start). */
async function checkedOverview(): Promise<Overview> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const overview = overviewOf(await call('getOverview', {}));
    if (overview.integrations.every((i) => i.verdict !== null)) return overview;
    await pause(100);
  }
  throw new Error('no verdicts after 10 s');
}

/** Moves the saved simulated time on, as if the demo had run that much longer before stopping. */
function laterBy(ms: number): void {
  const file = path.join(dir, 'state.json');
  const state = JSON.parse(readFileSync(file, 'utf8')) as { simNow: number };
  writeFileSync(file, JSON.stringify({ ...state, simNow: state.simNow + ms }));
}

const jiraIssue = (projectKey: string) => ({
  config: {
    type: 'jira-issue' as const,
    name: `Issues in ${projectKey}`,
    enabled: true,
    role: 'primary' as const,
    digest: false,
    projectKey,
    issueType: 'Task',
    assignOwner: true,
  },
});

beforeAll(() => jest.spyOn(console, 'log').mockImplementation(() => undefined));

afterEach(async () => {
  await app?.stop();
  app = undefined;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the demo's channels", () => {
  it('send a test alert through the webhook, Jira issue and Jira email channels', async () => {
    app = await start(true);
    await call('saveChannel', jiraIssue('OPS'));
    await call('saveChannel', {
      config: {
        type: 'jira-email',
        name: 'Mail through Jira',
        enabled: true,
        role: 'primary',
        digest: false,
        notifyOwner: true,
      },
    });
    const all = await call('listChannels', {});
    expect(all.map((c) => c.config.type).sort()).toEqual(['jira-email', 'jira-issue', 'webhook']);
    const outcomes = await Promise.all(
      all.map(async (c) => [c.config.type, await call('sendTestAlert', { id: c.config.id })]),
    );
    for (const [type, outcome] of outcomes) {
      expect({ type, ...(outcome as object) }).toMatchObject({ type, ok: true });
    }
    expect(lines.some((l) => /^\[webhook\] .*signature valid/.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith('[jira] mail about OPS-'))).toBe(true);
  });

  it('refuse a Jira issue channel naming a project the local Jira does not have', async () => {
    app = await start(true);
    const refused = await answer('saveChannel', jiraIssue('NOPE'));
    expect(refused).toMatchObject({
      ok: false,
      error: {
        fields: { 'config.projectKey': expect.stringMatching(/no project with the key NOPE/) },
      },
    });
    expect((await call('listChannels', {})).map((c) => c.config.type)).toEqual(['webhook']);
  });
});

describe('a restart of the demo', () => {
  it('two simulated days later keeps the GitHub App working and sends no "renewed" alert', async () => {
    const base = await startOnFixedPorts();
    await checkedOverview();
    await app!.stop();
    laterBy(2 * 86_400_000);
    lines.length = 0;
    app = await start(false, base);
    // Every credential checked again now, on the restarted services.
    const { integrations } = overviewOf(await call('getOverview', {}));
    const verdicts = new Map<string, string | null>();
    for (const i of integrations)
      verdicts.set(i.name, (await call('checkNow', { id: i.id })).verdict);
    expect(verdicts.get('Deploy app')).toBe('healthy');
    // Alerts travel through the delivery queue after the checks: give them a moment to arrive.
    await sweep();
    await pause(2_000);
    expect(lines.filter((l) => /^\[webhook\] .*Renewed:/.test(l))).toEqual([]);
    // The receiver still logs here: the silence above is not a deaf receiver.
    const [webhook] = await call('listChannels', {});
    expect(await call('sendTestAlert', { id: webhook!.config.id })).toMatchObject({ ok: true });
    expect(lines.some((l) => /^\[webhook\] /.test(l))).toBe(true);
  });
});
