import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalForge } from '../forge-runtime';
import { HttpError } from './invoke';

/** Forge's channel names are the app's own; this bound only keeps the query sane. */
const MAX_CHANNEL = 255;

/**
 * The page's Realtime subscription (`realtime.subscribe`/`subscribeGlobal` from @forge/bridge),
 * as a stream of server-sent events: each event published on the channel arrives as its payload
 * text, JSON-encoded. The product host holds a WebSocket to Forge Realtime; the page sees only
 * the bridge's callback, which is what this serves.
 */
export function serveRealtime(
  forge: LocalForge,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const channel = url.searchParams.get('channel') ?? '';
  if (channel === '' || channel.length > MAX_CHANNEL) {
    throw new HttpError(400, 'a realtime subscription needs a channel name');
  }
  const global = url.searchParams.get('global') === '1';
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  // A comment line: the browser's EventSource opens on the first bytes.
  res.write(': subscribed\n\n');
  const stop = forge.realtime.subscribe(channel, global, (event) => {
    res.write(`id: ${event.eventId}\ndata: ${JSON.stringify(event.payload)}\n\n`);
  });
  req.on('close', stop);
}
