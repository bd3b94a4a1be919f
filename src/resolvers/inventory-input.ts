import { z } from 'zod';
import { TOKEN_FLAGS } from '../domain/inventory';
import { LIST_LIMITS, TEXT_LIMITS as T } from '../domain/limits';
import { list, text } from '../domain/plain-input';

/** Atlassian org ids are UUIDs; letters, digits and dashes keep the admin.atlassian.com links safe. */
const ORG_ID = /^[A-Za-z0-9-]+$/;
const KEY_MIN = 20;
const DAYS_MAX = 3650;

const orgId = text(T.orgId, { trim: true, required: 'enter the organisation id' })
  .min(1, 'enter the organisation id')
  .regex(
    ORG_ID,
    'an organisation id has only letters, digits and dashes: copy it from admin.atlassian.com/o/<id>/',
  );

/** Trimmed, as a pasted key often ends in a line break; never quoted back. */
const apiKey = text(T.apiKey, { trim: true, required: 'enter the Admin API key' })
  .min(KEY_MIN, `an Admin API key is at least ${KEY_MIN} characters`)
  .regex(/^\S+$/, 'the key contains spaces or line breaks');

const days = z
  .number({ error: `must be a whole number of days, 1 to ${DAYS_MAX}, or empty` })
  .int(`must be a whole number of days, 1 to ${DAYS_MAX}`)
  .min(1, `must be 1 to ${DAYS_MAX} days`)
  .max(DAYS_MAX, `must be 1 to ${DAYS_MAX} days`)
  .nullable()
  .default(null);

/** An empty key field means "keep the stored key", the same as leaving it out. */
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** The source as the form sends it; the key is required only while none is stored. */
export function inventorySourcePayload(keyRequired: boolean) {
  return z.object({
    orgId,
    apiKey: z.preprocess(blankToUndefined, keyRequired ? apiKey : apiKey.optional()),
    maxLifetimeDays: days,
    unusedDays: days,
  });
}

export type ParsedInventorySource = z.infer<ReturnType<typeof inventorySourcePayload>>;

const filterShape = {
  flags: list(
    z.enum(TOKEN_FLAGS, { error: `a flag is one of: ${TOKEN_FLAGS.join(', ')}` }),
    LIST_LIMITS.flags,
  ).optional(),
  owner: text(T.ownerFilter, { trim: true }).optional(),
  kind: z.enum(['api-token', 'api-key'], { error: 'must be api-token or api-key' }).optional(),
};

export const orgTokenExportPayload = z.object({
  ...filterShape,
  part: z
    .number({ error: 'must be the number of a part of the export' })
    .int('must be a whole number')
    .min(1, 'must be 1 or more')
    .optional(),
});

export const orgTokenPagePayload = z.object({
  ...filterShape,
  offset: z
    .number({ error: 'must be a number of rows' })
    .int('must be a whole number of rows')
    .min(0, 'must not be negative')
    .optional(),
});
