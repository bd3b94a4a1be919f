import { randomBytes } from 'node:crypto';
import { kvs } from '@forge/kvs';
import { keys } from './keys';
import { withRetry } from './retry';

const KEY_BYTES = 32;

/** The installation's fingerprint key (see installationKey). */
export const fingerprintKey = (): Promise<Buffer> => installationKey(keys.fingerprintKey);

/**
 * A random key of the installation's, stored as a secret under `name` and created on first use.
 * `FAIL_IF_EXISTS` lets exactly one of two concurrent first uses write it; the other reads the
 * winner's, so both hash alike. A failing read throws rather than answering "none yet": a second
 * key would give every secret a new fingerprint (an edit would read as a replaced secret) and
 * every consumer key a hash nothing matches.
 */
export async function installationKey(name: string): Promise<Buffer> {
  const readKey = () => withRetry(() => kvs.getSecret<string>(name));
  const stored = await readKey();
  if (stored) return Buffer.from(stored, 'base64');
  const fresh = randomBytes(KEY_BYTES).toString('base64');
  try {
    await withRetry(() => kvs.setSecret(name, fresh, { keyPolicy: 'FAIL_IF_EXISTS' }));
    return Buffer.from(fresh, 'base64');
  } catch (err) {
    if ((err as { code?: string }).code !== 'KEY_CONFLICT') throw err;
    const winner = await readKey();
    if (!winner) throw err;
    return Buffer.from(winner, 'base64');
  }
}
