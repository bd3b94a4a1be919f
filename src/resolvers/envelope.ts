import type { Envelope, ErrorCode, ResolverError } from './contract';

/** A failure the admin should read: its message is shown as is, so it must be plain words. */
export class ResolverFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ResolverFailure';
  }
}

export function ok<T>(data: T): Envelope<T> {
  return { ok: true, data };
}

export function toError(err: unknown): ResolverError {
  if (err instanceof ResolverFailure) {
    return { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) };
  }
  // Never a stack trace or a raw message at the user: it could carry anything.
  console.error(`resolver failed: ${err instanceof Error ? err.name : typeof err}`);
  return { code: 'INTERNAL', message: 'Something went wrong on our side. Try again in a minute.' };
}

export async function enveloped<T>(run: () => Promise<T>): Promise<Envelope<T>> {
  try {
    return ok(await run());
  } catch (err) {
    return { ok: false, error: toError(err) };
  }
}
