import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
  CONSUMER_KEY_LIMITS as L,
  keyState,
  OVERLAP_PROBLEMS,
  overlapProblem,
  type ConsumerKey,
  type ConsumerKeyView,
} from '../../domain/consumer-keys';
import { DAY_MS } from '../../domain/expiry';
import { text } from '../../domain/plain-input';
import { clock, vendingUrl } from '../../platform/forge';
import { consumerKeys, hashKey, newRawKey } from '../../storage/consumer-keys';
import { ResolverFailure } from '../envelope';
import type { CallContext, Handlers } from '../types';
import { parse } from '../validate';
import { auditName, loadTarget, recordAudit } from './common';

const id = text({ label: 'Integration', max: 100 }, { required: 'the integration id is required' });
const keyId = text({ label: 'Key', max: 40 }, { required: 'the key id is required' });
const createPayload = z.object({
  integrationId: id,
  name: text({ label: 'Name', max: 120 }, { trim: true, required: 'Name: is required' }).min(
    1,
    'Name: is required',
  ),
  note: text({ label: 'Note', max: 500 }, { trim: true }).optional(),
  expiresAt: text({ label: 'Expires', max: 40 }, { required: 'Expires: must be a date' }),
  ratePerHour: z.number().int().min(1).max(L.maxRatePerHour).optional(),
});
const keyPayload = z.object({ integrationId: id, id: keyId });
const rotatePayload = keyPayload.extend({
  overlapHours: z.number({ error: OVERLAP_PROBLEMS.notWhole }).superRefine((hours, ctx) => {
    const problem = overlapProblem(hours);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
});

const NO_KEY = 'There is no such consumer key for this integration.';

export function view(key: ConsumerKey, now: Date): ConsumerKeyView {
  return { ...key, state: keyState(key, now) };
}

/** A future date at most a year ahead, in plain words otherwise. */
function expiry(raw: string, now: Date): string {
  const at = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T23:59:59Z` : raw);
  const fail = (message: string) =>
    new ResolverFailure('BAD_INPUT', message, { expiresAt: message });
  if (Number.isNaN(at)) throw fail('Expires: must be a date, e.g. 2027-06-30');
  if (at <= now.getTime()) throw fail('Expires: must be in the future');
  if (at > now.getTime() + L.maxLifetimeDays * DAY_MS)
    throw fail(`Expires: a consumer key lives at most ${L.maxLifetimeDays} days`);
  return new Date(at).toISOString();
}

async function issue(
  base: Omit<ConsumerKey, 'id' | 'createdAt' | 'createdBy' | 'draws'>,
  ctx: CallContext,
  now: Date,
): Promise<{ key: ConsumerKeyView; secret: string }> {
  const secret = newRawKey();
  const key: ConsumerKey = {
    ...base,
    id: randomBytes(6).toString('hex'),
    createdAt: now.toISOString(),
    createdBy: ctx.accountId,
    draws: 0,
  };
  await consumerKeys.save(key, await hashKey(secret));
  return { key: view(key, now), secret };
}

async function existing(integrationId: string, keyIdValue: string) {
  const found = await consumerKeys.byId(integrationId, keyIdValue);
  if (!found) throw new ResolverFailure('NOT_FOUND', NO_KEY);
  return found;
}

export const consumerKeyHandlers: Pick<
  Handlers,
  'listConsumerKeys' | 'createConsumerKey' | 'rotateConsumerKey' | 'revokeConsumerKey'
> = {
  async listConsumerKeys(payload) {
    const { integrationId } = parse(z.object({ integrationId: id }), payload);
    await loadTarget(integrationId);
    const now = clock();
    const [listed, url] = await Promise.all([
      consumerKeys.list(integrationId),
      vendingUrl().catch(() => null),
    ]);
    return { keys: listed.map((k) => view(k.key, now)), url };
  },

  async createConsumerKey(payload, ctx) {
    const input = parse(createPayload, payload);
    const { record } = await loadTarget(input.integrationId);
    const now = clock();
    if ((await consumerKeys.list(record.id)).length >= L.maxKeysPerIntegration)
      throw new ResolverFailure(
        'BAD_INPUT',
        `An integration has at most ${L.maxKeysPerIntegration} consumer keys; revoke and delete one first.`,
      );
    const made = await issue(
      {
        integrationId: record.id,
        name: input.name,
        note: input.note ?? '',
        expiresAt: expiry(input.expiresAt, now),
        ratePerHour: input.ratePerHour ?? L.defaultRatePerHour,
      },
      ctx,
      now,
    );
    const detail = `${auditName(record)}: consumer key "${input.name}" (${made.key.id}) created, expires ${made.key.expiresAt}`;
    await recordAudit(ctx, 'create-consumer-key', record.id, detail, now);
    return made;
  },

  /** A new key like the old; the old one keeps working for the overlap, then expires. */
  async rotateConsumerKey(payload, ctx) {
    const input = parse(rotatePayload, payload);
    const { record } = await loadTarget(input.integrationId);
    const old = await existing(record.id, input.id);
    const now = clock();
    if (keyState(old.key, now) !== 'active')
      throw new ResolverFailure(
        'BAD_INPUT',
        'Only an active key can be rotated; create a new one.',
      );
    const lifetime = Date.parse(old.key.expiresAt) - Date.parse(old.key.createdAt);
    const made = await issue(
      {
        integrationId: record.id,
        name: old.key.name,
        note: old.key.note,
        expiresAt: new Date(
          now.getTime() + Math.min(lifetime, L.maxLifetimeDays * DAY_MS),
        ).toISOString(),
        ratePerHour: old.key.ratePerHour,
        rotatedFrom: old.key.id,
      },
      ctx,
      now,
    );
    const overlapEnd = new Date(now.getTime() + input.overlapHours * 3_600_000).toISOString();
    const oldEnd = overlapEnd < old.key.expiresAt ? overlapEnd : old.key.expiresAt;
    await consumerKeys.save({ ...old.key, expiresAt: oldEnd }, old.hash);
    const detail = `${auditName(record)}: consumer key "${old.key.name}" (${old.key.id}) rotated to ${made.key.id}; the old key works until ${oldEnd}`;
    await recordAudit(ctx, 'rotate-consumer-key', record.id, detail, now);
    return made;
  },

  async revokeConsumerKey(payload, ctx) {
    const input = parse(keyPayload, payload);
    const { record } = await loadTarget(input.integrationId);
    const found = await existing(record.id, input.id);
    const now = clock();
    const revoked = { ...found.key, revokedAt: found.key.revokedAt ?? now.toISOString() };
    await consumerKeys.save(revoked, found.hash);
    const detail = `${auditName(record)}: consumer key "${found.key.name}" (${found.key.id}) revoked`;
    await recordAudit(ctx, 'revoke-consumer-key', record.id, detail, now);
    return view(revoked, now);
  },
};
