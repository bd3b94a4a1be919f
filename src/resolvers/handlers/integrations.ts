import { randomUUID } from 'node:crypto';
import type { IntegrationConfig } from '../../domain/integration';
import { quoteName } from '../../domain/names';
import { fingerprint, integrationScope } from '../../domain/fingerprint';
import { takesSecret } from '../../domain/kind-rules';
import { newIntegration, NO_SECRET, type IntegrationRecord } from '../../domain/schedule';
import type { IntegrationSummary } from '../../domain/summary';
import { integrationTarget, sameTarget, targetChanges } from '../../domain/target';
import { clock } from '../../platform/forge';
import { PROBES } from '../../probes/registry';
import { integrations } from '../../storage/integrations';
import { settings } from '../../storage/settings';
import { summaries } from '../../storage/summaries';
import { ResolverFailure } from '../envelope';
import { assertEgressDeclared } from '../egress';
import type { Handlers } from '../types';
import { idPayload, parse, parseIntegrationInput } from '../validate';
import { configChanges } from './audit-words';
import { firstCheckFromTest } from './checks';
import {
  auditName,
  canonical,
  fingerprintKeyFor,
  GONE,
  loadTarget,
  recordAudit,
  saveRecord,
  storedSecret,
} from './common';

/** The refresh token a kept OAuth grant starts from, if the secret holds one. */
function seedOf(config: IntegrationConfig, secret: string | undefined): string | undefined {
  if (config.kind !== 'atlassian-oauth2' || !secret) return undefined;
  const parsed = PROBES['atlassian-oauth2'].parseSecret(secret, config);
  return parsed.ok && parsed.secret.mode === 'keep' ? parsed.secret.refreshToken : undefined;
}

/**
 * A new refresh token starts a new grant: forget the rotated tokens kept for the old one. The
 * same refresh token (say, only the client secret changed) keeps them, because the one in the
 * secret was spent by the first refresh and reusing it would make Atlassian revoke the grant.
 */
function startsNewGrant(config: IntegrationConfig, before?: string, after?: string): boolean {
  return config.kind === 'atlassian-oauth2' && seedOf(config, before) !== seedOf(config, after);
}

/** Each change in words, e.g. `name "CI" → "CI bot"`, `host a → b`, `secret …abcd → …wxyz`. */
function changes(
  before: IntegrationRecord,
  after: IntegrationRecord,
  newSecret: boolean,
): string[] {
  const target = targetChanges(integrationTarget(before.config), integrationTarget(after.config));
  const list = [
    ...configChanges(before.config, after.config, target.length > 0),
    ...target,
    newSecret &&
      (before.secretFingerprint === after.secretFingerprint
        ? `secret replaced (same fingerprint ${after.secretFingerprint})`
        : `secret ${before.secretFingerprint} → ${after.secretFingerprint}`),
    before.interval !== after.interval && `interval ${before.interval} → ${after.interval}`,
    before.ownerAccountId !== after.ownerAccountId && 'owner',
  ].filter((c): c is string => typeof c === 'string');
  return list;
}

/**
 * Tokens a kept grant rotated were issued by the old token endpoint for the old API: they do not
 * follow the grant to another target, even with its secret typed again.
 */
function dropsGrant(before: IntegrationConfig, after: IntegrationConfig): boolean {
  if (before.kind !== 'atlassian-oauth2') return false;
  return !sameTarget(integrationTarget(before), integrationTarget(after));
}

const NOT_SAVED =
  'Storage is not answering, so the integration was not saved and its secret was not kept. Try again in a minute.';
const PARTLY_DELETED =
  'Storage is not answering, so the integration may be only partly deleted. Delete it again in a minute to finish.';

/**
 * The secret first: a record without one would be checked and reported as broken. A record that
 * cannot be written takes its secret with it, so a failed create leaves no secret behind.
 */
