/**
 * npm run bench — sweeps of N integrations through the app's real handlers on the local Forge
 * runtime, against simulated services that answer after 200 ms, reached through a simulated
 * Forge egress proxy in a process of their own (sites.ts). Prints three lines per N.
 */
import path from 'node:path';
import { LocalForge, type InvocationRecord } from '../local/forge-runtime';
import { installSimClock, type SimClock } from '../local/dev/sim-clock';
import { INTERVALS, newIntegration, type IntegrationRecord } from '../src/domain/schedule';
import { revisionOf } from '../src/domain/revision';
import { storedRecord } from '../src/domain/stored-record';
import { keys } from '../src/storage/keys';
import { CONSUMER_CONCURRENCY, PROBES_PER_CONSUMER } from '../src/scheduler/limits';
import { planPushes } from '../src/scheduler/sweep-plan';
import { loggedBytes, muteHandlerLogs, report, takeLines } from './quiet';
import { startSites, type Sites } from './sites';
import type { KvsRequestRecord } from '../local/forge-runtime/kvs/service';

const LATENCY_MS = 200;
const HOSTS = 25;
const SIZES = (process.env.BENCH_SIZES ?? '100,1000,5000,20000').split(',').map(Number);
const C = CONSUMER_CONCURRENCY * PROBES_PER_CONSUMER;

function integration(i: number, siteUrl: string): IntegrationRecord {
  return newIntegration({
    id: `bench-${i}`,
    config: { kind: 'atlassian-api-token', baseUrl: siteUrl, username: `bot${i}@acme.example` },
    secret: secretOf(i),
    fingerprintKey: Buffer.alloc(32),
    now: new Date(Date.now() - 86_400_000),
  });
}

const secretOf = (i: number) => `ATATT-bench-token-${i}`;

/**
 * The fastest a sweep of n can be: C probes at once, each LATENCY_MS, and no check before its
 * push. Past Forge's queue rate the planner queues some checks in later minutes (planPushes):
 * those cannot start before their delay, so the bound is the latest of "a push's delay, then
 * every check pushed from then on in waves of C".
 */
function boundSeconds(n: number): number {
  const ids = Array.from({ length: n }, (_, i) => `bench-${i}`);
  const plan = planPushes(new Date().toISOString(), ids);
  if (plan.unplanned > 0) throw new Error(`${plan.unplanned} of ${n} checks do not fit one slot`);
  const wave = LATENCY_MS / 1000;
  const checksFrom = (delay: number) =>
    plan.pushes
      .filter((p) => p.delaySeconds >= delay)
      .flatMap((p) => p.events)
      .reduce((sum, e) => sum + e.ids.length, 0);
  const delays = [...new Set(plan.pushes.map((p) => p.delaySeconds))];
  return Math.max(...delays.map((d) => d + Math.ceil(checksFrom(d) / C) * wave));
}

/** Every queued event delivered, waiting for those delayed to a later minute; bounded. */
async function drainAll(forge: LocalForge): Promise<void> {
  for (let round = 0; round < 10; round += 1) {
    const { nextDueAt } = await forge.drainQueues({ parallelism: 100 });
    if (nextDueAt === undefined) return;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, nextDueAt - Date.now())));
  }
  throw new Error('events still queued after 10 rounds of delivery');
}

const ms = (v: number) => Math.round(v);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/**
 * Where the wall time went: the trigger (planning and queueing), how long consumers waited to
 * start after it, how long each ran (median and slowest), the median of each consumer's phases
 * as its log line gives them (waiting for its integrations, probing, storing after the last
 * probe), the KVS requests they made and the bytes the whole sweep wrote to and read from KVS
 * per check. A ratio that grows is explained here: a slow plan, a late first wave, slow reads,
 * slow services or a slow store.
 */
