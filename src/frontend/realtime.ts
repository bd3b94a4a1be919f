import { realtime } from '@forge/bridge';
import { CHANGES_CHANNEL } from '../domain/live';

/**
 * Listens on the backend's changes channel (Forge Realtime, Preview): `onChange` at each stored
 * change, `onLost` once if the subscription reports an error. Answers how to stop listening, or
 * null when the host offers no subscription (the page then keeps polling as before).
 * https://developer.atlassian.com/platform/forge/apis-reference/ui-api-bridge/realtime
 */
export async function listenForChanges(
  onChange: () => void,
  onLost: () => void,
): Promise<(() => void) | null> {
  try {
    const subscription = await realtime.subscribeGlobal(CHANGES_CHANNEL, (_payload, error) => {
      // The payload names the area; the page asks the markers which views moved, so it is unread.
      if (error) onLost();
      else onChange();
    });
    if (typeof subscription?.unsubscribe !== 'function') return null;
    return () => {
      subscription.unsubscribe().catch(() => undefined);
    };
  } catch {
    return null;
  }
}
