import { startApp } from '../support/app';
import type { LocalForge } from '../../local/forge-runtime';
import type { OrgToken } from '../../src/domain/inventory';
import { inventory } from '../../src/storage/inventory';
import { keys } from '../../src/storage/keys';

const token = (i: number): OrgToken => ({
  id: `tok-${i}`,
  kind: 'api-token',
  label: `a rather long label for script number ${i}`.repeat(3),
  owner: { id: `acc-${i}`, name: `User ${i}`, email: `u${i}@acme.example` },
  createdAt: '2026-01-01T00:00:00.000Z',
  expiresAt: null,
  lastActiveAt: null,
  status: 'ALLOWED',
  revokedNoticedAt: null,
  alerted: null,
});
const STATE = { lastSyncAt: 'x', lastSuccessAt: 'x', error: null, apiRequests: 1 };

describe('the inventory in KVS', () => {
  let forge: LocalForge;
  beforeAll(async () => {
    forge = await startApp([]);
  });
  afterAll(() => forge.stop());

  it('stores 5,000 tokens in chunks under the value limit, and drops chunks it outgrew', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => token(i));
    await forge.run(() => inventory.save(many, STATE));
    const state = await forge.run(() => inventory.state());
    expect(state).toMatchObject({ tokens: 5000 });
    expect(state?.chunks).toBeGreaterThan(5);
    expect(await forge.run(() => inventory.load())).toEqual(many);

    await forge.run(() => inventory.save(many.slice(0, 3), STATE));
    expect(await forge.run(() => inventory.load())).toEqual(many.slice(0, 3));
    expect(forge.kvs.get(keys.inventoryChunk('org', 1))).toBeUndefined();
  });
});
