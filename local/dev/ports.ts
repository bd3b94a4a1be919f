import net from 'node:net';

/** Whether something already listens on this port of 127.0.0.1 (tried by listening on it). */
function inUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'EADDRINUSE'));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(false)));
  });
}

async function firstInUse(ports: number[]): Promise<number | undefined> {
  for (const port of ports) if (await inUse(port)) return port;
  return undefined;
}

/**
 * Refuses at once, before the demo is seeded or a saved state touched, when a port `npm start`
 * needs is taken: the message names the flag that picks another. Port 0 (any free one) is never
 * taken.
 */
export async function assertPortsFree(page: number, demoBase: number, demoCount: number) {
  if (page !== 0 && (await inUse(page))) {
    throw new Error(
      `Port ${page} is already in use (another npm start?). Stop what uses it, or start the page on another port: npm start -- --port ${page + 100}`,
    );
  }
  if (demoBase === 0) return;
  const demoPorts = Array.from({ length: demoCount }, (_, i) => demoBase + i);
  const taken = await firstInUse(demoPorts);
  if (taken === undefined) return;
  const next = demoBase + 1000;
  throw new Error(
    `Port ${taken} is already in use: the demo services need ports ${demoBase} to ${demoBase + demoCount - 1}. Stop what uses it, or give them others: npm start -- --reset --demo-port ${next} (--reset because saved integrations point at the old ports)`,
  );
}
