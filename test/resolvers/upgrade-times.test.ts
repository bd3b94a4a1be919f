import type { LocalForge } from '../../local/forge-runtime';
import { initialStatus } from '../../src/domain/schedule';
import { storedStatus } from '../../src/domain/stored-status';
import { withoutDefaults } from '../../src/domain/defaults';
import { toSummary } from '../../src/domain/summary';
import type { IntegrationRecord } from '../../src/domain/schedule';
import { keys } from '../../src/storage/keys';
import { data, startAdminApp } from './support';
import { overviewOf } from '../../src/frontend/overview-pages';

/**
 * An integration stored before the status was split in two (domain/status-tick.ts): its status
 * whole, with the times of its last check, its row with them too, and no tick. A save from the
 * page must not make its row say "never checked" until the next check.
 */
describe('an integration stored before status ticks, saved from the page', () => {
  let forge: LocalForge;
  const config = { kind: 'github-token', name: 'CI bot' };
  const toSecond = (at: Date) => at.toISOString().replace(/\.\d{3}Z$/, 'Z');

  beforeEach(async () => {
    forge = await startAdminApp([]);
  });
  afterEach(() => forge.stop());

  /** Rewrites what createIntegration stored as the version before ticks left it. */
  async function storedBeforeTicks(): Promise<{ id: string; checkedAt: Date }> {
    const { id } = await data(forge, 'createIntegration', {
      config,
      secret: 'ghp_upgradeToken000000000000000000000001',
    });
    const checkedAt = new Date(Date.now() - 3_600_000);
    const at = checkedAt.toISOString();
    const status = {
      ...initialStatus(id, checkedAt),
      lastSlot: at,
      lastSuccessAt: at,
      severity: 'ok' as const,
      last: {
        verdict: 'healthy' as const,
        severity: 'ok' as const,
        message: 'GitHub accepted the token',
        checkedAt: at,
        expiresAt: null,
        daysLeft: null,
        identity: null,
        facts: {},
      },
    };
    const record = forge.kvs.get(keys.integration(id)) as IntegrationRecord;
    forge.kvs.set(keys.status(id), storedStatus(status));
    expect(forge.kvs.get(keys.checked(id))).toBeUndefined();
    // Rows then kept their own times; only the values most rows share were left out.
    const row = toSummary(record, status, checkedAt);
    forge.kvs.set(keys.summary(id), withoutDefaults(row, { message: null, paused: false }));
    return { id, checkedAt };
  }

  const rowOf = async (id: string) =>
    overviewOf(await data(forge, 'getOverview', {})).integrations.find((r) => r.id === id);

  it('keeps the last check time in its row after a pause', async () => {
    const { id, checkedAt } = await storedBeforeTicks();
    const answer = await data(forge, 'setPaused', { id, paused: true });
    expect(answer.lastCheckedAt).toBe(toSecond(checkedAt));
    expect(await rowOf(id)).toMatchObject({
      paused: true,
      lastCheckedAt: toSecond(checkedAt),
      lastSuccessAt: toSecond(checkedAt),
    });
  });

  it('keeps the last check time in its row after a rename', async () => {
    const { id, checkedAt } = await storedBeforeTicks();
    const config2 = { ...config, name: 'CI robot' };
    const answer = await data(forge, 'updateIntegration', { id, config: config2 });
    expect(answer.lastCheckedAt).toBe(toSecond(checkedAt));
    expect(await rowOf(id)).toMatchObject({
      name: 'CI robot',
      lastCheckedAt: toSecond(checkedAt),
    });
  });
});
