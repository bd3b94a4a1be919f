// First: the local platform must be installed before the app's code loads @forge/api.
import { call, startAdminApp } from './support';
import type { LocalForge } from '../../local/forge-runtime';
import { CLOUD_ID_TIMEOUT_MS } from '../../src/resolvers/handlers/cloud-id';
import { startAtlassianCloud, type CloudDouble } from '../support/atlassian-cloud';
import { sendHtml, sendJson, startServer, type TestServer } from '../support/server';

const CLOUD_ID = 'a436116f-02ce-4520-8fbb-7301462a1674';

/** findCloudId reads a site's public /_edge/tenant_info through the real resolver and its guard. */
describe('findCloudId on the local Forge runtime', () => {
  let cloud: CloudDouble;
  let odd: TestServer;
  let gone: TestServer;
  let forge: LocalForge;
  /** What the odd site answers next, by test. */
  let answer: (res: Parameters<Parameters<typeof startServer>[0]>[1]) => void;

  beforeAll(async () => {
    cloud = await startAtlassianCloud([], CLOUD_ID);
    odd = await startServer((_req, res) => answer(res));
    gone = await startServer((_req, res) => sendJson(res, 200, {}));
    await gone.close();
    forge = await startAdminApp([cloud.server, odd, gone]);
  });
  afterAll(async () => {
    await forge.stop();
    await cloud.server.close();
    await odd.close();
  });

  const find = (siteUrl: unknown) => call(forge, 'findCloudId', { siteUrl });

  it('answers the cloud id the site tells at /_edge/tenant_info, sending no credential', async () => {
    const result = await find(`${cloud.server.url}/jira/your-work`);
    expect(result).toEqual({ ok: true, data: { cloudId: CLOUD_ID } });
    const sent = cloud.server.requests.at(-1)!;
    expect(sent.path).toBe('/_edge/tenant_info');
    expect(sent.headers.authorization).toBeUndefined();
  });

  it('says in plain words that the site answered a web page instead of its cloud id', async () => {
    answer = (res) => sendHtml(res, 200, '<!DOCTYPE html><html><body>Log in</body></html>');
    const result = await find(odd.url);
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    if (result.ok) return;
    expect(result.error.message).toContain('answered a web page, not its cloud id');
    expect(result.error.message).toContain('admin.atlassian.com');
    expect(result.error.fields?.siteUrl).toContain('web page');
  });

  it('says the site has no cloud id to tell when it answers 404', async () => {
    answer = (res) => sendJson(res, 404, { message: 'not found' });
    const result = await find(odd.url);
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    if (!result.ok) expect(result.error.message).toContain('404');
  });

  it('takes nothing that does not look like a cloud id from the answer', async () => {
    answer = (res) => sendJson(res, 200, { cloudId: '<img src=x onerror=alert(1)>' });
    const result = await find(odd.url);
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    if (!result.ok) expect(result.error.message).not.toContain('<img');
  });

  it('answers UNAVAILABLE, to try again, when the site fails with 503', async () => {
    answer = (res) => sendJson(res, 503, { message: 'maintenance' });
    const result = await find(odd.url);
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    if (!result.ok) expect(result.error.message).toContain('Try again in a minute');
  });

  it('answers UNAVAILABLE when nothing listens at the site', async () => {
    const result = await find(gone.url);
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    if (!result.ok) expect(result.error.message).toContain('connection was refused');
  });

  it(
    'gives up on a site that does not answer in time, well inside the resolver limit',
    async () => {
      answer = () => undefined;
      const started = Date.now();
      const result = await find(odd.url);
      const took = Date.now() - started;
      expect(result).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
      if (!result.ok) expect(result.error.message).toContain('no answer within 5 s');
      expect(took).toBeGreaterThanOrEqual(CLOUD_ID_TIMEOUT_MS - 100);
      expect(took).toBeLessThan(CLOUD_ID_TIMEOUT_MS + 5_000);
    },
    CLOUD_ID_TIMEOUT_MS + 10_000,
  );

  it.each([
    ['not a URL', 'your-site'],
    ['plain http to another machine', 'http://acme.atlassian.net'],
    ['a number', 42],
  ])('refuses %s as bad input, asking nothing', async (_what, siteUrl) => {
    const before = cloud.server.requests.length + odd.requests.length;
    const result = await find(siteUrl);
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    if (!result.ok) expect(result.error.fields?.siteUrl).toEqual(expect.any(String));
    expect(cloud.server.requests.length + odd.requests.length).toBe(before);
  });

  it('refuses a host not declared as egress and names the manifest line to add', async () => {
    const result = await find('https://wiki.acme.example');
    expect(result).toMatchObject({ ok: false, error: { code: 'EGRESS_NOT_DECLARED' } });
    if (!result.ok) expect(result.error.message).toContain('- address: "wiki.acme.example"');
  });
});
