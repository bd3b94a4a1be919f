import { checkQueue, clock, fetch, invocation } from '../platform/forge';
import { unavailable, type TriggerResponse } from './answers';
import { vend } from './handler';
import type { TriggerRequest } from './request';

/** Time for the token endpoint: well inside the web trigger's 55 s, leaving room for storage. */
const MAX_DRAW_MS = 20_000;

/**
 * The `token-vending` web trigger. Whatever fails unexpectedly is a plain 503, never a stack
 * trace or an app detail (Forge would answer 500 to a thrown error or an off-format result).
 */
export async function vendToken(request: TriggerRequest): Promise<TriggerResponse> {
  try {
    const current = invocation();
    return await vend(request, {
      fetch,
      now: clock,
      holder: current.id,
      queue: checkQueue,
      deadlineMs: Math.min(MAX_DRAW_MS, current.remainingMs() * 0.4),
    });
  } catch {
    return unavailable();
  }
}
