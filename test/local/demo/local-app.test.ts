import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { APP_DIR, LOCAL_ADMIN, startLocalApp, type LocalApp } from '../../../local/dev/app';
import { demoCredentials } from '../../../local/dev/credentials';
import type { IntegrationConfig } from '../../../src/domain/integration';
import { KINDS } from '../../../src/frontend/kinds';
import type { Envelope, ResolverKey, ResolverMap } from '../../../src/resolvers/contract';

const dir = mkdtempSync(path.join(tmpdir(), 'token-health-local-'));
const statePath = path.join(dir, 'state.json');
const lines: string[] = [];
let app: LocalApp | undefined;

/** Everything on free ports, no admin page (its bundle is the web server's own test). */
const start = (reset: boolean) =>
  startLocalApp({
    port: 0,
    statePath,
    reset,
    demoPortBase: 0,
    web: false,
    log: (line) => lines.push(line),
  });

async function call<K extends ResolverKey>(
  key: K,
  payload: ResolverMap[K]['payload'],
): Promise<ResolverMap[K]['data']> {
  const answer = (await app!.forge.invokeResolver(
    'resolver',
    { call: { functionKey: key, payload } },
    { accountId: LOCAL_ADMIN.accountId },
  )) as Envelope<ResolverMap[K]['data']>;
  if (!answer.ok) throw new Error(`${key}: ${JSON.stringify(answer.error)}`);
  return answer.data;
}

/** The overview once every integration has a verdict (the first sweep runs at start). */
async function checkedOverview(): Promise<ResolverMap['getOverview']['data']> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const overview = await call('getOverview', {});
    if (overview.integrations.every((i) => i.verdict !== null)) return overview;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('no verdicts after 10 s');
}

/** Whether a line matching `pattern` is logged within 10 s. */
async function logged(pattern: RegExp): Promise<boolean> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (lines.some((l) => pattern.test(l))) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

// The app's handlers log each sweep and check: useful in a terminal, noise here.
beforeAll(() => jest.spyOn(console, 'log').mockImplementation(() => undefined));

afterEach(async () => {
  await app?.stop();
  app = undefined;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('startLocalApp', () => {
  it('seeds the demo and shows every intended verdict after the first sweep', async () => {
    app = await start(true);
    expect(app.seeded).toBe(true);
    const overview = await checkedOverview();
    const shown = Object.fromEntries(overview.integrations.map((i) => [i.name, i.verdict]));
    const intended = Object.fromEntries(app.demo.tenants.map((t) => [t.spec.title, t.spec.expect]));
    expect(shown).toEqual(intended);
    // Alerts travel through the delivery queue after the checks are stored: wait for the webhook.
    expect(await logged(/^\[webhook\] critical: .*signature valid/)).toBe(true);
  });

  it('lets /control revoke a credential, which the next check reports', async () => {
    app = await start(true);
    const overview = await checkedOverview();
    const ci = overview.integrations.find((i) => i.name === 'CI bot')!;
    expect(ci.verdict).toBe('healthy');
    const res = await fetch(`${app.controlUrl}/ci-bot/revoke`, { method: 'POST' });
    expect(await res.json()).toMatchObject({ slug: 'ci-bot', revoked: true });
    expect((await call('checkNow', { id: ci.id })).verdict).toBe('rejected');
    const listed = (await (await fetch(app.controlUrl)).json()) as { integrations: unknown[] };
    expect(listed.integrations).toContainEqual(
      expect.objectContaining({ slug: 'ci-bot', revoked: true }),
    );
    expect((await fetch(`${app.controlUrl}/ci-bot/explode`, { method: 'POST' })).status).toBe(400);
  });

  it('keeps an integration added after seeding across stop and start', async () => {
    app = await start(true);
    const ci = app.demo.find('ci-bot')!;
    const { config, secret } = ci.spec.integration(ci.base);
    await call('createIntegration', { config: { ...config, name: 'Added by hand' }, secret });
    await app.stop();
    app = await start(false);
    expect(app.seeded).toBe(false);
    const names = (await call('getOverview', {})).integrations.map((i) => i.name);
    expect(names).toContain('Added by hand');
    expect(names).toHaveLength(app.demo.tenants.length + 1);
  });

  it('refuses a port already in use at once, naming the flag to use, and leaves the saved state', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as net.AddressInfo).port;
    writeFileSync(statePath, '{}');
    try {
      const opts = { statePath, reset: true, web: false, log: () => undefined };
      await expect(startLocalApp({ ...opts, port, demoPortBase: 0 })).rejects.toThrow(
        new RegExp(`^Port ${port} is already in use.*npm start -- --port \\d+`),
      );
      await expect(startLocalApp({ ...opts, port: 0, demoPortBase: port })).rejects.toThrow(
        new RegExp(`^Port ${port} is already in use: the demo services .*--demo-port \\d+`),
      );
      expect(existsSync(statePath)).toBe(true);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});

/** Turns the banner's lines back into what a newcomer types on the page, field by field. */
function typedIn(lines: string[]): { config: IntegrationConfig; secret: string; expect: string }[] {
  const typed: { config: IntegrationConfig; secret: string; expect: string }[] = [];
  for (const line of lines) {
    const kindLine = /^Kind: (.+) \((.+)\)$/.exec(line);
    if (kindLine) {
      const kind = Object.entries(KINDS).find(([, k]) => k.label === kindLine[1])?.[0];
      const config = { kind, name: `Typed ${kindLine[1]}` } as IntegrationConfig;
      typed.push({ config, secret: '', expect: kindLine[2] as string });
      continue;
    }
    const [label, value] = line.trim().split(/: (.*)/) as [string, string];
    const item = typed[typed.length - 1]!;
    const spec = KINDS[item.config.kind];
    if (label === spec.secretLabel) item.secret = value;
    const field = spec.fields.find((f) => f.label === label);
    if (field) Object.assign(item.config, { [field.name]: value });
  }
  return typed;
}

describe('the demo credentials', () => {
  it('add working integrations when typed as the banner prints them', async () => {
    app = await start(true);
    const typed = typedIn(demoCredentials(app.demo));
    expect(typed.map((t) => t.expect)).toEqual(['healthy', 'expiring']);
    for (const { config, secret, expect: verdict } of typed) {
      const created = await call('createIntegration', { config, secret });
      expect((await call('checkNow', { id: created.id })).verdict).toBe(verdict);
    }
  });

  it('are listed in the README as the banner prints them at the default ports', async () => {
    app = await start(true);
    const readme = readFileSync(path.join(APP_DIR, 'README.md'), 'utf8');
    const anyPort = (text: string) => text.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT');
    const lines = anyPort(readme).split('\n');
    for (const line of demoCredentials(app.demo)) expect(lines).toContain(anyPort(line));
    expect(readme).toContain('Site URL: http://127.0.0.1:4101/ci-bot');
  });
});
