import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import type { Reply } from '../http';
import type { InvocationState } from '../platform';
import type { DeliveryOutcome, FailedEvent, JobStats, QueuedEvent } from './events';
import { checkPush, isReply } from './push';

export interface QueueOptions {
  /** Redeliveries after the first delivery before an event is given up (default 3). */
  maxRetries?: number;
  /** Events accepted per installation per rolling minute (default 500, FORGE-PLATFORM.md 8). */
  eventsPerMinute?: number;
  /** Push requests allowed per originating invocation chain (default 1000). */
  cyclicPushLimit?: number;
}

const MAX_RETRY_DATA_BYTES = 4 * 1024;

/** The queue service behind Queue.push/getStats/cancel, and the store deliveries are drawn from. */
export class QueueService {
  pending: QueuedEvent[] = [];
  readonly failed: FailedEvent[] = [];
  readonly jobs = new Map<string, { queueName: string; stats: JobStats }>();
  private readonly window: { at: number; count: number }[] = [];
  private readonly pushesByRoot = new Map<string, number>();
  private readonly duplicateRequests: { queue?: string }[] = [];
  private seq = 0;

  constructor(
    private readonly clock: Clock,
    private readonly longRunning: (queue: string) => boolean,
    private readonly options: QueueOptions = {},
  ) {}

  handle(path: string, body: unknown, state: InvocationState | undefined): Reply {
    if (path.startsWith('/webhook/queue/publish/')) return this.push(body, state);
    const { queueName, jobId } = (body ?? {}) as { queueName?: string; jobId?: string };
    const job = jobId === undefined ? undefined : this.jobs.get(jobId);
    if (!job || job.queueName !== queueName)
      return { status: 404, body: { message: 'job not found' } };
    if (path.startsWith('/webhook/queue/stats/')) return { status: 200, body: { ...job.stats } };
    if (path.startsWith('/webhook/queue/cancel/')) {
      const cancelled = this.pending.filter((e) => e.jobId === jobId && !e.duplicate);
      this.pending = this.pending.filter((e) => e.jobId !== jobId);
      job.stats.inProgress -= cancelled.length;
      return { status: 204 };
    }
    return { status: 404, body: { message: `no queue endpoint ${path}` } };
  }

  private push(body: unknown, state: InvocationState | undefined): Reply {
    const req = checkPush(body, this.longRunning);
    if (isReply(req)) return req;
    if (state) {
      const pushes = (this.pushesByRoot.get(state.rootInvocationId) ?? 0) + 1;
      if (pushes > (this.options.cyclicPushLimit ?? 1000)) return { status: 405, body: {} };
      this.pushesByRoot.set(state.rootInvocationId, pushes);
    }
    const now = this.clock.now();
    while ((this.window[0]?.at ?? Infinity) <= now - 60_000) this.window.shift();
    const recent = this.window.reduce((n, w) => n + w.count, 0);
    if (recent + req.payload.length > (this.options.eventsPerMinute ?? 500)) {
      return { status: 429, body: { message: 'Too many events pushed for this installation' } };
    }
    this.window.push({ at: now, count: req.payload.length });
    for (const event of req.payload) {
      this.pending.push({
        eventId: randomUUID(),
        jobId: req.jobId,
        queueName: req.queueName,
        body: event.body,
        ...(event.delayInSeconds !== undefined ? { delayInSeconds: event.delayInSeconds } : {}),
        ...(event.concurrency !== undefined ? { concurrency: event.concurrency } : {}),
        dueAt: now + (event.delayInSeconds ?? 0) * 1000,
        pushedAt: now,
        seq: this.seq++,
        rootInvocationId: state?.rootInvocationId,
      });
    }
    const job = this.jobs.get(req.jobId) ?? {
      queueName: req.queueName,
      stats: { success: 0, inProgress: 0, failed: 0 },
    };
    job.stats.inProgress += req.payload.length;
    this.jobs.set(req.jobId, job);
    return { status: 201 };
  }

  /** The next deliverable event: due, FIFO by (dueAt, push order), within its concurrency limit. */
  nextDue(
    inFlight: Map<string, number>,
    eligible: (e: QueuedEvent) => boolean,
  ): QueuedEvent | undefined {
    const now = this.clock.now();
    return this.pending
      .filter((e) => e.dueAt <= now && eligible(e))
      .filter((e) => !e.concurrency || (inFlight.get(e.concurrency.key) ?? 0) < e.concurrency.limit)
      .sort((a, b) => a.dueAt - b.dueAt || a.seq - b.seq)[0];
  }

  take(event: QueuedEvent): { duplicate: boolean } {
    this.pending = this.pending.filter((e) => e !== event);
    const i = this.duplicateRequests.findIndex((d) => !d.queue || d.queue === event.queueName);
    if (i < 0) return { duplicate: false };
    this.duplicateRequests.splice(i, 1);
    return { duplicate: true };
  }

  /**
   * Records a delivery's outcome. Retries go back in the queue with retryContext; after
   * maxRetries redeliveries, or retryData over 4 KB, the event is given up and listed in failed.
   * Returns what happened, for the drain report.
   */
  settle(
    event: QueuedEvent,
    outcome: DeliveryOutcome,
    duplicate: boolean,
  ): 'acked' | 'retried' | 'failed' {
    const stats = this.jobs.get(event.jobId)?.stats;
    const count = (field: keyof JobStats, by: number) => {
      if (stats && !event.duplicate) stats[field] += by;
    };
    if (outcome.kind === 'ack') {
      count('inProgress', -1);
      count('success', 1);
      if (duplicate)
        this.requeue({ ...event, duplicate: true, dueAt: this.clock.now(), seq: this.seq++ });
      return 'acked';
    }
    const retryCount = (event.retryContext?.retryCount ?? 0) + 1;
    const dataTooBig =
      Buffer.byteLength(JSON.stringify(outcome.data ?? null)) > MAX_RETRY_DATA_BYTES;
    if (retryCount > (this.options.maxRetries ?? 3) || dataTooBig) {
      count('inProgress', -1);
      count('failed', 1);
      this.failed.push({
        ...event,
        lastReason: dataTooBig ? 'retryData exceeds 4 KB' : outcome.reason,
      });
      return 'failed';
    }
    this.requeue({
      ...event,
      dueAt: this.clock.now() + Math.max(1, outcome.afterSeconds) * 1000,
      seq: this.seq++,
      retryContext: { retryCount, retryReason: outcome.reason, retryData: outcome.data },
    });
    return 'retried';
  }

  duplicateNext(times: number, queue?: string): void {
    for (let i = 0; i < times; i++) this.duplicateRequests.push({ queue });
  }

  drop(eventId: string): boolean {
    const before = this.pending.length;
    this.pending = this.pending.filter((e) => e.eventId !== eventId);
    return this.pending.length < before;
  }

  private requeue(event: QueuedEvent): void {
    this.pending.push(event);
  }
}
