/**
 * Simulated Jira sites in a child process. A real service spends its own CPU, not the app's: run
 * in the bench's process, 25 servers answering 50 requests at once would share one event loop
 * with the app and the ratio would measure the simulation. Each site takes 200 ms to say who the
 * token belongs to (GET /rest/api/3/myself answers the account: developer.atlassian.com/cloud/
 * jira/platform/rest/v3/api-group-myself, with the X-AAccountId header Atlassian sends).
 */
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

interface Started {
  urls: string[];
}
interface Counted {
  requests: number;
}

export interface Sites {
  urls: string[];
  /** Requests all sites have answered so far. */
  requests(): Promise<number>;
  close(): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;

function reply<T>(child: ChildProcess, what: 'start' | 'count', extra: object = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`simulated sites: no answer to ${what}`)),
      START_TIMEOUT_MS,
    );
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve(message as T);
    });
    child.send({ what, ...extra });
  });
}

/** Starts `count` sites answering after `latencyMs`, in a child process of their own. */
export async function startSites(count: number, latencyMs: number): Promise<Sites> {
  const child = fork(__filename, ['--child'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { urls } = await reply<Started>(child, 'start', { count, latencyMs });
  return {
    urls,
    requests: async () => (await reply<Counted>(child, 'count')).requests,
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

async function serve(latencyMs: number, counter: { requests: number }): Promise<string> {
  const server = http.createServer((_req, res) => {
    counter.requests += 1;
    setTimeout(() => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'X-AAccountId': 'acc-bench' });
      res.end(JSON.stringify({ accountId: 'acc-bench', displayName: 'Bench bot' }));
    }, latencyMs);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function child(): void {
  const counter = { requests: 0 };
  process.on('message', (message: { what: string; count?: number; latencyMs?: number }) => {
    if (message.what === 'count') return void process.send?.({ requests: counter.requests });
    const sites = Array.from({ length: message.count ?? 0 }, () =>
      serve(message.latencyMs ?? 0, counter),
    );
    void Promise.all(sites).then((urls) => process.send?.({ urls }));
  });
  process.on('disconnect', () => process.exit(0));
}

if (process.argv.includes('--child')) child();
