import type { Reply } from '../http';

/**
 * A KVS server error. Serialised as `{code, message, context?}` so @forge/kvs raises
 * ForgeKvsAPIError with the same code and `responseDetails.status` (FORGE-PLATFORM.md 3.2).
 */
export class KvsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly context?: Record<string, unknown>,
  ) {
    super(message);
  }

  toReply(): Reply {
    const body: Record<string, unknown> = { code: this.code, message: this.message };
    if (this.context) body.context = this.context;
    return { status: this.status, body };
  }
}

export const badRequest = (code: string, message: string, context?: Record<string, unknown>) =>
  new KvsError(400, code, message, context);

export const keyNotFound = () => new KvsError(404, 'KEY_NOT_FOUND', 'Provided key does not exist');
