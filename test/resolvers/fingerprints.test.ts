// First: the local platform must be installed before the app's code loads @forge/api.
import { call, data, MAIL_CHANNEL, startAdminApp } from './support';
import { createHash } from 'node:crypto';
import type { LocalForge } from '../../local/forge-runtime';
import { rekeyFingerprints } from '../../src/storage/rekey-fingerprints';
import { answering, type TestServer } from '../support/server';
import { overviewOf } from '../../src/frontend/overview-pages';

/** A four-character password, the case issue #23 recovered from its fingerprint in 2 s. */
const SHORT = 'zq7k';
const LOWER_AND_DIGITS = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** What an admin holding a fingerprint can try offline: every 4-character guess, unkeyed. */
function recoverByHash(shown: string): string[] {
  const digest = shown.slice(1);
  const found: string[] = [];
  for (const a of LOWER_AND_DIGITS)
    for (const b of LOWER_AND_DIGITS)
      for (const c of LOWER_AND_DIGITS)
        for (const d of LOWER_AND_DIGITS) {
          const guess = `${a}${b}${c}${d}`;
          const hex = createHash('sha256').update(guess, 'utf8').digest('hex');
          if (hex.startsWith(digest)) found.push(guess);
        }
  return found;
}

const unkeyed = (secret: string) =>
  `#${createHash('sha256').update(secret, 'utf8').digest('hex').slice(0, 6)}`;