function profile(
  invocations: readonly InvocationRecord[],
  started: number,
  logs: string[],
  perCheck: { n: number; requests: readonly KvsRequestRecord[] },
): string {
  const trigger = invocations.find((i) => i.functionKey === 'sweep');
  const consumers = invocations.filter((i) => i.functionKey === 'check');
  const firstStart = Math.min(...consumers.map((c) => c.startedAt));
  const kvs = consumers.reduce((sum, c) => sum + c.kvsRequests, 0);
  const phases = logs.flatMap((line) => {
    const m = /read (\d+) ms, probing (\d+) ms, storing after (\d+) ms/.exec(line);
    return m ? [m.slice(1).map(Number)] : [];
  });
  const phase = (i: number) => ms(median(phases.map((p) => p[i] ?? 0)));
  return [
    `  profile trigger_ms=${ms(trigger?.durationMs ?? 0)}`,
    `trigger_kvs=${trigger?.kvsRequests ?? 0}`,
    `first_consumer_after_ms=${ms(firstStart - started)}`,
    `consumers=${consumers.length}`,
    `consumer_median_ms=${ms(median(consumers.map((c) => c.durationMs)))}`,
    `consumer_max_ms=${ms(Math.max(...consumers.map((c) => c.durationMs)))}`,
    `read_ms=${phase(0)} probing_ms=${phase(1)} store_after_ms=${phase(2)}`,
    `consumer_kvs=${kvs}`,
    `kvs_write_b_per_check=${bytesPerCheck(perCheck, false)}`,
    `kvs_read_b_per_check=${bytesPerCheck(perCheck, true)}`,
  ].join(' ');
}

/**
 * Forge bills compute by GB-seconds (duration × memory; every function has 0.5 GB: "Currently
 * for all Lambda functions, the memory allocation is fixed at 0.5 GB", developer.atlassian.com/
 * platform/forge/monitor-usage-metrics — the manifest sets no memory), KVS by the data read and
 * written, and logs by the volume written (developer.atlassian.com/platform/forge/
 * forge-platform-pricing). Per 1,000 checks, so sizes compare.
 */
const FUNCTION_MEMORY_GB = 0.5;
const READ_OPS = new Set(['get', 'secret/get', 'entity/get', 'batch/get', 'query', 'entity/query']);

/** Bytes of the requests written (their bodies) or of the answers read, per check. */
function bytesPerCheck(
  { n, requests }: { n: number; requests: readonly KvsRequestRecord[] },
  reads: boolean,
): number {
  const matching = requests.filter((r) => READ_OPS.has(r.op) === reads);
  return Math.round(matching.reduce((sum, r) => sum + (reads ? r.bytesOut : r.bytesIn), 0) / n);
}

function cost(
  n: number,
  invocations: readonly InvocationRecord[],
  kvs: readonly KvsRequestRecord[],
  logBytes: number,
): string {
  const per1000 = (v: number) => (v * 1000) / n;
  const seconds = invocations.reduce((sum, i) => sum + i.durationMs, 0) / 1000;
  const reads = kvs.filter((r) => READ_OPS.has(r.op));
  const writes = kvs.filter((r) => !READ_OPS.has(r.op));
  const kb = (records: KvsRequestRecord[], field: 'bytesIn' | 'bytesOut') =>
    per1000(records.reduce((sum, r) => sum + r[field], 0) / 1024).toFixed(1);
  return [
    `cost n=${n} per=1000`,
    `gb_s=${per1000(seconds * FUNCTION_MEMORY_GB).toFixed(1)}`,
    `kvs_reads=${Math.round(per1000(reads.length))}`,
    `kvs_read_kb=${kb(reads, 'bytesOut')}`,
    `kvs_writes=${Math.round(per1000(writes.length))}`,
    `kvs_write_kb=${kb(writes, 'bytesIn')}`,
    `log_kb=${(per1000(logBytes) / 1024).toFixed(1)}`,
  ].join(' ');
}

/**
 * The figures come from a sweep of integrations checked before, as every sweep is after an
 * integration's first two checks (the first stores everything; the second its requests apart,
 * check-store.ts). The simulated clock jumps back for those two (not counted), one interval apart.
 */
