/**
 * The envelope of every Rovo action. Actions run as the user who chats with the agent
 * (https://developer.atlassian.com/platform/forge/manifest-reference/modules/rovo-action/), so
 * each call passes the app's one admin guard before it reads anything. The function gets the
 * action's inputs as top-level keys of its payload and, as every Forge function, a context whose
 * `principal.accountId` is the caller
 * (https://developer.atlassian.com/platform/forge/function-reference/arguments/).
 */
import { ResolverFailure } from '../resolvers/envelope';
import { assertJiraAdmin } from '../resolvers/guard';
import { ActionInputError } from './input';

export type ActionPayload = Record<string, unknown>;
export type ActionAnswer = Record<string, unknown>;
export type ActionHandler = (payload: unknown, context: unknown) => Promise<ActionAnswer>;

const FAILED = 'Token Health could not answer just now. Try again in a minute.';

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function callerOf(context: unknown): string | undefined {
  const principal = isObj(context) && isObj(context.principal) ? context.principal : {};
  return typeof principal.accountId === 'string' ? principal.accountId : undefined;
}

/** What the agent relays: a plain sentence, never a stack trace or a raw error message. */
function refusal(err: unknown): ActionAnswer {
  if (err instanceof ResolverFailure || err instanceof ActionInputError) {
    return { error: err.message };
  }
  console.error(`rovo action failed: ${err instanceof Error ? err.name : typeof err}`);
  return { error: FAILED };
}

export function guarded(run: (payload: ActionPayload) => Promise<ActionAnswer>): ActionHandler {
  return async (payload, context) => {
    try {
      await assertJiraAdmin(callerOf(context));
      return await run(isObj(payload) ? payload : {});
    } catch (err) {
      return refusal(err);
    }
  };
}
