import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { demoEpoch } from '../../../local/demo/dates';
import { DEPLOY_APP_KEY_FILE } from '../../../local/demo/github-app';
import { FIRST_REFRESH_TOKEN } from '../../../local/demo/oauth';
import { startDemoServices, type DemoServices } from '../../../local/demo/services';
import { VERDICTS } from '../../../src/domain/verdict';
import { probeDemo } from './probe-demo';

let demo: DemoServices;

beforeAll(async () => {
  demo = await startDemoServices({ portBase: 0, log: () => undefined });
});

afterAll(() => demo.close());

function tenant(slug: string) {
  const found = demo.find(slug);
  if (!found) throw new Error(`no tenant ${slug}`);
  return found;
}

describe('the demo services, judged by the real probes', () => {
  it('give each demo integration its intended verdict', async () => {
    const seen: Record<string, string> = {};
    const wanted: Record<string, string> = {};
    for (const t of demo.tenants) {
      seen[t.spec.slug] = (await probeDemo(t)).verdict;
      wanted[t.spec.slug] = t.spec.expect;
    }
    expect(seen).toEqual(wanted);
  });

  it('cover every verdict a saved integration can reach', () => {
    const covered = new Set(demo.tenants.map((t) => t.spec.expect));
    // not-allowed cannot be saved: createIntegration refuses an undeclared host up front.
    // wrong-expiry-date needs a typed date that has passed, which createIntegration refuses: it
    // comes only with time. revocation-ignored is judged when a check of a credential marked
    // revoked is stored, not by a probe (test/scheduler/revocation-dates.e2e.test.ts has both).
    expect(VERDICTS.filter((v) => !covered.has(v))).toEqual([
      'wrong-expiry-date',
      'revocation-ignored',
      'not-allowed',
    ]);
  });

  it('read the GitHub token expiry from its header: 4 whole days left of 5', async () => {
    const result = await probeDemo(tenant('release-bot'));
    expect(result.daysLeft).toBe(4);
    expect(result.expirySource).toBe('service');
  });
});

describe('driving a demo service', () => {
  it('revoke makes a healthy token rejected; restore heals it', async () => {
    const ci = tenant('ci-bot');
    demo.control('ci-bot', 'revoke');
    expect((await probeDemo(ci)).verdict).toBe('rejected');
    demo.control('ci-bot', 'restore');
    expect((await probeDemo(ci)).verdict).toBe('healthy');
  });

  it('the GitHub App demo signs in with its key; revoke deletes the key, restore brings it back', async () => {
    const app = tenant('deploy-app');
    const healthy = await probeDemo(app);
    expect(healthy.identity?.username).toBe('acme-deploy');
    expect(healthy.facts.permissions).toBe('contents:read, deployments:write');
    demo.control('deploy-app', 'revoke');
    expect((await probeDemo(app)).message).toMatch(
      /private key was revoked or the app id is wrong/,
    );
    demo.control('deploy-app', 'restore');
    expect((await probeDemo(app)).verdict).toBe('healthy');
  });

  it('restore clears a service’s own trouble: the CAPTCHA lock and the rate limit', async () => {
    demo.control('dc-importer', 'restore');
    demo.control('status-page', 'restore');
    expect((await probeDemo(tenant('dc-importer'))).verdict).toBe('healthy');
    expect((await probeDemo(tenant('status-page'))).verdict).toBe('healthy');
  });

  it('slow past the request timeout and fail both read as unreachable until undone', async () => {
    const slack = tenant('alerts-bot');
    demo.control('alerts-bot', 'slow', 600);
    expect((await probeDemo(slack, 300)).verdict).toBe('unreachable');
    demo.control('alerts-bot', 'fast');
    demo.control('alerts-bot', 'fail');
    expect((await probeDemo(slack)).verdict).toBe('unreachable');
    demo.control('alerts-bot', 'recover');
    expect((await probeDemo(slack)).verdict).toBe('healthy');
  });

  it('rotates the kept OAuth refresh token on every refresh and refuses a spent one', async () => {
    const oauth = tenant('marketplace-sync');
    expect((await probeDemo(oauth)).verdict).toBe('healthy');
    const reuse = await fetch(`${oauth.base}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: FIRST_REFRESH_TOKEN,
        client_id: 'demo-marketplace-sync',
        client_secret: 'demo-client-secret-0000000000000000',
      }).toString(),
    });
    expect(reuse.status).toBe(403);
    expect(await reuse.json()).toMatchObject({ error: 'invalid_grant' });
    demo.control('marketplace-sync', 'revoke');
    expect((await probeDemo(oauth)).verdict).toBe('rejected');
    demo.control('marketplace-sync', 'restore');
    expect((await probeDemo(oauth)).verdict).toBe('healthy');
  });
});

describe('the GitHub App demo across a restart', () => {
  const keyDir = mkdtempSync(path.join(tmpdir(), 'token-health-key-'));
  afterAll(() => rmSync(keyDir, { recursive: true, force: true }));

  /** The key an integration saved on the first run, checked against the services of a second. */
  async function keptKeyVerdict(dir: string | undefined): Promise<string> {
    const first = await startDemoServices({ portBase: 0, keyDir: dir, log: () => undefined });
    const saved = first.find('deploy-app')!;
    const secret = saved.spec.integration(saved.base).secret;
    await first.close();
    const second = await startDemoServices({ portBase: 0, keyDir: dir, log: () => undefined });
    try {
      const app = second.find('deploy-app')!;
      const integration = (base: string) => ({ ...app.spec.integration(base), secret });
      return (await probeDemo({ ...app, spec: { ...app.spec, integration } })).verdict;
    } finally {
      await second.close();
    }
  }

  it('accepts the key the stored integration holds, kept in the key directory (mode 0600)', async () => {
    expect(await keptKeyVerdict(keyDir)).toBe('healthy');
    expect(statSync(path.join(keyDir, DEPLOY_APP_KEY_FILE)).mode & 0o777).toBe(0o600);
  });

  it('makes a new key each start without a key directory, which the old integration loses', async () => {
    expect(await keptKeyVerdict(undefined)).toBe('rejected');
  });
});

describe('the GitHub token demo across a restart', () => {
  const keyDir = mkdtempSync(path.join(tmpdir(), 'token-health-epoch-'));
  afterAll(() => rmSync(keyDir, { recursive: true, force: true }));

  async function expiryAfterStart(epoch: number): Promise<string | undefined> {
    const services = await startDemoServices({ portBase: 0, epoch, log: () => undefined });
    try {
      return (await probeDemo(services.find('release-bot')!)).expiresAt ?? undefined;
    } finally {
      await services.close();
    }
  }

  it('keeps the expiry it had: 5 days after the demo first started, kept beside the state', async () => {
    const first = demoEpoch(keyDir, Date.now());
    const before = await expiryAfterStart(first);
    // A restart a simulated day later finds the same start, so the same expiry: no "renewed".
    const again = demoEpoch(keyDir, Date.now() + 86_400_000);
    expect(again).toBe(first);
    expect(await expiryAfterStart(again)).toBe(before);
    // GitHub's header has whole seconds.
    expect(Date.parse(before ?? '')).toBe(Math.floor((first + 5 * 86_400_000) / 1000) * 1000);
  });
});
