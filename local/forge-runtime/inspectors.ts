import type { KvsFault } from './kvs/faults';
import type { KvsRequestRecord, KvsService } from './kvs/service';
import { entitySpace, type SpaceName } from './kvs/store';
import type { FailedEvent, JobStats, QueuedEvent } from './queue/events';
import type { QueueService } from './queue/service';

/** forge.kvs: read and seed raw storage, see every request, inject failures. */
export class KvsInspector {
  constructor(private readonly service: KvsService) {}

  get(key: string): unknown {
    return this.read('kv', key);
  }

  getSecret(key: string): unknown {
    return this.read('secret', key);
  }

  getEntity(entityName: string, key: string): unknown {
    return this.read(entitySpace(entityName), key);
  }

  /** Seeds storage directly, without the SDK and without validation. */
  set(key: string, value: unknown, options: { ttlMs?: number } = {}): void {
    this.service.store.put('kv', key, value, options.ttlMs);
  }

  setSecret(key: string, value: unknown): void {
    this.service.store.put('secret', key, value);
  }

  setEntity(entityName: string, key: string, value: unknown): void {
    this.service.store.put(entitySpace(entityName), key, value);
  }

  /** Live plain keys in query order. */
  keys(): string[] {
    return this.service.store.entries('kv').map(([key]) => key);
  }

  /** Everything stored, by space: values, secrets, and each entity. */
  dump(): {
    values: Record<string, unknown>;
    secrets: Record<string, unknown>;
    entities: Record<string, Record<string, unknown>>;
  } {
    const space = (name: SpaceName) =>
      Object.fromEntries(
        this.service.store.entries(name).map(([k, item]) => [k, structuredClone(item.value)]),
      );
    const entities: Record<string, Record<string, unknown>> = {};
    for (const name of this.service.store.spaceNames()) {
      if (name.startsWith('entity:')) entities[name.slice('entity:'.length)] = space(name);
    }
    return { values: space('kv'), secrets: space('secret'), entities };
  }

  /** Every KVS request so far: operation, status, error code, invocation. */
  get requests(): readonly KvsRequestRecord[] {
    return this.service.log;
  }

  /** The next `times` matching requests fail with `fault` (default 500 INTERNAL_SERVER_ERROR). */
  failNext(times = 1, fault: KvsFault = {}): void {
    this.service.faults.add(times, fault);
  }

  clearFaults(): void {
    this.service.faults.clear();
  }

  private read(space: SpaceName, key: string): unknown {
    const item = this.service.store.get(space, key);
    return item === undefined ? undefined : structuredClone(item.value);
  }
}

/** forge.queues: what is queued, what failed for good, and hooks for at-least-once testing. */
export class QueueInspector {
  constructor(private readonly service: QueueService) {}

  /** Queued events (due or not), in delivery order; copies. */
  pending(queueName?: string): QueuedEvent[] {
    return this.service.pending
      .filter((e) => queueName === undefined || e.queueName === queueName)
      .sort((a, b) => a.dueAt - b.dueAt || a.seq - b.seq)
      .map((e) => structuredClone(e));
  }

  /** Events given up after their last retry. */
  get failed(): readonly FailedEvent[] {
    return this.service.failed;
  }

  stats(jobId: string): JobStats | undefined {
    const job = this.service.jobs.get(jobId);
    return job && { ...job.stats };
  }

  /** The next `times` deliveries (optionally of one queue) are delivered again after their ack. */
  duplicateNext(times = 1, queueName?: string): void {
    this.service.duplicateNext(times, queueName);
  }

  drop(eventId: string): boolean {
    return this.service.drop(eventId);
  }

  /** Drops the event that would be delivered next; returns it. */
  dropNext(queueName?: string): QueuedEvent | undefined {
    const next = this.pending(queueName)[0];
    if (next) this.service.drop(next.eventId);
    return next;
  }
}
