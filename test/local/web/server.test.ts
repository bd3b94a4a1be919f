// ui installs the bridge globals before @forge/* loads; it also brings the admin app's setup.
import { ADMIN, startAdminApp } from '../../support/ui';
import type { LocalForge } from '../../../local/forge-runtime';
import { startWebServer, type WebServer } from '../../../local/web/server';
import { post, request } from './http';

let forge: LocalForge;
let web: WebServer;

beforeAll(async () => {
  forge = await startAdminApp();
  web = await startWebServer({
    forge,
    accountId: ADMIN,
    extraRoutes: (req, res) => {
      if (req.url !== '/control') return false;
      res.end('control');
      return true;
    },
  });
}, 60_000);

afterAll(async () => {
  await web?.close();
  await forge?.stop();
});

describe('the local admin page server', () => {
  it('binds to 127.0.0.1 and serves the page, the bridge script before the app', async () => {
    expect(web.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const page = await request(`${web.url}/`);
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/text\/html/);
    const bridge = page.text.indexOf('src="/assets/bridge.js"');
    const app = page.text.indexOf('src="/assets/app.js"');
    expect(bridge).toBeGreaterThan(0);
    expect(app).toBeGreaterThan(bridge);
    expect(page.text).toContain('"accountId":"admin-1"');
    expect(page.text).toContain('href="/assets/app.css"');
  });

  it('serves a browser bundle of the real frontend with no server-only module in it', async () => {
    const app = await request(`${web.url}/assets/app.js`);
    expect(app.status).toBe(200);
    expect(app.type).toMatch(/javascript/);
    expect(app.text).toContain('src/frontend/App.tsx');
    expect(app.text).toContain('node_modules/@forge/react/');
    for (const serverOnly of ['@forge/kvs', '@forge/api', '@forge/resolver', '@forge/events']) {
      expect(app.text).not.toContain(`node_modules/${serverOnly}/`);
    }
    expect(app.text).not.toMatch(/require\(["']node:|from ["']node:/);
    const css = await request(`${web.url}/assets/app.css`);
    expect(css.type).toMatch(/text\/css/);
  });

  it('passes invoke() to the admin page resolver as the page user', async () => {
    const answer = await post(
      `${web.url}/api/invoke`,
      JSON.stringify({ functionKey: 'getOverview', payload: {} }),
    );
    expect(answer.status).toBe(200);
    const envelope = JSON.parse(answer.text) as { ok: boolean; data: { rows: unknown[] } };
    expect(envelope.ok).toBe(true);
    expect(envelope.data.rows).toEqual([]);
  });

  it('answers a body that is not JSON with 400 and a message, no stack trace', async () => {
    const answer = await post(`${web.url}/api/invoke`, 'not json');
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toEqual({ error: { message: 'the request body is not JSON' } });
  });

  it('answers a call without a function key with 400', async () => {
    const answer = await post(`${web.url}/api/invoke`, JSON.stringify({ payload: {} }));
    expect(answer.status).toBe(400);
    expect(answer.text).not.toMatch(/\n\s+at /);
  });

  it('answers a resolver that fails with 502 and its message', async () => {
    const answer = await post(`${web.url}/api/invoke`, JSON.stringify({ functionKey: 'nope' }));
    expect(answer.status).toBe(502);
    expect(JSON.parse(answer.text)).toEqual({
      error: { message: "the resolver failed: Resolver has no definition for 'nope'." },
    });
  });

  it("serves the caller's own routes first", async () => {
    expect((await request(`${web.url}/control`)).text).toBe('control');
  });

  it('answers an unknown path with 404 JSON', async () => {
    const answer = await request(`${web.url}/nowhere`);
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.text)).toEqual({ error: { message: 'nothing at GET /nowhere' } });
  });
});
