/**
 * Simulated Jira sites, and the egress proxy in front of them, in a child process of their own.
 *
 * - A real service spends its own CPU, not the app's: run in the bench's process, 25 servers
 *   answering 50 requests at once would share one event loop with the app, and the ratio would
 *   measure the simulation.
 * - On Forge, an app's external requests go to the platform's proxy (`${proxy.url}/egress`, the
 *   target in `forge-proxy-target`: FORGE-PLATFORM.md 2.3), so they share its connections
 *   whatever their host. The local runtime does the same with `egressProxy`; the proxy here
 *   answers for the site named, as the site itself would.
 *
 * Each site takes 200 ms to say who the token belongs to (GET /rest/api/3/myself answers the
 * account: developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-myself, with the
 * X-AAccountId header Atlassian sends).
 */
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

type Ask = 'start' | 'count' | 'reset';
interface Message {
  what: Ask;
  count?: number;
  latencyMs?: number;
}
interface Started {
  urls: string[];
  proxyUrl: string;
}
interface Counted {
  requests: number;
}

export interface Sites {
  urls: string[];
  /** The egress proxy: LocalForge's `egressProxy`. */
  proxyUrl: string;
  /** Requests the sites have answered since the last reset. */
  requests(): Promise<number>;
  /** Zeroes the request count before a sweep. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

const ANSWER_TIMEOUT_MS = 30_000;

function ask<T>(child: ChildProcess, message: Message): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`simulated sites: no answer to ${message.what}`)),
      ANSWER_TIMEOUT_MS,
    );
    child.once('message', (answer) => {
      clearTimeout(timer);
      resolve(answer as T);
    });
    child.send(message);
  });
}

/** Starts `count` sites answering after `latencyMs`, and their proxy, in a child process. */
export async function startSites(count: number, latencyMs: number): Promise<Sites> {
  const child = fork(__filename, ['--child'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { urls, proxyUrl } = await ask<Started>(child, { what: 'start', count, latencyMs });
  return {
    urls,
    proxyUrl,
    requests: async () => (await ask<Counted>(child, { what: 'count' })).requests,
    reset: async () => void (await ask<Counted>(child, { what: 'reset' })),
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

/** The child's side: the sites, the proxy and a request count. */
class SiteFarm {
  requests = 0;
  private readonly servers: http.Server[] = [];
  private readonly origins = new Set<string>();

  constructor(private readonly latencyMs: number) {}

  async start(count: number): Promise<Started> {
    const urls = await Promise.all(
      Array.from({ length: count }, () => this.listen((_req, res) => this.answer(res))),
    );
    urls.forEach((url) => this.origins.add(url));
    const proxyUrl = await this.listen((req, res) => this.proxy(req, res));
    return { urls, proxyUrl };
  }

  reset(): void {
    this.requests = 0;
  }

  private answer(res: http.ServerResponse): void {
    this.requests += 1;
    setTimeout(() => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'X-AAccountId': 'acc-bench' });
      res.end(JSON.stringify({ accountId: 'acc-bench', displayName: 'Bench bot' }));
    }, this.latencyMs);
  }

  private proxy(req: http.IncomingMessage, res: http.ServerResponse): void {
    const target = URL.parse(String(req.headers['forge-proxy-target']));
    if (req.url === '/egress' && target && this.origins.has(target.origin)) return this.answer(res);
    res.writeHead(502, { 'Content-Type': 'text/plain' });
    res.end('the bench proxy knows no such site');
  }

  private async listen(handler: http.RequestListener): Promise<string> {
    const server = http.createServer(handler);
    server.keepAliveTimeout = 60_000;
    this.servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
}

function child(): void {
  let farm: SiteFarm | undefined;
  process.on('message', (message: Message) => {
    if (message.what === 'start') {
      farm = new SiteFarm(message.latencyMs ?? 0);
      return void farm.start(message.count ?? 0).then((started) => process.send?.(started));
    }
    if (message.what === 'reset') farm?.reset();
    process.send?.({ requests: farm?.requests ?? 0 });
  });
  process.on('disconnect', () => process.exit(0));
}

if (process.argv.includes('--child')) child();
