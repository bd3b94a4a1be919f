import type { FingerprintKey } from '../../src/domain/fingerprint';

/**
 * A key for fixtures whose secrets are long: they show their last 4 characters, which no key
 * changes, so the expected fingerprint is the same as the app's own.
 */
export const ANY_FINGERPRINT_KEY: FingerprintKey = { key: Buffer.alloc(32), scope: 'fixture' };
