import { APP_DIR, appHandlers, record, seed, statusOf } from '../support/app';
import { LocalForge } from '../../local/forge-runtime';
import { runProbe } from '../../src/probes/engine';
import type { FetchLike } from '../../src/http/client';
import {
  appKeyPair,
  githubAppDouble,
  githubAppWorld,
  type AppInstallation,
  type GithubAppWorld,
} from '../support/github-app';
import { startServer, urlOf, type TestServer } from '../support/server';

const APPS = 12;
/** Ten full pages of installations: the watched one is on the last page GitHub is asked for. */
const INSTALLATIONS: AppInstallation[] = Array.from({ length: 1000 }, (_, i) => ({
  id: 70_000_000 + i,
  account: `org-${i}`,
  permissions: { contents: 'read', metadata: 'read' },
}));
const WATCHED = INSTALLATIONS[950];

describe('one check invocation and Forge’s 100 outbound requests', () => {
  const key = appKeyPair();
  let world: GithubAppWorld;
  let github: TestServer;
  beforeAll(async () => {
    world = githubAppWorld(key.publicKey, () => new Date(), { installations: INSTALLATIONS });
    github = await startServer(githubAppDouble(world));
  });
  afterAll(async () => {
    await github.close();
  });

  /** A runtime whose invocations may send only `limit` requests, as if others had spent the rest. */
  async function limited(limit: number): Promise<LocalForge> {
    return LocalForge.start({
      appDir: APP_DIR,
      loadHandlers: appHandlers(),
      extraEgress: [urlOf(github)],
      fetchLimit: limit,
    });
  }

  it('checks twelve GitHub Apps of one event inside the limit, hands back what does not fit, and revokes every token it mints', async () => {
    const forge = await limited(100);
    try {
      await twelveApps(forge);
    } finally {
      await forge.stop();
    }
  });

  async function twelveApps(forge: LocalForge): Promise<void> {
    const ids = Array.from({ length: APPS }, (_, i) => `app-${i}`);
    const config = {
      kind: 'github-app' as const,
      baseUrl: urlOf(github),
      appId: String(world.app.id),
      installationId: String(WATCHED?.id),
    };
    await seed(
      forge,
      ids.map((id) => ({ record: record(id, config), secret: key.pem })),
    );
    await forge.runScheduledTrigger('sweep-trigger');
    await forge.drainQueues();

    // Each app costs 13 requests (the app, ten pages, the mint, the revoke): six fit in one budget,
    // so the one event of twelve takes more than one invocation, each inside Forge's limit.
    const consumers = forge.invocations.filter((i) => i.functionKey === 'check');
    // The first: six apps and the push that hands the other six back.
    expect(consumers[0]?.outboundRequests).toBe(6 * 13 + 1);
    for (const invocation of consumers) expect(invocation.outboundRequests).toBeLessThanOrEqual(80);
    const all = await Promise.all(ids.map((id) => statusOf(forge, id)));
    expect(all.map((s) => s?.last?.verdict)).toEqual(Array(APPS).fill('healthy'));
    expect(all.map((s) => s?.last?.message).join('\n')).not.toMatch(/429/);
    expect(world.minted).toHaveLength(APPS);
    expect([...world.revoked].sort()).toEqual([...world.minted].sort());
  }

  describe('when Forge refuses a request over its limit', () => {
    const config = () => ({
      kind: 'github-app' as const,
      baseUrl: urlOf(github),
      appId: String(world.app.id),
      installationId: String(WATCHED?.id),
    });
    const probe = (runtime: LocalForge) =>
      runtime.run(() =>
        runProbe(config(), key.pem, {
          fetch: globalThis.fetch as unknown as FetchLike,
          now: () => new Date(),
        }),
      );

    it('says Forge refused it, never that GitHub answered 429', async () => {
      const runtime = await limited(5);
      try {
        const result = await probe(runtime);
        expect(result.verdict).toBe('unreachable');
        expect(result.message).toMatch(/^Forge refused the request to .* 100 outbound requests/);
        expect(result.message).not.toMatch(/GitHub answered/);
      } finally {
        await runtime.stop();
      }
    });

    it('says the minted token could not be revoked when the revoke is the request refused', async () => {
      const runtime = await limited(12);
      try {
        const result = await probe(runtime);
        expect(result.verdict).toBe('healthy');
        expect(result.message).toMatch(
          /the token minted for the check was not revoked \(Forge refused the request/,
        );
        expect(result.facts).toMatchObject({ checkTokenRevoked: 'no' });
      } finally {
        await runtime.stop();
      }
    });

    it('puts a check Forge refused back on the queue instead of storing a verdict', async () => {
      const runtime = await limited(20);
      try {
        const ids = ['refused-0', 'refused-1', 'refused-2'];
        await seed(
          runtime,
          ids.map((id) => ({ record: record(id, config()), secret: key.pem })),
        );
        await runtime.runScheduledTrigger('sweep-trigger');
        await runtime.drainQueues({ untilIdle: false });
        const statuses = await Promise.all(ids.map((id) => statusOf(runtime, id)));
        const stored = statuses.filter((s) => s !== undefined);
        expect(stored.map((s) => s?.last?.verdict)).not.toContain('unreachable');
        const [handedBack] = runtime.queues.pending();
        const back = (handedBack?.body as { ids?: string[] } | undefined)?.ids ?? [];
        expect(back.length + stored.length).toBe(ids.length);
        expect(back.length).toBeGreaterThan(0);
      } finally {
        await runtime.stop();
      }
    });
  });
});
