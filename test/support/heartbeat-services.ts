import type http from 'node:http';
import { startServer, type RecordedRequest, type TestServer } from './server';

/** How the double answers for now: as the service does, failing, or not at all. */
export type HeartbeatBehaviour = 'normal' | 'fail-500' | 'hang';

export interface HeartbeatService extends TestServer {
  behaviour: HeartbeatBehaviour;
  /** Pings that reached a known check (hanging ones included), by path. */
  pings(path?: string): RecordedRequest[];
}

function sendText(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

/**
 * healthchecks.io's Pinging API on 127.0.0.1, as documented at https://healthchecks.io/docs/http_api/:
 * - `/<uuid>` signals success and `/<uuid>/fail` failure (https://healthchecks.io/docs/signaling_failures/),
 *   by GET or POST alike, the POST body kept as the ping's log;
 * - a ping that is accepted answers "200 OK" with the short body "OK";
 * - an unknown UUID answers 404 with the body "not found";
 * - pinging by slug is rate limited and then answers 429 "rate limited", while UUID pings answer
 *   200 even when limited, for backwards compatibility (https://github.com/bdd/runitor/issues/66).
 * Cronitor's telemetry (`/p/<key>/<monitor>?state=complete|fail`, answering 200 with an empty
 * body: https://cronitor.io/docs/telemetry-api) and Dead Man's Snitch (`/<token>`, answering
 * "Got it, thanks!": https://deadmanssnitch.com/docs) are served too.
 */
export async function startHeartbeatService(
  uuids: readonly string[],
  slugLimit = 5,
): Promise<HeartbeatService> {
  const known = new Set(uuids);
  const slugPings = new Map<string, number>();
  const state: { service?: HeartbeatService } = {};
  const server = await startServer((req, res) => {
    const behaviour = state.service?.behaviour ?? 'normal';
    if (behaviour === 'hang') return new Promise<void>(() => undefined);
    if (behaviour === 'fail-500') return sendText(res, 500, 'Internal Server Error');
    const [path] = req.path.split('?');
    const parts = (path ?? '').split('/').filter(Boolean);
    if (parts[0] === 'p' && parts.length === 3) return sendText(res, 200, '');
    if (parts[0] === 'snitch' && parts.length === 2) return sendText(res, 202, 'Got it, thanks!');
    if (parts[0] === 'slug') {
      const count = (slugPings.get(path ?? '') ?? 0) + 1;
      slugPings.set(path ?? '', count);
      return count > slugLimit ? sendText(res, 429, 'rate limited') : sendText(res, 200, 'OK');
    }
    const [uuid, suffix] = parts;
    const found =
      uuid !== undefined && known.has(uuid) && (suffix === undefined || suffix === 'fail');
    return found ? sendText(res, 200, 'OK') : sendText(res, 404, 'not found');
  });
  const service: HeartbeatService = {
    url: server.url,
    requests: server.requests,
    close: () => server.close(),
    behaviour: 'normal',
    pings: (path?: string) =>
      server.requests.filter((r) => path === undefined || r.path.split('?')[0] === path),
  };
  state.service = service;
  return service;
}
