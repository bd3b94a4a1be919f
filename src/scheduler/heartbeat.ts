import {
  boundTo,
  type HeartbeatConfig,
  type HeartbeatOutcome,
  type PingBody,
  type PingKind,
} from '../domain/heartbeat';
import { heartbeat } from '../storage/heartbeat';
import type { SweepState } from '../storage/sweep-state';
import { sendPing, type PingDeps, type PingResult } from './heartbeat-ping';

export interface HeartbeatDeps extends PingDeps {
  now: () => Date;
  holder: string;
}

/** What a ping reports: the sweep it follows, or why the sweep could not run. */
export type SweepReport =
  { kind: 'success'; state: SweepState } | { kind: 'failure'; slot: string; reason: string };

/** The body: counts by severity, and names only when the admin turned them on. */
export function pingBody(report: SweepReport, config: HeartbeatConfig, at: Date): PingBody {
  if (report.kind === 'failure') {
    return {
      app: 'token-health',
      event: 'sweep-failed',
      slot: report.slot,
      at: at.toISOString(),
      counts: null,
      due: null,
      error: report.reason,
    };
  }
  const { state } = report;
  return {
    app: 'token-health',
    event: 'sweep',
    slot: state.slot,
    at: at.toISOString(),
    counts: state.counts ?? null,
    due: state.due,
    ...(config.includeNames ? { names: state.attention ?? [] } : {}),
  };
}

/** A Test button's ping: no counts, so a test never reads as a sweep. */
export function testBody(at: Date): PingBody {
  const when = at.toISOString();
  return { app: 'token-health', event: 'test', slot: null, at: when, counts: null, due: null };
}

/** A claim that failed for another reason than a conflict: a failure ping goes anyway. */
async function claimed(kind: PingKind, slot: string, holder: string): Promise<boolean> {
  try {
    return await heartbeat.claim(`${slot}:${kind}`, holder);
  } catch (err) {
    if (kind === 'failure') return true;
    throw err;
  }
}

export function outcomeOf(kind: PingKind, at: Date, result: PingResult): HeartbeatOutcome {
  return { at: at.toISOString(), kind, ...result };
}

/** Stores the outcome for the page; losing it loses only what Settings shows. */
async function remember(outcome: HeartbeatOutcome): Promise<void> {
  try {
    await heartbeat.saveOutcome(outcome);
  } catch (err) {
    console.warn(`heartbeat outcome not stored: ${(err as { code?: string }).code ?? 'error'}`);
  }
}

async function ping(report: SweepReport, deps: HeartbeatDeps): Promise<string> {
  const config = await heartbeat.get();
  const bound = report.kind === 'failure' ? config.failure : config.success;
  // No heartbeat set up: nothing to say in the sweep's log either.
  if (!bound) return '';
  const slot = report.kind === 'failure' ? report.slot : report.state.slot;
  if (!(await claimed(report.kind, slot, deps.holder))) return 'sent already for this slot';
  const urls = await heartbeat.getUrls();
  const url = report.kind === 'failure' ? urls?.failure : urls?.success;
  if (!url || !boundTo(url, bound)) {
    const detail = 'not sent: the stored URL is not the one entered for this host; enter it again';
    await remember(
      outcomeOf(report.kind, deps.now(), { ok: false, status: null, detail, attempts: 0 }),
    );
    return detail;
  }
  const result = await sendPing(url, config.method, pingBody(report, config, deps.now()), deps);
  await remember(outcomeOf(report.kind, deps.now(), result));
  return result.detail;
}

/**
 * The sweep's heartbeat: a side errand. Whatever the outside service or storage does, it resolves
 * (never rejects) and says in words what happened, for the sweep's log line.
 */
export async function heartbeatErrand(report: SweepReport, deps: HeartbeatDeps): Promise<string> {
  try {
    return await ping(report, deps);
  } catch (err) {
    return `not sent: ${(err as { code?: string }).code ?? (err as Error).name ?? 'error'}`;
  }
}
