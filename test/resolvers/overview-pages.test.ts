import type { LocalForge } from '../../local/forge-runtime';
import type { Envelope, Overview } from '../../src/resolvers/contract';
import { initialStatus, newIntegration } from '../../src/domain/schedule';
import { tickOf } from '../../src/domain/status-tick';
import { storedSummary, toSummary } from '../../src/domain/summary';
import { loadOverview, overviewOf } from '../../src/frontend/overview-pages';
import { keys } from '../../src/storage/keys';
import { call, data, startAdminApp } from './support';

/**
 * The overview answers a few hundred rows at a time and says where the next answer starts; the
 * page follows until the last. Rows are seeded as the app stores them: the row, and the tick
 * that holds the times of its last check (none for a row never checked).
 */
const N = 450;
const NEVER_CHECKED = (i: number) => i % 7 === 0;

describe('the overview, page by page', () => {
  let forge: LocalForge;
  const checkedAt = new Date(Date.now() - 60_000);

  beforeEach(async () => {
    forge = await startAdminApp([]);
    for (let i = 0; i < N; i += 1) {
      const record = newIntegration({
        id: `int-${String(i).padStart(4, '0')}`,
        config: { kind: 'github-token', name: `Bot ${i}`, baseUrl: 'https://api.github.com' },
        secret: `ghp_${i}`,
        fingerprintKey: Buffer.alloc(32),
        now: new Date(checkedAt.getTime() - 86_400_000),
      });
      const status = {
        ...initialStatus(record.id, checkedAt),
        lastSlot: checkedAt.toISOString(),
        lastSuccessAt: checkedAt.toISOString(),
        severity: 'ok' as const,
        last: {
          verdict: 'healthy' as const,
          severity: 'ok' as const,
          message: 'GitHub accepted the token',
          checkedAt: checkedAt.toISOString(),
          expiresAt: null,
          daysLeft: null,
          identity: null,
          facts: {},
        },
      };
      const checked = !NEVER_CHECKED(i);
      const row = toSummary(record, checked ? status : undefined, checkedAt);
      forge.kvs.set(keys.summary(record.id), storedSummary(row));
      if (checked) forge.kvs.set(keys.checked(record.id), tickOf(status));
    }
  });
  afterEach(() => forge.stop());

  it('answers 200 rows with their times and the cursor of the next answer, then the rest', async () => {
    const page = async (cursor?: string | null) =>
      overviewOf(await data(forge, 'getOverview', cursor ? { cursor } : {}));
    const first = await page();
    expect(first.integrations).toHaveLength(200);
    expect(first.next).toEqual(expect.any(String));
    const second = await page(first.next);
    const third = await page(second.next);
    expect(third.next).toBeNull();
    const rows = [...first.integrations, ...second.integrations, ...third.integrations];
    expect(rows.map((r) => r.id)).toEqual(
      Array.from({ length: N }, (_, i) => `int-${String(i).padStart(4, '0')}`),
    );
    rows.forEach((row, i) => {
      const at = NEVER_CHECKED(i) ? null : checkedAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
      expect([row.id, row.lastCheckedAt]).toEqual([row.id, at]);
    });
  });

  it('costs the first answer under 8 KVS requests', async () => {
    const before = forge.kvs.requests.length;
    await data(forge, 'getOverview', {});
    expect(forge.kvs.requests.length - before).toBeLessThanOrEqual(8);
  });

  it('refuses a cursor it never gave, in plain words', async () => {
    expect(await call(forge, 'getOverview', { cursor: 'not-a-cursor' })).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'BAD_INPUT',
        fields: { cursor: 'Page cursor: not one the overview gave; start again' },
      }),
    });
  });

  it('is loaded whole by the page: every answer, counts added up', async () => {
    const get = async (cursor?: string): Promise<Envelope<Overview>> => {
      const answer = await call(forge, 'getOverview', cursor ? { cursor } : {});
      return answer.ok ? { ok: true, data: overviewOf(answer.data) } : answer;
    };
    const loaded = await forge.run(() => loadOverview(get));
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(loaded.data.integrations).toHaveLength(N);
    expect(loaded.data.next).toBeNull();
    const never = Array.from({ length: N }, (_, i) => i).filter(NEVER_CHECKED).length;
    expect(loaded.data.counts).toMatchObject({ ok: N - never, unknown: never });
  });
});