async function saveNew(
  record: IntegrationRecord,
  secret: string | undefined,
  now: Date,
): Promise<IntegrationSummary> {
  try {
    if (secret !== undefined) await integrations.setSecret(record.id, secret);
    return await saveRecord(record, undefined, now);
  } catch {
    await integrations.remove(record.id).catch(() => undefined);
    throw new ResolverFailure('UNAVAILABLE', NOT_SAVED);
  }
}

export const integrationHandlers: Pick<
  Handlers,
  'createIntegration' | 'updateIntegration' | 'deleteIntegration'
> = {
  async createIntegration(payload, ctx) {
    const input = parseIntegrationInput(payload, 'create', clock());
    assertEgressDeclared(input.config);
    const now = clock();
    const id = randomUUID();
    const { key } = await fingerprintKeyFor(integrationScope(id));
    const record = newIntegration({
      id,
      config: input.config,
      secret: input.secret,
      fingerprintKey: key,
      interval: input.interval ?? (await settings.get()).defaultInterval,
      ownerAccountId: input.ownerAccountId,
      now,
    });
    const summary = await saveNew(record, input.secret, now);
    await recordAudit(ctx, 'create', record.id, auditName(record), now);
    return (await firstCheckFromTest(record, input.secret ?? '', ctx)) ?? summary;
  },

  async updateIntegration(payload, ctx) {
    const input = parseIntegrationInput(payload, 'update', clock());
    const { id } = input;
    const { record, status } = await loadTarget(id);
    assertEgressDeclared(input.config);
    const secretless = !takesSecret(input.config.kind);
    const stored = secretless
      ? undefined
      : input.secret
        ? await integrations.getSecret(id)
        : await storedSecret(record, input.config);
    const newSecret = input.secret !== stored ? input.secret : undefined;
    const configChanged = canonical(record.config) !== canonical(input.config);
    const key = newSecret ? await fingerprintKeyFor(integrationScope(id)) : undefined;
    const now = clock();
    const next: IntegrationRecord = {
      ...record,
      config: input.config,
      interval: input.interval ?? record.interval,
      ownerAccountId:
        input.ownerAccountId === undefined ? record.ownerAccountId : input.ownerAccountId,
      secretFingerprint: secretless
        ? NO_SECRET
        : newSecret && key
          ? fingerprint(newSecret, key)
          : record.secretFingerprint,
      // An edit lifts a back-off: the admin has acted, so the next sweep tries again.
      editedAt: newSecret || configChanged ? now.toISOString() : record.editedAt,
    };
    if (newSecret) await integrations.setSecret(id, newSecret);
    // A kind that takes no secret keeps none: the old kind's would never be sent again.
    if (secretless && takesSecret(record.config.kind)) await integrations.deleteSecret(id);
    const newGrant = newSecret && startsNewGrant(input.config, stored, newSecret);
    if (newGrant || dropsGrant(record.config, input.config)) await integrations.clearGrant(id);
    const summary = await saveRecord(next, status, now);
    // Saving what was already saved changes nothing, so there is nothing to audit.
    const changed = changes(record, next, newSecret !== undefined);
    if (changed.length > 0) {
      await recordAudit(ctx, 'update', id, `${auditName(next)}: ${changed.join(', ')}`, now);
    }
    return summary;
  },

  /**
   * The record, its secret, status, overview row, kept grant and every history entry. Without a
   * record it still removes what is left of one (a row a late check wrote back, an orphan secret).
   */
  async deleteIntegration(payload, ctx) {
    const { id } = parse(idPayload, payload);
    const [record, row] = await Promise.all([integrations.get(id), summaries.get(id)]);
    try {
      await integrations.remove(id, row !== undefined);
    } catch {
      throw new ResolverFailure('UNAVAILABLE', PARTLY_DELETED);
    }
    if (!record && !row) throw new ResolverFailure('NOT_FOUND', GONE);
    const what = record ? auditName(record) : `what was left of ${quoteName(row?.name ?? id)}`;
    await recordAudit(ctx, 'delete', id, what, clock());
    return { id };
  },
};
