import type { IntegrationConfig } from '../../domain/integration';
import { takesSecret } from '../../domain/kind-rules';
import type { CheckResult } from '../../domain/result';
import { toSummary } from '../../domain/summary';
import { adminPath, clock, deliveryQueue, fetch, invocation } from '../../platform/forge';
import { BadInputError, runProbe } from '../../probes/engine';
import { PROBES } from '../../probes/registry';
import { setupOf } from '../../scheduler/alerting';
import { probeOne, storeOne } from '../../scheduler/check-one';
import { loadAlertConfig } from '../../storage/alerts';
import { integrations } from '../../storage/integrations';
import { inventorySource } from '../../storage/inventory';
import { settings } from '../../storage/settings';
import type { TestOutcome } from '../contract';
import { assertEgressDeclared } from '../egress';
import { ResolverFailure } from '../envelope';
import type { Handlers } from '../types';
import { badInput, idPayload, parse, parseIntegrationInput, type ValidInput } from '../validate';
import type { IntegrationRecord } from '../../domain/schedule';
import type { IntegrationSummary } from '../../domain/summary';
import { testedResults, TESTED_TTL_MINUTES } from '../../storage/tested';
import type { CallContext } from '../types';
import {
  auditName,
  GONE,
  loadTarget,
  present,
  PROBE_DEADLINE_MS,
  recordAudit,
  storedSecret,
  testDigest,
} from './common';

/**
 * The secret to test: the one typed in, or else the stored one of the integration named, which
 * is never sent anywhere else than where it was entered for.
 */
async function secretToTest(input: ValidInput): Promise<string> {
  const saved = input.id ? (await loadTarget(input.id)).record : undefined;
  if (!takesSecret(input.config.kind)) return '';
  if (input.secret) return input.secret;
  // parseIntegrationInput refuses a test with neither; this tells the compiler so.
  if (!saved) throw badInput({ secret: 'enter the secret to test' });
  return storedSecret(saved, input.config);
}

/**
 * Atlassian rotates a refresh token on every use, and a test keeps nothing: testing a kept grant
 * would spend the refresh token the admin is about to save, and Atlassian would then refuse it.
 */
function refuseKeptGrant(config: IntegrationConfig, secret: string): void {
  if (config.kind !== 'atlassian-oauth2') return;
  const parsed = PROBES['atlassian-oauth2'].parseSecret(secret, config);
  if (parsed.ok && parsed.secret.mode === 'keep') {
    throw new ResolverFailure(
      'BAD_INPUT',
      'A kept OAuth grant cannot be tested before saving: testing would use up its refresh token (Atlassian replaces it on every use) without keeping the new one. Save it, then use Check now, which keeps the new token.',
    );
  }
}

/** Keeps a new integration's Test result for a save right after; a side errand, never a failure. */
async function rememberTest(
  ctx: CallContext,
  input: ValidInput,
  secret: string,
  result: CheckResult,
) {
  if (input.id || (!input.secret && takesSecret(input.config.kind))) return;
  await testDigest(ctx.accountId, input.config, secret)
    .then((digest) => testedResults.remember(digest, result))
    .catch(() => undefined);
}

/**
 * A new integration saved right after a Test of the same config and secret by the same admin:
 * that Test is its first check, stored like one, so the page shows its verdict at once. Anything
 * missing or failing leaves the integration as saved, "not checked yet".
 */
export async function firstCheckFromTest(
  record: IntegrationRecord,
  secret: string,
  ctx: CallContext,
): Promise<IntegrationSummary | null> {
  try {
    const tested = await testedResults.take(await testDigest(ctx.accountId, record.config, secret));
    const age = clock().getTime() - Date.parse(tested?.checkedAt ?? '');
    if (!tested || !(age >= 0 && age <= TESTED_TTL_MINUTES * 60_000)) return null;
    const config = await loadAlertConfig();
    const stored = await storeOne(await loadTarget(record.id), tested, tested.checkedAt, {
      setup: setupOf({ ...config, siteUrl: ctx.siteUrl ?? config.siteUrl }, adminPath()),
      deliveries: deliveryQueue,
      now: clock(),
    });
    if (!stored.record) return null;
    const at = clock();
    return present(toSummary(stored.record, stored.status, at), at);
  } catch {
    return null;
  }
}

function toOutcome(result: CheckResult): TestOutcome {
  const { verdict, severity, message, identity, expiresAt, daysLeft, evidence } = result;
  return { verdict, severity, message, identity, expiresAt, daysLeft, evidence };
}

export const checkHandlers: Pick<Handlers, 'testIntegration' | 'checkNow'> = {
  /** Probes the submitted config with the submitted (or stored) secret; stores nothing. */
  async testIntegration(payload, ctx) {
    const input = parseIntegrationInput(payload, 'test', clock());
    const secret = await secretToTest(input);
    refuseKeptGrant(input.config, secret);
    assertEgressDeclared(input.config);
    const [stored, orgInventory] = await Promise.all([
      settings.get(),
      inventorySource.configured(),
    ]);
    const warnDays = input.config.warnDays ?? stored.warnDays;
    try {
      const result = await runProbe({ ...input.config, warnDays }, secret, {
        fetch,
        now: clock,
        deadlineMs: PROBE_DEADLINE_MS,
        orgInventory,
      });
      await rememberTest(ctx, input, secret, result);
      return toOutcome(result);
    } catch (err) {
      if (err instanceof BadInputError) throw badInput({ secret: err.message });
      throw err;
    }
  },

  /** Checks on demand, outside the schedule: the result is stored like a sweep's and lifts a back-off. */
  async checkNow(payload, ctx) {
    const { id } = parse(idPayload, payload);
    const target = await loadTarget(id);
    const { record } = target;
    const [secret, config, orgInventory] = await Promise.all([
      integrations.getSecret(id),
      loadAlertConfig(),
      inventorySource.configured(),
    ]);
    const now = clock();
    const result = await probeOne(record, secret, {
      fetch,
      now: clock,
      settings: config.settings,
      holder: `${invocation().id}:${id}`,
      deadlineMs: PROBE_DEADLINE_MS,
      orgInventory,
    });
    // Alerts link to the page the admin is on; the stored site URL only when the page sent none.
    const siteUrl = ctx.siteUrl ?? config.siteUrl;
    const stored = await storeOne(target, result, now.toISOString(), {
      setup: setupOf({ ...config, siteUrl }, adminPath()),
      deliveries: deliveryQueue,
      now: clock(),
    });
    if (!stored.record) throw new ResolverFailure('NOT_FOUND', GONE);
    const at = clock();
    const name = auditName(stored.record);
    // The stored verdict: a revoked credential still accepted is judged when stored.
    const verdict = stored.status?.last?.verdict ?? result.verdict;
    await recordAudit(ctx, 'check-now', id, `${name}: ${verdict}`, at);
    return present(toSummary(stored.record, stored.status, at), at);
  },
};
