// First: the local platform must be installed before the app's code loads @forge/api.
import { ADMIN, data, startAdminApp } from './support';
import type { LocalForge } from '../../local/forge-runtime';
import { answering, type TestServer } from '../support/server';
import { createHash } from 'node:crypto';

/**
 * A new integration saved right after a Test: that Test is its first check, stored like one,
 * so the page shows its verdict at once instead of "not checked yet".
 */
describe('a new integration saved right after its Test', () => {
  const SECRET = 'ghp_firstCheckFromTest000000000000000001';
  let github: TestServer;
  let forge: LocalForge;
  beforeAll(async () => {
    // GitHub's answer to a revoked token (docs.github.com, "Troubleshooting the REST API": 401).
    github = await answering(401, {
      message: 'Bad credentials',
      documentation_url: 'https://docs.github.com/rest',
      status: '401',
    });
    forge = await startAdminApp([github]);
  });
  afterAll(async () => {
    await forge.stop();
    await github.close();
  });

  const input = (name: string, secret = SECRET) => ({
    config: { kind: 'github-token', name, baseUrl: github.url },
    secret,
  });

  it('shows the Test verdict as its first check, without probing again', async () => {
    const tested = await data(forge, 'testIntegration', input('Tested bot'));
    expect(tested.verdict).toBe('rejected');
    const requests = github.requests.length;
    const saved = await data(forge, 'createIntegration', input('Tested bot'));
    expect(saved.verdict).toBe('rejected');
    expect(saved.lastCheckedAt).not.toBeNull();
    expect(github.requests.length).toBe(requests);
    // Taken once: nothing of the Test stays behind, and never the secret.
    const dump = JSON.stringify(forge.kvs.dump().values);
    expect(Object.keys(forge.kvs.dump().values).filter((k) => k.startsWith('tested:'))).toEqual([]);
    expect(dump).not.toContain(SECRET);
  });

  it('does not use a Test of another secret or another config', async () => {
    await data(forge, 'testIntegration', input('Other bot', `${SECRET}9`));
    const saved = await data(forge, 'createIntegration', input('Other bot'));
    expect(saved.verdict).toBeNull();
    const renamed = await data(forge, 'testIntegration', input('Before rename'));
    expect(renamed.verdict).toBe('rejected');
    const after = await data(forge, 'createIntegration', input('After rename'));
    expect(after.verdict).toBeNull();
  });

  it('keeps a Test under a key nobody who reads storage can match to a guessed secret', async () => {
    const secret = `${SECRET}7`;
    const tested = input('Guessed bot', secret);
    const keptKeys = () =>
      Object.keys(forge.kvs.dump().values).filter((k) => k.startsWith('tested:'));
    const before = new Set(keptKeys());
    await data(forge, 'testIntegration', tested);
    const kept = keptKeys().filter((k) => !before.has(k));
    expect(kept).toHaveLength(1);
    // The unkeyed digest the key used to be: who tested, the config in key order, the secret.
    const config = Object.entries(tested.config).sort(([a], [b]) => a.localeCompare(b));
    const canonical = `{${config.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`;
    const unkeyed = createHash('sha256')
      .update(`${ADMIN}\n${canonical}\n${secret}`)
      .digest('hex')
      .slice(0, 40);
    expect(kept[0]).not.toBe(`tested:${unkeyed}`);
    expect(kept[0]).toMatch(/^tested:[0-9a-f]{40}$/);
  });
});
