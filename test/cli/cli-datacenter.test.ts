import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main, type CliIo } from '../../src/cli/main';
import type { FetchLike } from '../../src/http/client';
import { bitbucketDc, CONTEXT, TOKEN, TOKEN_ID } from '../support/bitbucket-dc';
import { NOW, daysFromNow } from '../support/probe';
import type { TestServer } from '../support/server';

let server: TestServer;
let dir: string;
beforeAll(async () => {
  server = await bitbucketDc({
    scope: '/projects/OPS/repos/deploy-tools',
    dates: 'iso',
    tokens: [{ id: TOKEN_ID, name: 'release bot', created: daysFromNow(-80.5), expiryDays: 90 }],
  });
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'th-cli-dc-'));
});
afterAll(async () => {
  await server.close();
  await fs.rm(dir, { recursive: true, force: true });
});

async function run(config: unknown) {
  const file = path.join(dir, 'integration.json');
  await fs.writeFile(file, JSON.stringify(config));
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    env: { TOKEN_HEALTH_SECRET: TOKEN },
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    fetch: globalThis.fetch as unknown as FetchLike,
    now: () => NOW,
  };
  const code = await main(['probe', file, '--json'], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const repoToken = (extra: Record<string, unknown> = {}) => ({
  kind: 'bitbucket-datacenter-token',
  name: 'Release bot',
  baseUrl: `${server.url}${CONTEXT}`,
  projectKey: 'OPS',
  repoSlug: 'deploy-tools',
  ...extra,
});

describe('token-health probe, Bitbucket Data Center repository token', () => {
  it('reads the expiry of the repository token and exits 1 when it expires within the warning days', async () => {
    const { code, out } = await run(repoToken());
    expect(code).toBe(1);
    expect(JSON.parse(out)).toMatchObject({
      verdict: 'expiring',
      expiresAt: daysFromNow(9.5).toISOString(),
      expirySource: 'service',
    });
    expect(out).not.toContain(TOKEN);
  });

  it('refuses a repository slug without its project key: one line on stderr, exit 3, nothing sent', async () => {
    const before = server.requests.length;
    const { code, out, err } = await run(repoToken({ projectKey: undefined }));
    expect(code).toBe(3);
    expect(out).toBe('');
    expect(err.split('\n')).toHaveLength(1);
    expect(err).toMatch(/projectKey.*repository token needs the key/);
    expect(server.requests.length).toBe(before);
  });
});
