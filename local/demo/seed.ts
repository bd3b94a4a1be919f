// The local platform must install its globals before any @forge/* module loads.
import '../forge-runtime';
import type { LocalForge } from '../forge-runtime';
import { fingerprint, INVENTORY_SCOPE } from '../../src/domain/fingerprint';
import { fingerprintKey } from '../../src/storage/fingerprint-key';
import type { Envelope, ResolverKey, ResolverMap } from '../../src/resolvers/contract';
import { integrations } from '../../src/storage/integrations';
import { inventorySource } from '../../src/storage/inventory';
import { ADMIN_KEY, DEMO_ORG } from './admin-api';
import { RECEIVER_SIGNING_KEY } from './receiver';
import type { DemoServices } from './services';

/** Calls a resolver as the admin page does, through the manifest's resolver function and guard. */
async function call<K extends ResolverKey>(
  forge: LocalForge,
  accountId: string,
  key: K,
  payload: ResolverMap[K]['payload'],
): Promise<ResolverMap[K]['data']> {
  const answer = (await forge.invokeResolver(
    'resolver',
    { call: { functionKey: key, payload } },
    { accountId },
  )) as Envelope<ResolverMap[K]['data']>;
  if (!answer.ok) throw new Error(`${key} failed: ${JSON.stringify(answer.error)}`);
  return answer.data;
}

/**
 * The org inventory reads the Admin API at api.atlassian.com unless its stored source names
 * another base URL, and the page has no field for one: so the source is first stored with the
 * demo's URL, then saved through the real resolver, which keeps that URL and the integration.
 */
async function inventory(forge: LocalForge, demo: DemoServices, accountId: string, id: string) {
  const admin = demo.find('org-admin');
  if (!admin) return;
  await forge.run(async () =>
    inventorySource.save({
      orgId: DEMO_ORG,
      baseUrl: admin.base,
      integrationId: id,
      keyFingerprint: fingerprint(ADMIN_KEY, {
        key: await fingerprintKey(),
        scope: INVENTORY_SCOPE,
      }),
      maxLifetimeDays: 365,
      unusedDays: 90,
    }),
  );
  await call(forge, accountId, 'saveInventorySource', {
    orgId: DEMO_ORG,
    apiKey: ADMIN_KEY,
    maxLifetimeDays: 365,
    unusedDays: 90,
  });
}

/**
 * The resolvers refuse a typed expiry date that has passed, so a demo credential whose date has
 * passed is created without it and given it back in storage, as if it was typed while still ahead.
 */
async function backdate(forge: LocalForge, id: string, expiresAt: string): Promise<void> {
  await forge.run(async () => {
    const record = await integrations.get(id);
    if (record) await integrations.save({ ...record, config: { ...record.config, expiresAt } });
  });
}

/**
 * Creates the demo integrations, the org inventory source and a webhook channel through the
 * app's real resolvers, as an admin would on the page. Every integration is checked every
 * 5 minutes so control changes show within one sweep.
 */
export async function seedDemo(
  forge: LocalForge,
  demo: DemoServices,
  accountId: string,
): Promise<void> {
  for (const tenant of demo.tenants) {
    const { config, secret } = tenant.spec.integration(tenant.base);
    const { expiresAt, ...typed } = config;
    const passed = expiresAt !== undefined && Date.parse(expiresAt) <= Date.now();
    const created = await call(forge, accountId, 'createIntegration', {
      config: passed ? typed : config,
      ...(secret ? { secret } : {}),
      interval: '5m',
      ownerAccountId: accountId,
    });
    if (passed) await backdate(forge, created.id, expiresAt);
    if (tenant.spec.slug === 'org-admin') await inventory(forge, demo, accountId, created.id);
  }
  await call(forge, accountId, 'saveChannel', {
    config: {
      type: 'webhook',
      name: 'Local webhook receiver',
      url: demo.receiver.url,
      enabled: true,
      role: 'primary',
      digest: false,
    },
    secret: RECEIVER_SIGNING_KEY,
  });
}
