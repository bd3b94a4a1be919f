const TRANSIENT_CODES = new Set([
  'TOO_MANY_REQUESTS',
  'RATE_LIMIT_EXCEEDED',
  'INTERNAL_SERVER_ERROR',
  'UNKNOWN_ERROR',
]);

/** A KVS failure worth retrying: rate limits and server errors, never a bad key or value. */
export function isTransientKvsError(err: unknown): boolean {
  const e = err as { code?: string; responseDetails?: { status?: number } };
  const status = e?.responseDetails?.status ?? 0;
  return status === 429 || status >= 500 || TRANSIENT_CODES.has(e?.code ?? '');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries transient KVS failures with exponential back-off: 100, 200, 400 ms by default. */
export async function withRetry<T>(fn: () => Promise<T>, attempts = 4, baseMs = 100): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= attempts || !isTransientKvsError(err)) throw err;
      await sleep(baseMs * 2 ** (attempt - 1));
    }
  }
}