describe('fingerprints of short secrets', () => {
  let server: TestServer;
  let forge: LocalForge;
  beforeEach(async () => {
    server = await answering(200, { ok: true });
    forge = await startAdminApp([server]);
  });
  afterEach(async () => {
    await forge.stop();
    await server.close();
  });

  const http = (name: string) => ({
    kind: 'http',
    name,
    url: `${server.url}/health`,
    auth: 'bearer',
  });
  const create = (name: string, secret = SHORT) =>
    data(forge, 'createIntegration', { config: http(name), secret });
  const storedKey = () => forge.kvs.getSecret('fingerprint-key');

  it('give no guess back: not by an unkeyed hash, not by saving the guess on another integration', async () => {
    const first = await create('Build server');
    const second = await create('Guess');
    expect(recoverByHash(first.secretFingerprint)).not.toContain(SHORT);
    expect(first.secretFingerprint).toMatch(/^#[0-9a-f]{8}$/);
    expect(second.secretFingerprint).not.toBe(first.secretFingerprint);
  });

  it('are keyed with one key, kept as a secret, which two first saves at once agree on', async () => {
    const [a, b] = await Promise.all([create('A'), create('B', 'another')]);
    const key = storedKey();
    expect(typeof key).toBe('string');
    expect(Buffer.from(String(key), 'base64')).toHaveLength(32);
    expect(Object.keys(forge.kvs.dump().values)).not.toContain('fingerprint-key');
    // Saving A's secret again on A shows the same fingerprint: both saves used the stored key.
    const again = await data(forge, 'updateIntegration', {
      id: a.id,
      config: http('A'),
      secret: 'changed',
    });
    const back = await data(forge, 'updateIntegration', {
      id: a.id,
      config: http('A'),
      secret: SHORT,
    });
    expect(again.secretFingerprint).not.toBe(a.secretFingerprint);
    expect(back.secretFingerprint).toBe(a.secretFingerprint);
    expect(storedKey()).toBe(key);
    expect(b.secretFingerprint).toMatch(/^#[0-9a-f]{8}$/);
    const overview = JSON.stringify(overviewOf(await data(forge, 'getOverview', {})));
    expect(overview).not.toContain(String(key));
  });

  it('are never made without the key: a key that cannot be read saves nothing and says so', async () => {
    const first = await create('Build server');
    const before = forge.kvs.keys();
    forge.kvs.failNext(4, { status: 500, op: 'secret/get' });
    const answer = await call(forge, 'createIntegration', { config: http('Other'), secret: SHORT });
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'UNAVAILABLE',
        message:
          'Storage is not answering, so nothing was saved and no secret was kept. Try again in a minute.',
      },
    });
    expect(forge.kvs.keys()).toEqual(before);
    forge.kvs.clearFaults();
    const edited = await data(forge, 'updateIntegration', {
      id: first.id,
      config: http('Build server'),
      secret: 'other',
    });
    const restored = await data(forge, 'updateIntegration', {
      id: first.id,
      config: http('Build server'),
      secret: SHORT,
    });
    expect(edited.secretFingerprint).not.toBe(first.secretFingerprint);
    expect(restored.secretFingerprint).toBe(first.secretFingerprint);
  });

  it('stored before they were keyed are recomputed by the next sweep, audit entries too', async () => {
    const { id } = await create('Build server');
    await data(forge, 'checkNow', { id });
    const channel = await data(forge, 'saveChannel', { config: MAIL_CHANNEL });
    // What the previous version stored: 6 hex digits of a plain SHA-256 of the secret.
    const old = unkeyed(SHORT);
    const record = forge.kvs.get(`integration:${id}`) as Record<string, unknown>;
    const row = forge.kvs.get(`summary:${id}`) as Record<string, unknown>;
    const status = forge.kvs.get(`status:${id}`) as { last: Record<string, unknown> };
    forge.kvs.set(`integration:${id}`, { ...record, secretFingerprint: old });
    forge.kvs.set(`summary:${id}`, { ...row, secretFingerprint: old });
    forge.kvs.set(`status:${id}`, { ...status, last: { ...status.last, secretFingerprint: old } });
    const channelKey = `channel:${channel.config.id}`;
    const stored = forge.kvs.get(channelKey) as Record<string, unknown>;
    forge.kvs.set(channelKey, { ...stored, secretFingerprint: unkeyed('gone') });
    const auditKey = forge.kvs.keys().find((k) => k.startsWith('audit:')) as string;
    const audited = forge.kvs.get(auditKey) as Record<string, unknown>;
    forge.kvs.set(auditKey, {
      ...audited,
      detail: `“Build server” (HTTP, secret ${unkeyed('old1')}): secret ${unkeyed('old1')} → ${old}`,
    });

    await forge.runScheduledTrigger('sweep-trigger');

    const overview = overviewOf(await data(forge, 'getOverview', {}));
    const shown = overview.integrations.find((r) => r.id === id)?.secretFingerprint as string;
    expect(shown).toMatch(/^#[0-9a-f]{8}$/);
    expect(recoverByHash(shown)).not.toContain(SHORT);
    expect(forge.kvs.get(`integration:${id}`)).toMatchObject({ secretFingerprint: shown });
    expect(forge.kvs.get(`status:${id}`)).toMatchObject({ last: { secretFingerprint: shown } });
    // Mail channels keep no secret: its unkeyed fingerprint is withdrawn, not recomputed.
    const [mail] = await data(forge, 'listChannels', {});
    expect(mail?.secretFingerprint).toBe('(fingerprint withdrawn)');
    expect((forge.kvs.get(auditKey) as { detail: string }).detail).toBe(
      `“Build server” (HTTP, secret (fingerprint withdrawn)): secret (fingerprint withdrawn) → ${shown}`,
    );
    // The recomputed fingerprint is the one a save of the same secret makes now.
    const save = (secret: string) =>
      data(forge, 'updateIntegration', { id, config: http('Build server'), secret });
    await save('other');
    expect((await save(SHORT)).secretFingerprint).toBe(shown);
    expect(forge.kvs.get('fingerprints-keyed')).toBe(true);
    expect(JSON.stringify(forge.kvs.dump().values)).not.toContain(old);
  });

  it('stored before they were keyed wait for a run with time left, and stay unmarked until then', async () => {
    const { id } = await create('Build server');
    const record = forge.kvs.get(`integration:${id}`) as Record<string, unknown>;
    forge.kvs.set(`integration:${id}`, { ...record, secretFingerprint: unkeyed(SHORT) });
    await forge.run(() => rekeyFingerprints(Date.now(), () => false));
    expect(forge.kvs.get(`integration:${id}`)).toMatchObject({ secretFingerprint: unkeyed(SHORT) });
    expect(forge.kvs.get('fingerprints-keyed')).toBeUndefined();
    await forge.runScheduledTrigger('sweep-trigger');
    expect(forge.kvs.get(`integration:${id}`)).toMatchObject({
      secretFingerprint: expect.stringMatching(/^#[0-9a-f]{8}$/),
    });
    expect(forge.kvs.get('fingerprints-keyed')).toBe(true);
  });
});
