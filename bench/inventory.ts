/**
 * npm run bench — one org inventory sync of N tokens (5,000 and 50,000; BENCH_INVENTORY_SIZES)
 * through the app's real trigger and step consumer on the local Forge runtime, against the Admin
 * API double paging 50 items at a time (so the listing fans out over several queued steps), each
 * answer taking 150 ms. Prints one line per N.
 */
import path from 'node:path';
import { LocalForge } from '../local/forge-runtime';
import { inventory, inventorySource } from '../src/storage/inventory';
import { ADMIN_KEY, ORG, item, startAdminApi } from '../test/support/admin-api';
import { muteHandlerLogs, report } from './quiet';

const SIZES = (process.env.BENCH_INVENTORY_SIZES ?? '5000,50000').split(',').map(Number);
const PAGE_SIZE = 50;
const LATENCY_MS = 150;

async function syncOnce(n: number): Promise<string> {
  const api = await startAdminApi();
  api.pageSize = PAGE_SIZE;
  api.latencyMs = LATENCY_MS;
  api.tokens = Array.from({ length: n }, (_, i) => item(i));
  const forge = await LocalForge.start({
    appDir: path.resolve(__dirname, '..'),
    extraEgress: [api.url],
  });
  try {
    await forge.run(async () => {
      await inventorySource.save({
        orgId: ORG,
        baseUrl: api.url,
        keyFingerprint: ADMIN_KEY.slice(-4),
        maxLifetimeDays: 365,
        unusedDays: 90,
      });
      await inventorySource.setKey(ADMIN_KEY);
    });
    const kvsBefore = forge.kvs.requests.length;
    const started = performance.now();
    await forge.runScheduledTrigger('inventory-trigger');
    await forge.drainQueues();
    const wall = (performance.now() - started) / 1000;
    const stored = await forge.run(() => inventory.state());
    if (stored?.tokens !== n) throw new Error(`stored ${stored?.tokens ?? 0} of ${n} tokens`);
    const steps = forge.invocations.filter((i) => i.functionKey === 'inventory-step');
    const longest = Math.max(...steps.map((s) => s.durationMs)) / 1000;
    const limit = (steps[0]?.timeLimitMs ?? 0) / 1000;
    return [
      `inventory n=${n}`,
      `wall_s=${wall.toFixed(2)}`,
      `kvs_requests=${forge.kvs.requests.length - kvsBefore}`,
      `api_requests=${api.requests.length}`,
      `steps=${steps.length}`,
      `longest_step_s=${longest.toFixed(2)}`,
      `step_limit_s=${limit}`,
      `within_half_limit=${longest <= limit / 2 ? 'yes' : 'no'}`,
    ].join(' ');
  } finally {
    await forge.stop();
    await api.close();
  }
}

async function main(): Promise<void> {
  muteHandlerLogs();
  for (const n of SIZES) {
    const line = await syncOnce(n);
    report(line);
    // A step over half its limit leaves a slow Admin API no room: the bench fails on it.
    if (line.endsWith('within_half_limit=no')) process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
