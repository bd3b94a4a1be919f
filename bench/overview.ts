/**
 * npm run bench (second part) — the admin page's overview of 1,000 and 5,000 checked
 * integrations, through the real resolver and admin guard on the local Forge runtime, page after
 * page as the admin page loads it. Prints one line per size: the first answer's KVS requests and
 * size in bytes (JSON), then the same for all answers together, and the wall time.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { LocalForge } from '../local/forge-runtime';
import type { CheckResult } from '../src/domain/result';
import { applyResult, initialStatus, newIntegration } from '../src/domain/schedule';
import { stableOf, tickOf } from '../src/domain/status-tick';
import { storedSummary, toSummary } from '../src/domain/summary';
import { keys } from '../src/storage/keys';
import { muteHandlerLogs, report } from './quiet';

const SIZES = (process.env.BENCH_OVERVIEW_SIZES ?? '1000,5000').split(',').map(Number);
const ADMIN = 'acc-bench-admin';
const DAY_MS = 86_400_000;

const REJECTED =
  'Jira answered 401 and flagged the login as failed: the token or email is no longer accepted';

/** A check as the sweep records it: mostly healthy, some expiring inside a warning, some refused. */
function result(i: number, checkedAt: Date): CheckResult {
  const kind = i % 10 === 0 ? 'rejected' : i % 5 === 0 ? 'expiring' : 'healthy';
  const expiresAt = new Date(checkedAt.getTime() + (kind === 'expiring' ? 9 : 200) * DAY_MS);
  const date = expiresAt.toISOString().slice(0, 10);
  const messages = {
    healthy: `Jira accepted the token as Integration bot ${i}`,
    expiring: `works, but expires on ${date} (9 days left); renew it before then`,
    rejected: REJECTED,
  };
  return {
    verdict: kind,
    severity: kind === 'healthy' ? 'ok' : kind === 'expiring' ? 'warning' : 'critical',
    message: messages[kind],
    identity: kind === 'rejected' ? null : { id: `557058:${randomUUID()}` },
    expiresAt: expiresAt.toISOString(),
    expirySource: 'admin',
    daysLeft: kind === 'expiring' ? 9 : 200,
    retryAfterSeconds: null,
    checkedAt: checkedAt.toISOString(),
    durationMs: 180,
    evidence: [],
    facts: {},
  };
}

/** One integration as the sweep leaves it: record, status with a week of roll-ups, overview row. */
function seedOne(forge: LocalForge, i: number, now: Date): void {
  const record = newIntegration({
    id: randomUUID(),
    config: {
      kind: 'atlassian-api-token',
      name: `Integration ${i} (acme sync)`,
      baseUrl: `https://site-${i % 25}.atlassian.net`,
      username: `bot${i}@acme.example`,
    },
    secret: `ATATT-bench-${i}`,
    fingerprintKey: Buffer.alloc(32),
    // Half have an owner: an Atlassian account id is the longest field of a row.
    ownerAccountId: i % 2 === 0 ? `557058:${randomUUID()}` : null,
    now: new Date(now.getTime() - 8 * DAY_MS),
  });
  let status = initialStatus(record.id, now);
  for (let day = 7; day >= 0; day -= 1) {
    const at = new Date(now.getTime() - day * DAY_MS);
    status = applyResult(record, status, result(i, at), at.toISOString());
  }
  forge.kvs.set(keys.integration(record.id), record);
  // As the app stores them: the status in two parts (domain/status-tick.ts), the row compact.
  forge.kvs.set(keys.status(record.id), stableOf(status));
  forge.kvs.set(keys.checked(record.id), tickOf(status));
  forge.kvs.set(keys.summary(record.id), storedSummary(toSummary(record, status, now)));
}

interface Answer {
  ok: boolean;
  data?: { rows: unknown[]; next: string | null };
}

/** Every answer the admin page asks for, first to last: requests and bytes of each. */
async function loadAll(forge: LocalForge): Promise<{ rows: number; answers: Measured[] }> {
  const answers: Measured[] = [];
  let rows = 0;
  let cursor: string | null | undefined;
  do {
    const before = forge.kvs.requests.length;
    const answer = (await forge.invokeResolver(
      'resolver',
      { call: { functionKey: 'getOverview', payload: cursor ? { cursor } : {} } },
      { accountId: ADMIN },
    )) as Answer;
    if (!answer.ok || !answer.data) throw new Error('the overview failed');
    answers.push({
      requests: forge.kvs.requests.length - before,
      bytes: JSON.stringify(answer).length,
    });
    rows += answer.data.rows.length;
    cursor = answer.data.next;
  } while (cursor && answers.length < 1000);
  return { rows, answers };
}

interface Measured {
  requests: number;
  bytes: number;
}

async function measure(n: number): Promise<string> {
  const forge = await LocalForge.start({
    appDir: path.resolve(__dirname, '..'),
    product: () => ({
      status: 200,
      body: { permissions: { ADMINISTER: { havePermission: true } } },
    }),
  });
  try {
    const now = new Date();
    for (let i = 0; i < n; i += 1) seedOne(forge, i, now);
    const started = performance.now();
    const { rows, answers } = await loadAll(forge);
    const wall = performance.now() - started;
    if (rows !== n) throw new Error(`the overview listed ${rows} of ${n}`);
    const sum = (field: keyof Measured) => answers.reduce((total, a) => total + a[field], 0);
    return [
      `overview n=${n}`,
      `first_kvs_requests=${answers[0]?.requests ?? 0}`,
      `first_bytes=${answers[0]?.bytes ?? 0}`,
      `answers=${answers.length}`,
      `kvs_requests=${sum('requests')}`,
      `bytes=${sum('bytes')}`,
      `wall_ms=${Math.round(wall)}`,
    ].join(' ');
  } finally {
    await forge.stop();
  }
}

async function main(): Promise<void> {
  muteHandlerLogs();
  for (const n of SIZES) report(await measure(n));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
