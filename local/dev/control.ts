import type http from 'node:http';
import {
  CONTROL_ACTIONS,
  DEFAULT_SLOW_MS,
  type ControlAction,
  type DemoServices,
} from '../demo/services';

export type Routes = (req: http.IncomingMessage, res: http.ServerResponse) => boolean;

export interface ControlOptions {
  demo: DemoServices;
  /** Runs a sweep now (after any under way) and its checks. */
  sweepNow: () => Promise<void>;
}

export function controlUsage(controlUrl: string): string[] {
  return [
    `GET  ${controlUrl}                      the demo integrations and their state`,
    `POST ${controlUrl}/<name>/revoke        the service refuses the credential (401)`,
    `POST ${controlUrl}/<name>/restore       accepts it again and clears the demo's own trouble`,
    `POST ${controlUrl}/<name>/slow?ms=3000  answers late (default ${DEFAULT_SLOW_MS} ms: past the probe's time-out)`,
    `POST ${controlUrl}/<name>/fast          answers at once again`,
    `POST ${controlUrl}/<name>/fail          answers 503`,
    `POST ${controlUrl}/<name>/recover       stops failing`,
    `POST ${controlUrl}/sweep                runs a sweep now`,
    'A rejected or locked integration backs off for a simulated day: after restore, press Check now.',
  ];
}

function send(res: http.ServerResponse, status: number, body: unknown): true {
  res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8' });
  res.end(`${JSON.stringify(body, null, 2)}\n`);
  return true;
}

function parseMs(raw: string | null): number | undefined | null {
  if (raw === null) return undefined;
  return /^\d{1,6}$/.test(raw) ? Number(raw) : null;
}

function action(options: ControlOptions, res: http.ServerResponse, slug: string, url: URL): true {
  const [, , , verb] = url.pathname.split('/');
  if (!CONTROL_ACTIONS.includes(verb as ControlAction)) {
    return send(res, 400, { error: `unknown action; use one of ${CONTROL_ACTIONS.join(', ')}` });
  }
  const ms = parseMs(url.searchParams.get('ms'));
  if (ms === null) return send(res, 400, { error: 'ms must be a whole number of milliseconds' });
  if (!options.demo.find(slug)) return send(res, 404, { error: `no demo integration '${slug}'` });
  return send(res, 200, options.demo.control(slug, verb as ControlAction, ms));
}

/** `/control` routes for the web server's extraRoutes: true when it answered the request. */
export function controlRoutes(options: ControlOptions): Routes {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    if (url.pathname !== '/control' && !url.pathname.startsWith('/control/')) return false;
    const parts = url.pathname.split('/').filter(Boolean);
    if (req.method === 'GET' && parts.length === 1) {
      return send(res, 200, {
        integrations: options.demo.list(),
        webhook: { url: options.demo.receiver.url, received: options.demo.receiver.received },
      });
    }
    if (req.method !== 'POST') return send(res, 405, { error: 'use GET /control or POST' });
    if (parts.length === 2 && parts[1] === 'sweep') {
      options
        .sweepNow()
        .then(() => send(res, 200, { swept: true }))
        .catch((err: unknown) => send(res, 500, { error: String(err) }));
      return true;
    }
    if (parts.length === 3 && parts[1]) return action(options, res, parts[1], url);
    return send(res, 404, { error: 'see GET /control for the routes' });
  };
}