async function checkedBefore(forge: LocalForge, clock: SimClock, measuredAt: number) {
  for (const back of [2, 1]) {
    clock.jumpTo(measuredAt - back * INTERVALS['1h']);
    await forge.runScheduledTrigger('sweep-trigger');
    await forge.drainQueues({ parallelism: 100 });
  }
  clock.jumpTo(measuredAt);
}

/**
 * Noon (UTC) of the day: the measured sweep and the two before it fall on one day. A check on
 * a new day rewrites its status once (the day's roll-up moves to it), which would make the bytes
 * depend on the hour the bench runs.
 */
const middayOf = (ms: number) => Math.floor(ms / 86_400_000) * 86_400_000 + 43_200_000;

async function sweepOnce(n: number, sites: Sites, clock: SimClock): Promise<string> {
  await sites.reset();
  const measuredAt = middayOf(clock.now());
  const forge = await LocalForge.start({
    appDir: path.resolve(__dirname, '..'),
    extraEgress: sites.urls,
    egressProxy: sites.proxyUrl,
  });
  try {
    for (let i = 0; i < n; i += 1) {
      const site = sites.urls[i % HOSTS];
      if (!site) throw new Error('no simulated site');
      const record = integration(i, site);
      forge.kvs.set(keys.integration(record.id), storedRecord(record));
      forge.kvs.set(keys.revision(record.id), revisionOf(record));
      forge.kvs.setSecret(keys.secret(record.id), secretOf(i));
    }
    await checkedBefore(forge, clock, measuredAt);
    await sites.reset();
    const invocationsBefore = forge.invocations.length;
    const kvsBefore = forge.kvs.requests.length;
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 50);
    const started = performance.now();
    const startedAt = Date.now();
    const logBefore = loggedBytes();
    takeLines();
    await forge.runScheduledTrigger('sweep-trigger');
    await drainAll(forge);
    const wall = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const healthy = forge.kvs
      .keys()
      .filter((k) => k.startsWith(keys.statusPrefix))
      .filter(
        (k) => (forge.kvs.get(k) as { last?: { verdict?: string } }).last?.verdict === 'healthy',
      ).length;
    if (healthy !== n) throw new Error(`only ${healthy} of ${n} integrations came back healthy`);
    const bound = boundSeconds(n);
    const egress = await sites.requests();
    const kvs = forge.kvs.requests.length - kvsBefore;
    const requests = forge.kvs.requests.slice(kvsBefore);
    const invocations = forge.invocations.slice(invocationsBefore);
    return (
      [
        `sweep n=${n}`,
        `wall_s=${wall.toFixed(2)}`,
        `bound_s=${bound.toFixed(2)}`,
        `ratio=${(wall / bound).toFixed(2)}`,
        `kvs_per_check=${(kvs / n).toFixed(2)}`,
        `egress_per_check=${(egress / n).toFixed(2)}`,
        `invocations=${invocations.length}`,
        `peak_rss_mb=${Math.round(peakRss / 1024 / 1024)}`,
      ].join(' ') +
      `\n${profile(invocations, startedAt, takeLines(), { n, requests })}` +
      `\n${cost(n, invocations, requests, loggedBytes() - logBefore)}`
    );
  } finally {
    await forge.stop();
  }
}

/**
 * A Forge function's container serves many invocations, its code compiled after the first; a
 * sweep before the figures warms this process the same way, so the first size measures the
 * sweep and not the JIT (BENCH_WARMUP=0 measures a cold start).
 */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 200);

async function main(): Promise<void> {
  muteHandlerLogs();
  const sites = await startSites(HOSTS, LATENCY_MS);
  const clock = installSimClock(1, Date.now());
  try {
    if (WARMUP > 0) {
      await sweepOnce(WARMUP, sites, clock);
      report(`warmup n=${WARMUP}: one sweep before the figures, not counted`);
    }
    for (const n of SIZES) report(await sweepOnce(n, sites, clock));
  } finally {
    clock.uninstall();
    await sites.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
