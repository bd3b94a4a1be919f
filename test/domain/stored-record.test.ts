import { revisionOf } from '../../src/domain/revision';
import { newIntegration } from '../../src/domain/schedule';
import { loadedRecord, storedRecord } from '../../src/domain/stored-record';

/** An integration kept without its defaults reads back as it was saved. */
const NOW = Date.now();
const record = newIntegration({
  id: 'sr',
  config: { kind: 'github-token', baseUrl: 'https://api.github.com' },
  secret: 'ghp_stored_record_secret_0001',
  fingerprintKey: Buffer.alloc(32),
  now: new Date(NOW - 3_600_000),
});

describe('an integration as stored', () => {
  it('leaves out its defaults, and reads back with the same revision', () => {
    const stored = storedRecord(record);

    expect(JSON.stringify(stored).length).toBeLessThan(JSON.stringify(record).length - 100);
    expect(stored).not.toHaveProperty('paused');
    expect(loadedRecord(stored)).toEqual(record);
    expect(revisionOf(loadedRecord(stored))).toBe(revisionOf(record));
  });

  it('keeps what differs from the defaults: paused, owner, revoked, edited', () => {
    const edited = {
      ...record,
      interval: '5m' as const,
      paused: true,
      ownerAccountId: 'acc-1',
      revokedAt: new Date(NOW).toISOString(),
      editedAt: new Date(NOW).toISOString(),
    };
    expect(loadedRecord(storedRecord(edited))).toEqual(edited);
  });

  it('reads a record stored whole, before it was kept this way, as it is', () => {
    expect(loadedRecord(record)).toEqual(record);
  });
});
