import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { LocalForge } from '../forge-runtime';
import { platform } from '../forge-runtime/platform';
import type { Envelope, IssuedConsumerKey } from '../../src/resolvers/contract';
import { CONSUMER_KEY_ENV } from '../../src/cli/token';
import { integrations } from '../../src/storage/integrations';

/** Beside the state: a key is shown once, so the demo keeps its own to draw again after a restart. */
export const DEMO_CONSUMER_FILE = 'demo-consumer-key.json';
const KEY_NAME = 'Demo consumer';
const KEY_DAYS = 300;

/** The demo consumer: what it draws with, where from, and what its first draw got. */
export interface DemoConsumer {
  integrationId: string;
  integrationName: string;
  key: string;
  url: string;
  status: number;
  /** The first draw's answer in words: its token's end, or why there was none. */
  result: string;
}

interface Saved {
  integrationId: string;
  key: string;
}

async function keptGrant(forge: LocalForge) {
  const all = await forge.run(() => integrations.list());
  return all.find((r) => r.config.kind === 'atlassian-oauth2' && r.config.mode === 'keep');
}

async function readSaved(file: string): Promise<Saved | null> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as Saved;
  } catch {
    return null;
  }
}

/** A key made through the real resolver, as an admin makes one on the page. */
async function newKey(forge: LocalForge, accountId: string, integrationId: string, now: number) {
  const payload = {
    integrationId,
    name: KEY_NAME,
    note: 'made by npm start to show a draw',
    expiresAt: new Date(now + KEY_DAYS * 86_400_000).toISOString(),
  };
  const answer = (await forge.invokeResolver(
    'resolver',
    { call: { functionKey: 'createConsumerKey', payload } },
    { accountId },
  )) as Envelope<IssuedConsumerKey>;
  if (!answer.ok) throw new Error(`the demo consumer key: ${answer.error.message}`);
  return answer.data.secret;
}

/** What `curl` would get: one POST to the web trigger's local URL, outside any invocation. */
async function draw(url: string, key: string, integrationId: string) {
  const res = await platform().nativeFetch(url, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ integration: integrationId }),
  });
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  const result =
    res.status === 200
      ? `an access token valid until ${String(body.expires_at)}`
      : String(body.message ?? `HTTP ${res.status}`);
  return { status: res.status, result };
}

/**
 * Serves the web triggers on 127.0.0.1 and draws one token from the demo's kept OAuth grant with
 * a consumer key of its own (made once, kept beside the state). Null when no kept grant exists.
 */
export async function startDemoConsumer(
  forge: LocalForge,
  stateDir: string,
  accountId: string,
  now: number,
): Promise<DemoConsumer | null> {
  const grant = await keptGrant(forge);
  if (!grant) return null;
  await forge.listenWebTriggers();
  const url = forge.webTriggerUrl('token-vending');
  const file = path.join(stateDir, DEMO_CONSUMER_FILE);
  const saved = await readSaved(file);
  let key = saved?.integrationId === grant.id ? saved.key : null;
  let first = key ? await draw(url, key, grant.id) : null;
  // A key of a former demo (or one revoked on the page) is replaced by a new one.
  if (!key || !first || first.status === 401) {
    key = await newKey(forge, accountId, grant.id, now);
    await fs.mkdir(stateDir, { recursive: true });
    await fs.writeFile(file, JSON.stringify({ integrationId: grant.id, key }), { mode: 0o600 });
    first = await draw(url, key, grant.id);
  }
  const integrationName = grant.config.name ?? grant.id;
  return { integrationId: grant.id, integrationName, key, url, ...first };
}

/** The banner's lines: the key, the two ways to draw with it, and what the first draw got. */
export function demoConsumerLines(c: DemoConsumer): string[] {
  const args = `--url '${c.url}' --integration ${c.integrationId}`;
  return [
    `A demo consumer draws "${c.integrationName}"'s access tokens from its kept OAuth grant:`,
    `  export ${CONSUMER_KEY_ENV}=${c.key}`,
    `  node bin/token-health.js token ${args}`,
    `  curl -sS -X POST '${c.url}' -H "Authorization: Bearer $${CONSUMER_KEY_ENV}" -d '{"integration":"${c.integrationId}"}'`,
    `  First draw: ${c.status === 200 ? 'HTTP 200' : `refused (HTTP ${c.status})`}, ${c.result}`,
  ];
}
