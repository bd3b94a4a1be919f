import type { Clock } from '../clock';
import type { Reply } from '../http';
import type { EntityDef } from '../manifest';
import { batchOp } from './batch';
import { entityDef } from './entities';
import { badRequest, KvsError } from './errors';
import { FaultQueue, type RateLimit, RateLimiter } from './faults';
import { entityQuery, keyQuery } from './query';
import { deleteOp, getOp, setOp, targetFor } from './single';
import { entitySpace, KvsStore } from './store';
import { transactionOp } from './transaction';

export interface KvsOptions {
  /** Requests per window per installation; over it KVS answers 429. Off unless set (see README). */
  rateLimit?: RateLimit;
}

export interface KvsRequestRecord {
  op: string;
  status: number;
  code?: string;
  invocationId?: string;
  /** The __forge_fetch__ descriptor: {type:'kvs'} is @forge/kvs's runtime branch. */
  descriptor: Record<string, unknown>;
  /** Bytes of the request body and of the answer: Forge bills KVS by the data read and written. */
  bytesIn: number;
  bytesOut: number;
}

const MAX_REQUEST_BYTES = 4 * 1024 * 1024;
type Body = Record<string, unknown>;

/** The KVS endpoints under /api/v1 (FORGE-PLATFORM.md 3.3), answered from an in-memory store. */
export class KvsService {
  readonly store: KvsStore;
  readonly faults = new FaultQueue();
  readonly log: KvsRequestRecord[] = [];
  private readonly limiter: RateLimiter;

  constructor(
    clock: Clock,
    private readonly entities: Map<string, EntityDef>,
    options: KvsOptions = {},
  ) {
    this.store = new KvsStore(clock);
    this.limiter = new RateLimiter(clock, options.rateLimit);
  }

  handle(
    path: string,
    text: string | undefined,
    record: Omit<KvsRequestRecord, 'op' | 'status' | 'bytesIn' | 'bytesOut'>,
  ): Reply {
    const op = path.replace(/^\/api\/v1\//, '');
    const reply = this.answer(op, text);
    const code = (reply.body as { code?: string } | undefined)?.code;
    // Serialised once here, so the answer's size is known without a second pass.
    const body =
      reply.body === undefined || typeof reply.body === 'string'
        ? reply.body
        : JSON.stringify(reply.body);
    this.log.push({
      ...record,
      op,
      status: reply.status,
      ...(reply.status >= 400 && code ? { code } : {}),
      bytesIn: Buffer.byteLength(text ?? ''),
      bytesOut: Buffer.byteLength(body ?? ''),
    });
    if (body === undefined || typeof reply.body === 'string') return reply;
    return { ...reply, body, headers: { 'content-type': 'application/json', ...reply.headers } };
  }

  private answer(op: string, text: string | undefined): Reply {
    const injected = this.faults.take(op);
    if (injected) return injected;
    if (!this.limiter.admit()) {
      // Transactions document TOO_MANY_REQUESTS; other operations RATE_LIMIT_EXCEEDED.
      const code = op === 'transaction' ? 'TOO_MANY_REQUESTS' : 'RATE_LIMIT_EXCEEDED';
      return new KvsError(429, code, 'Too many requests for this installation').toReply();
    }
    try {
      if ((text?.length ?? 0) > MAX_REQUEST_BYTES)
        throw badRequest('BAD_REQUEST', 'Request payload exceeds 4 MB');
      return this.dispatch(op, parse(text));
    } catch (e) {
      if (e instanceof KvsError) return e.toReply();
      return { status: 500, body: { code: 'INTERNAL_SERVER_ERROR', message: String(e) } };
    }
  }

  private dispatch(op: string, body: unknown): Reply {
    const b = (body ?? {}) as Body;
    const [group, verb] = op.includes('/') ? op.split('/', 2) : ['plain', op];
    if (group === 'batch')
      return batchOp(verb as 'set' | 'get' | 'delete', this.store, this.entities, body);
    if (op === 'transaction') return transactionOp(this.store, this.entities, body);
    if (op === 'query')
      return {
        status: 200,
        body: keyQuery((prefix, after, max) => this.store.scan('kv', prefix, after, max), b),
      };
    if (op === 'entity/query') {
      const def = entityDef(this.entities, b.entityName);
      const page = entityQuery(def, this.store.entries(entitySpace(def.name)), b);
      return { status: 200, body: page };
    }
    if (group === 'plain' || group === 'secret' || group === 'entity') {
      const target = targetFor(group, b, this.entities);
      if (verb === 'get') return getOp(this.store, target, b);
      if (verb === 'set') return setOp(this.store, target, b);
      if (verb === 'delete') return deleteOp(this.store, target, b);
    }
    return { status: 404, body: { code: 'NOT_FOUND', message: `No KVS operation /api/v1/${op}` } };
  }
}

function parse(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    throw badRequest('BAD_REQUEST', 'Request body is not valid JSON');
  }
}
