import { kvs } from '@forge/kvs';

/**
 * An atomic lease: `FAIL_IF_EXISTS` lets exactly one caller create the key; the TTL frees it if
 * the holder dies without releasing it.
 */
export async function acquireLease(
  key: string,
  holder: string,
  ttlSeconds: number,
): Promise<boolean> {
  try {
    await kvs.set(
      key,
      { holder },
      { keyPolicy: 'FAIL_IF_EXISTS', ttl: { value: ttlSeconds, unit: 'SECONDS' } },
    );
    return true;
  } catch (err) {
    if ((err as { code?: string }).code === 'KEY_CONFLICT') return false;
    throw err;
  }
}

/** Releases only our own lease: after a TTL expiry someone else may hold it now. */
export async function releaseLease(key: string, holder: string): Promise<void> {
  const current = await kvs.get<{ holder: string }>(key);
  if (current?.holder === holder) await kvs.delete(key);
}
