import type { Reply } from '../http';
import type { EntityDef } from '../manifest';
import { compileFilters } from './conditions';
import { badRequest, KvsError } from './errors';
import { checkValue, type Target, targetFor } from './single';
import type { KvsStore } from './store';
import { ttlMs, validateKey } from './validate';

const MAX_OPS = 25;

type Op = {
  key?: unknown;
  value?: unknown;
  entityName?: string;
  conditions?: unknown;
  options?: unknown;
};
interface Planned {
  kind: 'set' | 'delete' | 'check';
  op: Op & { key: string };
  target: Target;
  condition?: (value: unknown) => boolean;
  ttl?: number;
}

/**
 * All-or-nothing: every op is validated and every condition evaluated before anything is written.
 * A failed condition or check answers 409 CONDITIONAL_CHECK_FAILED (the platform's code is not
 * documented) and changes nothing.
 */
export function transactionOp(
  store: KvsStore,
  entities: Map<string, EntityDef>,
  body: unknown,
): Reply {
  const b = (body ?? {}) as Record<string, Op[] | undefined>;
  const planned = [
    ...(b.set ?? []).map((op) => plan('set', op, entities)),
    ...(b.delete ?? []).map((op) => plan('delete', op, entities)),
    ...(b.check ?? []).map((op) => plan('check', op, entities)),
  ];
  if (planned.length === 0)
    throw badRequest('BAD_REQUEST', 'A transaction needs at least one operation');
  if (planned.length > MAX_OPS) {
    throw badRequest('BAD_REQUEST', `A transaction is limited to ${MAX_OPS} operations`);
  }
  const seen = new Set<string>();
  for (const p of planned) {
    const id = `${p.target.space}\u0000${p.op.key}`;
    if (seen.has(id))
      throw badRequest('BAD_REQUEST', `Key '${p.op.key}' appears twice in the transaction`);
    seen.add(id);
  }
  for (const p of planned) {
    const current = store.get(p.target.space, p.op.key);
    const holds =
      p.kind === 'check'
        ? !!current && !!p.condition?.(current.value)
        : !p.condition || p.condition(current?.value);
    if (!holds) {
      throw new KvsError(
        409,
        'CONDITIONAL_CHECK_FAILED',
        `Transaction cancelled: the ${p.kind} condition on '${p.op.key}' failed`,
        {
          key: p.op.key,
          entityName: p.op.entityName,
        },
      );
    }
  }
  for (const p of planned) {
    if (p.kind === 'set') store.put(p.target.space, p.op.key, p.op.value, p.ttl);
    if (p.kind === 'delete') store.delete(p.target.space, p.op.key);
  }
  return { status: 204 };
}

function plan(kind: Planned['kind'], op: Op, entities: Map<string, EntityDef>): Planned {
  const target = targetFor(op.entityName === undefined ? 'plain' : 'entity', op, entities);
  validateKey(op.key, !!target.entity);
  if (op.conditions !== undefined && !target.entity) {
    throw badRequest('BAD_REQUEST', 'Transaction conditions are only supported on custom entities');
  }
  if (kind === 'check' && (!target.entity || op.conditions === undefined)) {
    throw badRequest('BAD_REQUEST', 'A transaction check needs an entityName and conditions');
  }
  if (kind === 'set') checkValue(target, op.value);
  return {
    kind,
    op: op as Op & { key: string },
    target,
    condition: op.conditions === undefined ? undefined : compileFilters(op.conditions),
    ttl: kind === 'set' ? ttlMs(op.options) : undefined,
  };
}
