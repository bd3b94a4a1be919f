import type { Clock } from './clock';
import { json, type Reply } from './http';
import type { InvocationState } from './platform';

/**
 * Forge Realtime (Preview), as @forge/realtime 1.0.1 reaches it: `__forge_fetch__({type:
 * 'realtime'}, '/', POST)` with a GraphQL `publishRealtimeChannel` mutation whose variables are
 * { installationId, name, payload (JSON text), context, isGlobal, token }; the answer is
 * { data: { ecosystem: { publishRealtimeChannel: { eventId, eventTimestamp } } } } or { errors }.
 * Events go to the page's `realtime.subscribeGlobal` / `subscribe` from @forge/bridge.
 * Docs: https://developer.atlassian.com/platform/forge/runtime-reference/realtime-events-api
 */

/** One event as subscribers get it: the payload text the publisher sent. */
export interface RealtimeEvent {
  eventId: string;
  channel: string;
  global: boolean;
  payload: string;
  publishedAt: number;
  /** The function that published it (functionKey), or the page ('bridge'). */
  publishedBy: string;
}

export type RealtimeListener = (event: RealtimeEvent) => void;

interface Subscriber {
  channel: string;
  global: boolean;
  listener: RealtimeListener;
}

/** https://developer.atlassian.com/platform/forge/limits-realtime/ : 50 operations a second per installation. */
const OPS_PER_SECOND = 50;

interface PublishVariables {
  installationId?: unknown;
  name?: unknown;
  payload?: unknown;
  isGlobal?: unknown;
  token?: unknown;
}

const graphqlError = (message: string): Reply => json(200, { errors: [{ message }] });

export class RealtimeService {
  /** Every event published, oldest first: what tests inspect. */
  readonly published: RealtimeEvent[] = [];
  private readonly subscribers = new Set<Subscriber>();
  private recentOps: number[] = [];
  private failures = 0;
  private stalls: { count: number; ms: number } = { count: 0, ms: 0 };
  private nextId = 1;

  constructor(
    private readonly clock: Clock,
    private readonly installationId: string,
  ) {}

  /** A page's subscription; answers the unsubscribe. Counts against the rate limit like a publish. */
  subscribe(channel: string, global: boolean, listener: RealtimeListener): () => void {
    const subscriber = { channel, global, listener };
    this.subscribers.add(subscriber);
    this.takeOp();
    return () => this.subscribers.delete(subscriber);
  }

  /** The next `count` publishes answer 503, as an outage of the realtime service would. */
  failNext(count: number): void {
    this.failures = count;
  }

  /**
   * The next `count` publishes answer only after `ms` (as a hung connection would), then as
   * usual; the timer does not keep the process alive.
   */
  stallNext(count: number, ms: number): void {
    this.stalls = { count, ms };
  }

  /** How long the request arriving now is held before its answer. */
  stallOf(): number {
    if (this.stalls.count <= 0) return 0;
    this.stalls.count--;
    return this.stalls.ms;
  }

  /** What arrives through `__forge_fetch__({type:'realtime'})`. */
  handle(text: string | undefined, state: InvocationState | undefined): Reply {
    const body = parse(text) as { query?: unknown; variables?: PublishVariables } | undefined;
    if (typeof body?.query !== 'string' || !body.query.includes('publishRealtimeChannel')) {
      return graphqlError('LOCAL_FORGE_UNSUPPORTED: only publishRealtimeChannel is emulated');
    }
    if (this.failures > 0) {
      this.failures--;
      return { status: 503, statusText: 'Service Unavailable', body: {} };
    }
    if (!this.takeOp()) return { status: 429, statusText: 'Too Many Requests', body: {} };
    return this.publish(body.variables ?? {}, state?.functionKey ?? 'outside an invocation');
  }

  private publish(v: PublishVariables, publishedBy: string): Reply {
    if (v.installationId !== this.installationId) return graphqlError('Unknown installationId');
    if (typeof v.name !== 'string' || v.name === '')
      return graphqlError('A channel name is required');
    if (typeof v.payload !== 'string') return graphqlError('The payload must be a string');
    if (v.token !== undefined && v.token !== null) {
      return graphqlError('LOCAL_FORGE_UNSUPPORTED: channel tokens are not emulated');
    }
    const event: RealtimeEvent = {
      eventId: `local-event-${this.nextId++}`,
      channel: v.name,
      global: v.isGlobal === true,
      payload: v.payload,
      publishedAt: this.clock.now(),
      publishedBy,
    };
    this.published.push(event);
    for (const s of this.subscribers) {
      if (s.channel === event.channel && s.global === event.global) s.listener(event);
    }
    const eventTimestamp = new Date(event.publishedAt).toISOString();
    return json(200, {
      data: { ecosystem: { publishRealtimeChannel: { eventId: event.eventId, eventTimestamp } } },
    });
  }

  /** One operation in the installation's one-second window; false once the limit is reached. */
  private takeOp(): boolean {
    // Real time, like invocation time limits: a test's manual clock never moves the window on.
    const now = performance.now();
    this.recentOps = this.recentOps.filter((at) => now - at < 1_000);
    if (this.recentOps.length >= OPS_PER_SECOND) return false;
    this.recentOps.push(now);
    return true;
  }
}

function parse(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}
