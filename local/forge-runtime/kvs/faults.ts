import type { Clock } from '../clock';
import type { Reply } from '../http';

/** A failure to inject into the next KVS request(s), e.g. a 429 or 500 in the middle of a sweep. */
export interface KvsFault {
  status?: 429 | 500 | 503 | number;
  code?: string;
  message?: string;
  /** Only requests to these operations ('get', 'set', 'query', 'entity/set', 'batch/get', 'transaction', …) fail. */
  op?: string | string[];
  /** Sent instead of the JSON error body: lets a test check the SDK's UNKNOWN_ERROR path. */
  rawBody?: string;
}

const DEFAULT_CODE: Record<number, string> = {
  429: 'RATE_LIMIT_EXCEEDED',
  500: 'INTERNAL_SERVER_ERROR',
  503: 'SERVICE_UNAVAILABLE',
};

export class FaultQueue {
  private pending: { remaining: number; fault: KvsFault }[] = [];

  add(times: number, fault: KvsFault): void {
    this.pending.push({ remaining: times, fault });
  }

  clear(): void {
    this.pending = [];
  }

  /** The reply replacing this request, when an injected fault applies to it. */
  take(op: string): Reply | undefined {
    const slot = this.pending.find((p) => p.remaining > 0 && appliesTo(p.fault, op));
    if (!slot) return undefined;
    slot.remaining--;
    this.pending = this.pending.filter((p) => p.remaining > 0);
    const status = slot.fault.status ?? 500;
    if (slot.fault.rawBody !== undefined) return { status, body: slot.fault.rawBody };
    const code = slot.fault.code ?? DEFAULT_CODE[status] ?? 'INJECTED_FAULT';
    return { status, body: { code, message: slot.fault.message ?? `Injected ${code}` } };
  }
}

function appliesTo(fault: KvsFault, op: string): boolean {
  if (fault.op === undefined) return true;
  return (Array.isArray(fault.op) ? fault.op : [fault.op]).includes(op);
}

export interface RateLimit {
  requests: number;
  perMs: number;
}

/** A sliding-window request limit per installation, on the LocalForge clock. */
export class RateLimiter {
  private stamps: number[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly limit: RateLimit | undefined,
  ) {}

  /** Records one request; false when it is over the limit (and so not counted). */
  admit(): boolean {
    const limit = this.limit;
    if (!limit) return true;
    const now = this.clock.now();
    this.stamps = this.stamps.filter((t) => t > now - limit.perMs);
    if (this.stamps.length >= limit.requests) return false;
    this.stamps.push(now);
    return true;
  }
}
