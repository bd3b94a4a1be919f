import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { call, data, startAdminApp } from './support';
import type { LocalForge } from '../../local/forge-runtime';
import { startHeartbeatService, type HeartbeatService } from '../support/heartbeat-services';
import { HEARTBEAT_HOSTS } from '../../src/domain/heartbeat';
import { keyedFingerprint } from '../../src/domain/fingerprint';
import { HEARTBEAT_SCOPE } from '../../src/resolvers/handlers/heartbeat';

const UUID = '9d1e4f27-63b0-4a8c-b5e2-0f7a1c3d5e80';

describe('the heartbeat settings', () => {
  let hc: HeartbeatService;
  let forge: LocalForge;
  /** The page's fingerprint of a URL: keyed with the installation's own key, never its tail. */
  const fingerprint = (url: string) =>
    keyedFingerprint(url, {
      key: Buffer.from(forge.kvs.getSecret('fingerprint-key') as string, 'base64'),
      scope: HEARTBEAT_SCOPE,
    });

  beforeAll(async () => {
    hc = await startHeartbeatService([UUID]);
  });
  afterAll(() => hc.close());
  beforeEach(async () => {
    hc.requests.length = 0;
    forge = await startAdminApp([hc]);
  });
  afterEach(() => forge.stop());

  const pingUrl = () => `${hc.url}/${UUID}`;
  const save = (extra: Record<string, unknown>) =>
    call(forge, 'saveHeartbeat', { method: 'POST', includeNames: false, ...extra });

  it('declares each heartbeat service it names as egress in manifest.yml', () => {
    const manifest = parse(readFileSync(path.join(__dirname, '../../manifest.yml'), 'utf8')) as {
      permissions: { external: { fetch: { backend: { address: string }[] } } };
    };
    const declared = manifest.permissions.external.fetch.backend.map((e) => e.address);
    for (const host of HEARTBEAT_HOSTS) expect(declared).toContain(host);
  });

  it('keeps the URL as a secret and answers only its host and fingerprint, in the audit log too', async () => {
    const view = await data(forge, 'saveHeartbeat', {
      method: 'GET',
      includeNames: false,
      successUrl: pingUrl(),
      failureUrl: `${pingUrl()}/fail`,
    });
    const host = new URL(hc.url).host;
    expect(view).toMatchObject({
      method: 'GET',
      success: { host, fingerprint: fingerprint(pingUrl()) },
      failure: { host, fingerprint: fingerprint(`${pingUrl()}/fail`) },
      knownHosts: [...HEARTBEAT_HOSTS],
    });
    const answers = JSON.stringify([view, await data(forge, 'getHeartbeat', {})]);
    const log = JSON.stringify(await data(forge, 'getAuditLog', {}));
    for (const text of [answers, log]) expect(text).not.toContain(UUID.slice(0, 8));
    expect(log).toContain(`success URL ${host} ${fingerprint(pingUrl())}`);
  });

  it('keeps a stored URL when it is left out, and forgets it when removed', async () => {
    await save({ successUrl: pingUrl(), failureUrl: `${pingUrl()}/fail` });
    const kept = await data(forge, 'saveHeartbeat', { method: 'GET', includeNames: true });
    expect(kept.success?.fingerprint).toBe(fingerprint(pingUrl()));
    expect(await data(forge, 'testHeartbeat', {})).toMatchObject({ ok: true });
    expect(hc.requests.at(-1)?.method).toBe('GET');
    const gone = await data(forge, 'saveHeartbeat', {
      method: 'GET',
      includeNames: true,
      remove: ['failure'],
    });
    expect(gone.failure).toBeNull();
    expect(gone.success).not.toBeNull();
    expect(await call(forge, 'testHeartbeat', { which: 'failure' })).toMatchObject({
      ok: false,
      error: {
        code: 'NOT_FOUND',
        message: 'There is no failure URL to test: enter one and save first.',
      },
    });
  });

  it.each([
    ['a plain http URL off this machine', 'http://hc-ping.com/abc', /must use https:\/\//],
    ['not a URL', 'hc-ping.com/abc', /not a valid URL/],
    ['a user name in the URL', 'https://user:pw@hc-ping.com/abc', /user name or password/],
    [
      'a host the manifest does not declare',
      'https://pings.example.org/abc',
      /pings\.example\.org is not one of them.*redeployed with - address: "pings\.example\.org"/s,
    ],
  ])('refuses %s in plain words and stores nothing', async (_what, url, message) => {
    const before = forge.kvs.dump();
    const answer = await save({ successUrl: url });
    expect(answer).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    if (answer.ok) return;
    expect(answer.error.fields?.successUrl).toMatch(message);
    expect(forge.kvs.dump()).toEqual(before);
  });

  it('refuses a method other than GET or POST', async () => {
    const answer = await save({ method: 'PUT', successUrl: pingUrl() });
    expect(answer).toMatchObject({
      ok: false,
      error: { fields: { method: 'must be GET or POST' } },
    });
  });
});
