import type { FetchLike } from '../http/client';
import { EXIT_BAD_INPUT } from './format';

export const CONSUMER_KEY_ENV = 'TOKEN_HEALTH_CONSUMER_KEY';

export interface TokenArgs {
  command: 'token';
  url: string;
  integration: string;
}

interface TokenIo {
  env: Record<string, string | undefined>;
  out: (text: string) => void;
  err: (text: string) => void;
  fetch: FetchLike;
}

const TIMEOUT_MS = 60_000;

/** Exit status by answer, as the probe command's: 0 ok, 1 try later, 2 refused, 3 unknown. */
const EXIT_BY_STATUS: Record<number, number> = { 200: 0, 429: 1, 401: 2, 403: 2, 409: 2 };

/** Draws one access token from the app's vending web trigger and prints it, alone on a line. */
export async function drawCommand(args: TokenArgs, io: TokenIo): Promise<number> {
  const key = io.env[CONSUMER_KEY_ENV]?.trim();
  if (!key) {
    io.err(
      `token-health: set the consumer key in the environment variable ${CONSUMER_KEY_ENV} (it is never read from the command line)`,
    );
    return EXIT_BAD_INPUT;
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  let status: number;
  let text: string;
  try {
    const res = await io.fetch(args.url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ integration: args.integration }),
      // The key goes to this URL only, never to wherever a redirect points.
      redirect: 'manual',
      signal: controller.signal,
    });
    status = res.status;
    text = await readText(res.body);
  } catch {
    io.err(`token-health: no answer from ${new URL(args.url).host} within ${TIMEOUT_MS / 1000} s`);
    return EXIT_BAD_INPUT;
  } finally {
    clearTimeout(timer);
  }
  const body = parse(text);
  if (status === 200 && typeof body.access_token === 'string') {
    io.out(body.access_token);
    return 0;
  }
  const why = typeof body.message === 'string' ? body.message : `the answer was HTTP ${status}`;
  io.err(`token-health: no token (${status}): ${why}`);
  return EXIT_BY_STATUS[status] ?? EXIT_BAD_INPUT;
}

const MAX_ANSWER_CHARS = 64 * 1024;

async function readText(body: AsyncIterable<Uint8Array | string> | null): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of body ?? []) {
    text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text.length > MAX_ANSWER_CHARS) break;
  }
  return text;
}

function parse(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** `--url <https URL> --integration <id>`: both required; plain http only to this machine. */
export function parseTokenArgs(rest: readonly string[], fail: (m: string) => Error): TokenArgs {
  const values: Record<string, string> = {};
  for (let i = 0; i < rest.length; i += 2) {
    const [flag, value] = [rest[i] ?? '', rest[i + 1]];
    if (flag !== '--url' && flag !== '--integration') throw fail(`unknown option ${flag}`);
    if (!value) throw fail(`${flag} needs a value`);
    values[flag.slice(2)] = value;
  }
  const { url, integration } = values;
  if (!url || !integration)
    throw fail('give both: token-health token --url <vending URL> --integration <id>');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw fail('--url is not a URL');
  }
  const local = parsed.protocol === 'http:' && parsed.hostname === '127.0.0.1';
  if (parsed.protocol !== 'https:' && !local)
    throw fail('--url must be https (the consumer key travels with it)');
  return { command: 'token', url, integration };
}
