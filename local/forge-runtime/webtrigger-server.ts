import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebTriggerCall, WebTriggerReply } from './webtrigger';

export interface ServedTriggers {
  base: string;
  close(): Promise<void>;
}

/** Request bodies past this are refused, as Forge caps invocation payloads. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

type Call = (url: string, call: WebTriggerCall) => Promise<WebTriggerReply>;

/** An HTTP front for web trigger URLs on 127.0.0.1, so curl and the CLI can call them. */
export async function serveWebTriggers(port: number, call: Call): Promise<ServedTriggers> {
  const server = createServer((req, res) => {
    void readBody(req).then(async (body) => {
      const reply =
        body === null
          ? { status: 413, headers: { 'content-type': 'text/plain' }, body: 'Payload Too Large' }
          : await call(req.url ?? '/', { method: req.method, headers: flat(req), body });
      res.writeHead(reply.status, reply.headers).end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${bound}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function flat(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString()));
    req.on('error', () => resolve(null));
  });
}
