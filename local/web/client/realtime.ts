/**
 * The product host's side of `realtime.subscribe`/`subscribeGlobal` (@forge/bridge calls
 * `subscribeRealtimeChannel` with { channelName, onEvent, options, isGlobal }), over the local
 * server's event stream. Resolves once subscribed, rejects if the subscription cannot be made;
 * a connection lost later calls onEvent with an error (the browser then reconnects by itself).
 */
interface SubscribeCall {
  channelName: string;
  onEvent: (payload: string, error?: Error) => unknown;
  isGlobal?: boolean;
}

export function subscribeRealtime(data: unknown): Promise<{ unsubscribe: () => Promise<void> }> {
  const { channelName, onEvent, isGlobal } = data as SubscribeCall;
  const query = new URLSearchParams({ channel: channelName, global: isGlobal ? '1' : '0' });
  return new Promise((resolve, reject) => {
    const source = new EventSource(`/api/realtime?${query}`);
    let opened = false;
    source.onopen = () => {
      opened = true;
      resolve({ unsubscribe: async () => source.close() });
    };
    source.onmessage = (message: MessageEvent<string>) => {
      onEvent(JSON.parse(message.data) as string);
    };
    source.onerror = () => {
      if (opened) {
        onEvent('', new Error('the realtime connection was lost'));
        return;
      }
      source.close();
      reject(new Error('could not subscribe to the realtime channel'));
    };
  });
}
