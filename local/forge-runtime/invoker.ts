import { randomUUID } from 'node:crypto';
import type { Clock } from './clock';
import type { AppManifest } from './manifest';
import { type InvocationState, type PlatformHost, runInScope } from './platform';
import { type AppIdentity, buildRuntime } from './runtime-object';

export interface InvocationRecord {
  invocationId: string;
  functionKey: string;
  moduleKey: string;
  moduleType: string;
  handler: string;
  accountId?: string;
  /** LocalForge clock at the start. */
  startedAt: number;
  /** Real time taken (to the time-out for a timed-out invocation). */
  durationMs: number;
  timeLimitMs: number;
  outcome: 'running' | 'success' | 'error' | 'timeout';
  error?: unknown;
  /** A consumer returned an InvocationError (retry request). */
  retryRequested?: boolean;
  /** How a timed-out handler eventually ended: it cannot be killed, only disowned. */
  settledAfterTimeout?: 'success' | 'error';
  /** Product (fpp) and external requests, the ones counted against the per-invocation limit. */
  outboundRequests: number;
  kvsRequests: number;
  eventId?: string;
  retryCount?: number;
}

/** Thrown to the caller of an invocation that ran past its module's time limit. */
export class InvocationTimeoutError extends Error {
  constructor(
    readonly invocationId: string,
    readonly functionKey: string,
    readonly timeLimitMs: number,
  ) {
    super(
      `Forge invocation ${invocationId} (${functionKey}) exceeded its ${timeLimitMs} ms time limit`,
    );
    this.name = 'InvocationTimeoutError';
  }
}

export interface InvokeSpec {
  functionKey: string;
  moduleKey: string;
  moduleType: string;
  /** Infinity for no limit. */
  timeLimitMs: number;
  accountId?: string;
  rootInvocationId?: string;
  eventId?: string;
  retryCount?: number;
}

type Handler = (...args: unknown[]) => unknown;
export type HandlerLoader = (file: string) => unknown;

/** Runs manifest functions, each in its own AsyncLocalStorage scope with its own runtime. */
export class Invoker {
  readonly records: InvocationRecord[] = [];

  constructor(
    private readonly host: PlatformHost,
    private readonly app: AppIdentity,
    private readonly manifest: AppManifest,
    private readonly load: HandlerLoader,
    private readonly clock: Clock,
  ) {}

  handler(functionKey: string): Handler {
    const fn = this.manifest.functions.get(functionKey);
    if (!fn) throw new Error(`manifest.yml declares no function '${functionKey}'`);
    const exported = (this.load(fn.file) as Record<string, unknown> | undefined)?.[fn.exportName];
    if (typeof exported !== 'function') {
      throw new Error(
        `handler '${fn.handler}' of function '${functionKey}' is not an exported function`,
      );
    }
    return exported as Handler;
  }

  async invoke(
    spec: InvokeSpec,
    args: unknown[],
  ): Promise<{ value: unknown; record: InvocationRecord }> {
    const fn = this.handler(spec.functionKey);
    const invocationId = randomUUID();
    const started = performance.now();
    const state: InvocationState = {
      invocationId,
      functionKey: spec.functionKey,
      moduleKey: spec.moduleKey,
      moduleType: spec.moduleType,
      accountId: spec.accountId,
      rootInvocationId: spec.rootInvocationId ?? invocationId,
      outboundRequests: 0,
      kvsRequests: 0,
      timedOut: false,
    };
    const runtime = buildRuntime(this.app, { ...state, deadline: started + spec.timeLimitMs });
    const record: InvocationRecord = {
      invocationId,
      functionKey: spec.functionKey,
      moduleKey: spec.moduleKey,
      moduleType: spec.moduleType,
      handler: this.manifest.functions.get(spec.functionKey)?.handler ?? '',
      accountId: spec.accountId,
      startedAt: this.clock.now(),
      durationMs: 0,
      timeLimitMs: spec.timeLimitMs,
      outcome: 'running',
      outboundRequests: 0,
      kvsRequests: 0,
      ...(spec.eventId ? { eventId: spec.eventId, retryCount: spec.retryCount ?? 0 } : {}),
    };
    this.records.push(record);
    const close = (outcome: InvocationRecord['outcome']) => {
      record.outcome = outcome;
      record.durationMs = performance.now() - started;
      record.outboundRequests = state.outboundRequests;
      record.kvsRequests = state.kvsRequests;
    };

    const work = runInScope({ host: this.host, runtime, state }, async () => fn(...args));
    const settled = work.then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    const winner = await raceLimit(settled, spec.timeLimitMs);
    if (winner === 'timeout') {
      // The platform would kill the process; here the handler keeps running, so its later platform
      // calls are refused (state.timedOut) and its end is only noted.
      state.timedOut = true;
      close('timeout');
      void settled.then((s) => (record.settledAfterTimeout = s.ok ? 'success' : 'error'));
      throw new InvocationTimeoutError(invocationId, spec.functionKey, spec.timeLimitMs);
    }
    if (!winner.ok) {
      close('error');
      record.error = winner.error;
      throw winner.error;
    }
    close('success');
    return { value: winner.value, record };
  }
}

async function raceLimit<T>(work: Promise<T>, limitMs: number): Promise<T | 'timeout'> {
  if (!Number.isFinite(limitMs)) return work;
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), limitMs);
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}
