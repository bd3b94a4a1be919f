import { INVENTORY_STALE_MS, stoppedChecks } from '../../src/domain/stopped';

const now = new Date();
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
const MINUTE = 60_000;
const facts = {
  now,
  lastSweepAt: ago(MINUTE),
  sweepEveryMs: 5 * MINUTE,
  inventoryConfigured: false,
  lastSyncAt: null,
};

describe('stoppedChecks()', () => {
  it('says nothing while the sweep runs within two intervals', () => {
    expect(stoppedChecks({ ...facts, lastSweepAt: ago(10 * MINUTE) })).toBeNull();
  });

  it('says since when once the sweep has missed two intervals', () => {
    const since = ago(10 * MINUTE + 1);
    expect(stoppedChecks({ ...facts, lastSweepAt: since })).toEqual({
      sweepsSince: since,
      inventorySince: null,
    });
  });

  it('says nothing before the first sweep: there is no "since" to tell', () => {
    expect(stoppedChecks({ ...facts, lastSweepAt: null })).toBeNull();
  });

  it('names an inventory sync older than two days, only when an inventory is set up', () => {
    const since = ago(INVENTORY_STALE_MS + MINUTE);
    expect(stoppedChecks({ ...facts, lastSyncAt: since })).toBeNull();
    expect(stoppedChecks({ ...facts, inventoryConfigured: true, lastSyncAt: since })).toEqual({
      sweepsSince: null,
      inventorySince: since,
    });
    const fresh = ago(INVENTORY_STALE_MS - MINUTE);
    expect(stoppedChecks({ ...facts, inventoryConfigured: true, lastSyncAt: fresh })).toBeNull();
  });
});
