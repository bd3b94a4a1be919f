import type { AuditAction } from '../domain/audit';
import { keyState, type ConsumerKey } from '../domain/consumer-keys';
import type { FetchLike } from '../http/client';
import type { QueuePort } from '../scheduler/planner';
import { audit } from '../storage/audit';
import { consumerKeys } from '../storage/consumer-keys';
import { integrations } from '../storage/integrations';
import { acquireLease } from '../storage/lease';
import { keys } from '../storage/keys';
import { claimDraw } from '../storage/vend-rate';
import {
  answer,
  badRequest,
  conflict,
  forbidden,
  methodNotAllowed,
  tooMany,
  unauthorized,
  type TriggerResponse,
} from './answers';
import { drawToken } from './draw';
import { checkGrant } from './grant-alert';
import { bearerKey, parseBody, type TriggerRequest } from './request';

export interface VendDeps {
  fetch: FetchLike;
  now: () => Date;
  holder: string;
  deadlineMs: number;
  /** The check queue: a grant at risk or rejected is checked, and alerted, the usual way. */
  queue: QueuePort;
}

/**
 * One draw: the key first (401 tells nothing else), then the body, the key's integration (403
 * before the integration is even read, so existence never shows), the key's hourly rate, and the
 * token itself. Every outcome lands in the audit log with the key's name, never the key.
 */
export async function vend(request: TriggerRequest, deps: VendDeps): Promise<TriggerResponse> {
  if (request.method !== 'POST') return methodNotAllowed();
  const now = deps.now();
  const raw = bearerKey(request);
  const found = raw ? await consumerKeys.find(raw) : null;
  if (!found || keyState(found.key, now) !== 'active') {
    await auditUnknown(found?.key ?? null, now);
    return unauthorized();
  }
  const { key } = found;
  const note = (action: AuditAction, outcome: string) =>
    sideErrand(noteOutcome(key, action, outcome, now));
  const body = parseBody(request.body);
  if (!body.ok) {
    await note('vend-refused', 'refused (400): malformed body');
    return badRequest(body.message);
  }
  if (body.integration !== key.integrationId) {
    await note('vend-refused', `refused (403): asked for integration ${body.integration}`);
    return forbidden();
  }
  const rate = await claimDraw(key.id, key.ratePerHour, now);
  if (!rate.ok) {
    await note('vend-refused', `refused (429): over ${key.ratePerHour} draws an hour`);
    return tooMany(rate.retryAfterSeconds);
  }
  const record = await integrations.get(key.integrationId);
  const drawn = record
    ? await drawToken(record, deps)
    : { ok: false as const, reason: 'the integration this key draws from was deleted' };
  if (!drawn.ok) {
    await note('vend-refused', `refused (409): ${drawn.reason}`);
    if (drawn.grant) await sideErrand(checkGrant(key.integrationId, now, deps));
    return conflict(drawn.reason);
  }
  await sideErrand(consumerKeys.noteDraw(key.id, now));
  await note('vend-token', `drew a token valid until ${drawn.expiresAt}`);
  return answer(200, {
    access_token: drawn.accessToken,
    token_type: 'Bearer',
    expires_at: drawn.expiresAt,
    integration: key.integrationId,
  });
}

function noteOutcome(key: ConsumerKey, action: AuditAction, outcome: string, now: Date) {
  return audit.append({
    at: now.toISOString(),
    actorAccountId: null,
    action,
    integrationId: key.integrationId,
    detail: `consumer key "${key.name}" (${key.id}): ${outcome}`,
  });
}

/**
 * A revoked or expired key is named; unknown keys are audited at most once a minute, so someone
 * holding only the URL cannot fill the audit log.
 */
async function auditUnknown(key: ConsumerKey | null, now: Date): Promise<void> {
  if (key) {
    const why = key.revokedAt ? 'the key was revoked' : 'the key expired';
    return sideErrand(noteOutcome(key, 'vend-refused', `refused (401): ${why}`, now));
  }
  const minute = Math.floor(now.getTime() / 60_000);
  const work = async () => {
    if (!(await acquireLease(keys.vendRefusalAudited(minute), 'vend', 120))) return;
    await audit.append({
      at: now.toISOString(),
      actorAccountId: null,
      action: 'vend-refused',
      integrationId: null,
      detail:
        'refused (401): a draw without a valid consumer key (at most one such entry a minute)',
    });
  };
  return sideErrand(work());
}

/** Audit and draw counts are side errands: their failure never fails or changes the answer. */
async function sideErrand(work: Promise<unknown>): Promise<void> {
  await work.catch(() => undefined);
}
