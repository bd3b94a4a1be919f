import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { APP_DIR, LOCAL_ADMIN, startLocalApp, type LocalApp } from '../../../local/dev/app';
import {
  credentialTable,
  demoCredentials,
  demoCredentialSets,
  EXPIRES_LABEL,
} from '../../../local/dev/credentials';
import { demoConsumerLines } from '../../../local/dev/demo-consumer';
import { main } from '../../../src/cli/main';
import { CONSUMER_KEY_ENV } from '../../../src/cli/token';
import type { FetchLike } from '../../../src/http/client';
import { CREDENTIAL_KINDS, type IntegrationConfig } from '../../../src/domain/integration';
import { composeSecret, KINDS, secretParts, type FieldValues } from '../../../src/frontend/kinds';
import type { Envelope, Overview, ResolverKey, ResolverMap } from '../../../src/resolvers/contract';
import { overviewOf } from '../../../src/frontend/overview-pages';

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
async function checkedOverview(): Promise<Overview> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const overview = overviewOf(await call('getOverview', {}));
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

  it('shows a demo consumer drawing tokens from the kept OAuth grant, and the printed command draws too', async () => {
    app = await start(true);
    expect(app.consumer).toMatchObject({ integrationName: 'Marketplace sync', status: 200 });
    const printed = demoConsumerLines(app.consumer!).join('\n');
    expect(printed).toMatch(/First draw: HTTP 200, an access token valid until \d{4}-/);
    const key = /export TOKEN_HEALTH_CONSUMER_KEY=(\S+)/.exec(printed)?.[1];
    const [, url, integration] = /token --url '(\S+)' --integration (\S+)/.exec(printed) ?? [];
    const out: string[] = [];
    const code = await main(['token', '--url', url!, '--integration', integration!], {
      env: { [CONSUMER_KEY_ENV]: key },
      out: (line) => out.push(line),
      err: (line) => out.push(line),
      fetch: globalThis.fetch as unknown as FetchLike,
      now: () => new Date(),
    });
    expect([code, out]).toEqual([0, [expect.stringMatching(/^\S{20,}$/)]]);

    // A restart draws again with the key it kept: no second key is made.
    await app.stop();
    app = await start(false);
    expect(app.consumer).toMatchObject({ key, status: 200 });
    const { keys } = await call('listConsumerKeys', { integrationId: integration! });
    expect(keys.map((k) => [k.name, k.draws])).toEqual([['Demo consumer', 3]]);
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
    const names = overviewOf(await call('getOverview', {})).integrations.map((i) => i.name);
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

interface Typed {
  config: IntegrationConfig;
  parts: Record<string, string>;
  expect: string;
}

/** Turns the banner's lines back into what a newcomer types on the page, field by field. */
function typedIn(lines: string[]): Typed[] {
  const typed: Typed[] = [];
  for (const line of lines) {
    const kindLine = /^(\S.*) \(([a-z-]+)(?: until [^)]*)?\)$/.exec(line);
    if (kindLine) {
      const kind = Object.entries(KINDS).find(([, k]) => k.label === kindLine[1])?.[0];
      const config = { kind, name: `Typed ${kindLine[1]}` } as IntegrationConfig;
      typed.push({ config, parts: {}, expect: kindLine[2] as string });
      continue;
    }
    const [, label, raw] = /^ {2}(.+?): +(.*)$/.exec(line) ?? [];
    const item = typed[typed.length - 1]!;
    const file = /^the contents of (.+)$/.exec(raw ?? '')?.[1];
    const value = file ? readFileSync(file, 'utf8') : (raw ?? '');
    const values = item.config as FieldValues;
    const part = secretParts(item.config.kind, values).find((p) => p.label === label);
    if (part) item.parts[part.name] = value;
    const field = KINDS[item.config.kind].fields.find((f) => f.label === label);
    if (field) Object.assign(item.config, { [field.name]: value });
    if (label === EXPIRES_LABEL) item.config.expiresAt = value;
  }
  return typed;
}

describe('the demo credentials', () => {
  it('add an integration of every kind, with the verdict printed, when typed as the banner prints them', async () => {
    app = await start(true);
    const typed = typedIn(demoCredentials(app.demo, dir));
    expect(new Set(typed.map((t) => t.config.kind))).toEqual(new Set(CREDENTIAL_KINDS));
    const seen: Record<string, string | null> = {};
    const printed: Record<string, string> = {};
    for (const { config, parts, expect: verdict } of typed) {
      const secret = composeSecret(config.kind, config as FieldValues, parts)!;
      const created = await call('createIntegration', { config, secret });
      seen[config.kind] = (await call('checkNow', { id: created.id })).verdict;
      printed[config.kind] = verdict;
    }
    expect(seen).toEqual(printed);
  });

  it('are listed in the README as a compact table of what the banner prints, at the default ports', async () => {
    app = await start(true);
    const readme = readFileSync(path.join(APP_DIR, 'README.md'), 'utf8');
    // Ports move with --demo-port; Prettier pads a table's cells.
    const plain = (text: string) =>
      text.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT').replace(/ +\|/g, ' |');
    const lines = plain(readme).split('\n');
    const table = credentialTable(demoCredentialSets(app.demo, '.token-health'));
    for (const line of table.slice(2)) expect(lines).toContain(plain(line));
    expect(readme).toContain('Site URL `http://127.0.0.1:4101/ci-bot`');
  });
});
