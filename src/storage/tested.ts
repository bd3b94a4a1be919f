import { kvs } from '@forge/kvs';
import type { CheckResult } from '../domain/result';
import { keys } from './keys';
import { withRetry } from './retry';

/** Long enough to fill in a name after a Test; short enough that the result is still news. */
export const TESTED_TTL_MINUTES = 15;

/**
 * The result of a Test before the integration exists, so that saving it right after shows that
 * result as its first check instead of "not checked yet". Taken once, then gone.
 */
export const testedResults = {
  async remember(digest: string, result: CheckResult): Promise<void> {
    await withRetry(() =>
      kvs.set(keys.tested(digest), result, { ttl: { value: TESTED_TTL_MINUTES, unit: 'MINUTES' } }),
    );
  },

  async take(digest: string): Promise<CheckResult | undefined> {
    const result = await withRetry(() => kvs.get<CheckResult>(keys.tested(digest)));
    if (result) await withRetry(() => kvs.delete(keys.tested(digest)));
    return result;
  },
};
