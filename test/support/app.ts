import path from 'node:path';
// The local platform must install its globals before any @forge/* module loads.
import { LocalForge } from '../../local/forge-runtime';
import * as handlers from '../../src/index';
import type { IntegrationConfig } from '../../src/domain/integration';
import {
  newIntegration,
  type IntegrationRecord,
  type IntegrationStatus,
} from '../../src/domain/schedule';
import type { HistoryEntry } from '../../src/domain/history';
import { history } from '../../src/storage/history';
import { integrations } from '../../src/storage/integrations';
import { statuses } from '../../src/storage/status';

export const APP_DIR = path.resolve(__dirname, '../..');

/**
 * The handlers the local runtime runs: src/ as jest compiles it, or, when TOKEN_HEALTH_BUNDLE
 * names a directory written by `forge-offline/bundle --out`, the backend exactly as Forge's
 * bundler compiled it (`npm run test:bundle`). Loaded through jest so it sees the platform globals.
 */
export function appHandlers(): () => unknown {
  const bundle = process.env.TOKEN_HEALTH_BUNDLE;
  if (!bundle) return () => handlers;
  const file = path.resolve(APP_DIR, bundle, 'backend', 'index.cjs');
  return () => jest.requireActual<object>(file);
}

/** The app's real handlers on the local Forge runtime, allowed to reach the given test servers. */
export function startApp(servers: { url: string }[]): Promise<LocalForge> {
  return LocalForge.start({
    appDir: APP_DIR,
    loadHandlers: appHandlers(),
    extraEgress: servers.map((s) => s.url),
  });
}

export function record(
  id: string,
  config: IntegrationConfig,
  extra: Partial<IntegrationRecord> = {},
): IntegrationRecord {
  const yesterday = new Date(Date.now() - 86_400_000);
  return {
    ...newIntegration({
      id,
      config,
      secret: 'unused',
      fingerprintKey: Buffer.alloc(32),
      now: yesterday,
    }),
    ...extra,
  };
}

/** Stores integrations and their secrets through the real SDK, inside an invocation. */
export function seed(
  forge: LocalForge,
  items: { record: IntegrationRecord; secret: string }[],
): Promise<void> {
  return forge.run(async () => {
    for (const item of items) {
      await integrations.save(item.record);
      await integrations.setSecret(item.record.id, item.secret);
    }
  });
}

/** One scheduled run and every check it queued, as Forge would deliver them. */
export async function sweep(forge: LocalForge): Promise<void> {
  await forge.runScheduledTrigger('sweep-trigger');
  await forge.drainQueues();
}

const HOUR = 3_600_000;

/**
 * Hourly Jira API tokens `tok-<id>` checked twice, one hour apart from `t0` (Date faked by the
 * caller), the clock left at `t0` + 2 h: every sweep after an integration's second is like the
 * next one (its first stores everything, its second its requests apart).
 */
export async function seedCheckedTwice(
  forge: LocalForge,
  jiraUrl: string,
  ids: string[],
  t0: number,
): Promise<void> {
  const config = { kind: 'atlassian-api-token' as const, baseUrl: jiraUrl, username: 'b@x.io' };
  await seed(
    forge,
    ids.map((id) => ({ record: record(id, config, { interval: '1h' }), secret: `tok-${id}` })),
  );
  await sweep(forge);
  jest.setSystemTime(t0 + HOUR);
  await sweep(forge);
  jest.setSystemTime(t0 + 2 * HOUR);
}

export function statusOf(forge: LocalForge, id: string): Promise<IntegrationStatus | undefined> {
  return forge.run(() => statuses.get(id));
}

export function historyOf(forge: LocalForge, id: string): Promise<HistoryEntry[]> {
  return forge.run(() => history.recent(id, 99));
}
