/**
 * npm run bench, detection latency: 1,000 and 5,000 integrations (BENCH_DETECT_N) checked every 5 minutes through the app's
 * real handlers on the local Forge runtime, on a simulated clock that jumps from one sweep to the
 * next and runs on in real time while a sweep works. One credential is revoked on its simulated
 * service at a random moment; the line says how long (simulated) it took until its alert reached
 * the webhook receiver, against the bound of one interval plus the sweep's own duration.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { LocalForge } from '../local/forge-runtime';
import { localJira, userDirectory } from '../local/dev/product';
import { installSimClock } from '../local/dev/sim-clock';
import { newIntegration } from '../src/domain/schedule';
import { keys } from '../src/storage/keys';
import { muteHandlerLogs, report } from './quiet';

const SIZES = (process.env.BENCH_DETECT_N ?? '1000,5000').split(',').map(Number);
const INTERVAL_MS = 300_000;
const LATENCY_MS = 200;
const HOSTS = 25;
const MAX_SWEEPS = 6;
const ADMIN = { accountId: 'bench-admin', displayName: 'Bench admin', emailAddress: 'a@b.example' };
/** A Standard Webhooks signing key (whsec_ + base64 of 32 bytes). */
const SIGNING_KEY = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;

interface Server {
  url: string;
  close(): Promise<void>;
}

async function listen(handler: http.RequestListener): Promise<Server> {
  const server = http.createServer(handler);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const secretOf = (i: number) => `ATATT-detect-token-${i}`;

/** A Jira site: 200 with the account after 200 ms, 401 for the victim's token once revoked. */
function site(revoked: () => { token: string; at: number } | null) {
  return listen((req, res) => {
    const basic = Buffer.from((req.headers.authorization ?? '').slice(6), 'base64').toString();
    const gone = revoked();
    setTimeout(() => {
      if (gone && basic.endsWith(`:${gone.token}`) && Date.now() >= gone.at) {
        res.writeHead(401, { 'Content-Type': 'text/plain' });
        return res.end('Basic authentication with passwords is deprecated.');
      }
      res.writeHead(200, { 'Content-Type': 'application/json', 'X-AAccountId': 'acc-bench' });
      res.end(JSON.stringify({ accountId: 'acc-bench', displayName: 'Bench bot' }));
    }, LATENCY_MS);
  });
}

/** One run of N integrations; false when the alert came late or never. */
async function detectOnce(N: number): Promise<boolean> {
  const start = Math.floor(Date.now() / INTERVAL_MS) * INTERVAL_MS;
  // Simulated time jumps to each sweep's slot and runs on in real time while the sweep works.
  const clock = installSimClock(1, start);
  const victim = Math.floor(Math.random() * N);
  let revocation: { token: string; at: number } | null = null;
  let alertedAt: number | null = null;
  const sites = await Promise.all(Array.from({ length: HOSTS }, () => site(() => revocation)));
  const receiver = await listen((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (alertedAt === null && body.includes(`"detect-${victim}"`)) alertedAt = Date.now();
      res.writeHead(204).end();
    });
  });
  const forge = await LocalForge.start({
    appDir: path.resolve(__dirname, '..'),
    extraEgress: [...sites.map((s) => s.url), receiver.url],
    product: localJira(ADMIN, userDirectory([ADMIN]), () => undefined),
    clock: { now: () => Date.now() },
  });
  try {
    for (let i = 0; i < N; i += 1) {
      const record = newIntegration({
        id: `detect-${i}`,
        config: {
          kind: 'atlassian-api-token',
          baseUrl: sites[i % HOSTS]?.url,
          username: `bot${i}@acme.example`,
        },
        secret: secretOf(i),
        fingerprintKey: Buffer.alloc(32),
        interval: '5m',
        now: new Date(start - 86_400_000),
      });
      forge.kvs.set(keys.integration(record.id), record);
      forge.kvs.setSecret(keys.secret(record.id), secretOf(i));
    }
    const saved = (await forge.invokeResolver(
      'resolver',
      {
        call: {
          functionKey: 'saveChannel',
          payload: {
            config: {
              type: 'webhook',
              name: 'Receiver',
              url: `${receiver.url}/hook`,
              enabled: true,
              role: 'primary',
              digest: false,
            },
            secret: SIGNING_KEY,
          },
        },
      },
      { accountId: ADMIN.accountId },
    )) as { ok: boolean; error?: { message: string } };
    if (!saved.ok) throw new Error(`the webhook channel was refused: ${saved.error?.message}`);
    let longestSweepMs = 0;
    for (let sweep = 0; sweep < MAX_SWEEPS && alertedAt === null; sweep += 1) {
      clock.jumpTo(start + sweep * INTERVAL_MS);
      const began = Date.now();
      await forge.runScheduledTrigger('sweep-trigger');
      await forge.drainQueues({ parallelism: 100 });
      longestSweepMs = Math.max(longestSweepMs, Date.now() - began);
      // Revoked at a random moment after the first (all healthy) sweep, before the next one.
      if (sweep === 0)
        revocation = { token: secretOf(victim), at: began + Math.random() * INTERVAL_MS };
    }
    const revokedAt = revocation?.at ?? start;
    const latency = alertedAt === null ? null : (alertedAt - revokedAt) / 1000;
    const bound = (INTERVAL_MS + longestSweepMs) / 1000;
    report(
      [
        `detect n=${N}`,
        `revoked_to_alert_s=${latency === null ? 'never' : latency.toFixed(1)}`,
        `interval_s=${INTERVAL_MS / 1000}`,
        `sweep_s=${(longestSweepMs / 1000).toFixed(1)}`,
        `bound_s=${bound.toFixed(1)}`,
        `within_bound=${latency !== null && latency <= bound ? 'yes' : 'no'}`,
      ].join(' '),
    );
    return latency !== null && latency <= bound;
  } finally {
    await forge.stop();
    await Promise.all([...sites, receiver].map((s) => s.close()));
    clock.uninstall();
  }
}

async function main(): Promise<void> {
  muteHandlerLogs();
  for (const n of SIZES) if (!(await detectOnce(n))) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
