import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalForge } from '../forge-runtime';

/** What the page may post: 1 MB is far above any payload the admin page sends. */
const MAX_BODY = 1_000_000;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body ?? null));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) reject(new HttpError(413, 'request body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export interface InvokeCall {
  functionKey: string;
  payload: unknown;
}

function parseCall(text: string): InvokeCall {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'the request body is not JSON');
  }
  const call = body as Partial<InvokeCall> | null;
  if (typeof call?.functionKey !== 'string' || call.functionKey === '') {
    throw new HttpError(400, 'the request body needs a functionKey string');
  }
  return { functionKey: call.functionKey, payload: call.payload };
}

/** The admin page's resolver function, as the manifest declares it. */
export function adminResolver(forge: LocalForge): string {
  const module = forge.manifest.resolverModules.find((m) => m.moduleType === 'jira:adminPage');
  if (!module) throw new Error('manifest.yml has no jira:adminPage with a resolver');
  return module.functionKey;
}

export interface InvokeTarget {
  forge: LocalForge;
  accountId: string;
  siteUrl: string;
}

/**
 * POST /api/invoke: what the product host does for the page's invoke(). The answer is the
 * resolver's return value; a resolver that throws or times out answers 502 with its message.
 */
export async function handleInvoke(
  req: IncomingMessage,
  res: ServerResponse,
  target: InvokeTarget,
) {
  const call = parseCall(await readBody(req));
  let answer: unknown;
  try {
    answer = await target.forge.invokeResolver(
      adminResolver(target.forge),
      { call, context: { siteUrl: target.siteUrl } },
      { accountId: target.accountId },
    );
  } catch (error) {
    throw new HttpError(502, `the resolver failed: ${messageOf(error)}`);
  }
  sendJson(res, 200, answer);
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
