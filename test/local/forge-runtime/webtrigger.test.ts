import { startFixture } from './fixture';
import type { LocalForge } from '../../../local/forge-runtime';

let forge: LocalForge;

beforeEach(async () => {
  ({ forge } = await startFixture());
});
afterEach(() => forge.stop());

const json = (body: string) => JSON.parse(body) as Record<string, unknown>;

describe('web triggers', () => {
  test('a URL per module, stable within the installation, that webTrigger.getUrl agrees with', async () => {
    const url = forge.webTriggerUrl('echo-trigger');
    expect(url).toMatch(/\/x1\/[A-Za-z0-9_-]{20,}$/);
    expect(forge.webTriggerUrl('echo-trigger')).toBe(url);
    expect(forge.webTriggerUrl('odd-trigger')).not.toBe(url);
    const reply = await forge.callWebTrigger(url, { method: 'POST', body: '{}' });
    expect(json(reply.body).own).toBe(url);
  });

  test('the handler gets the request in Forge’s shape and its answer reaches the caller', async () => {
    const url = forge.webTriggerUrl('echo-trigger');
    const reply = await forge.callWebTrigger(`${url}/more/path?apples=red&apples=green`, {
      method: 'post',
      headers: { 'Content-Type': 'text/plain', Authorization: 'Bearer x' },
      body: 'hello',
    });
    expect(reply.status).toBe(201);
    expect(reply.headers).toEqual({ 'content-type': 'application/json', 'x-echo': 'a, b' });
    const { request, installContext } = json(reply.body);
    expect(installContext).toBe('ari:cloud:jira::site/cloud-1');
    expect(request).toEqual({
      method: 'POST',
      headers: { 'content-type': ['text/plain'], authorization: ['Bearer x'] },
      body: 'hello',
      path: `${new URL(url).pathname}/more/path`,
      userPath: '/more/path',
      queryParameters: { apples: ['red', 'green'] },
    });
    expect(forge.invocations.at(-1)).toMatchObject({
      moduleKey: 'echo-trigger',
      moduleType: 'webtrigger',
      timeLimitMs: 55_000,
      outcome: 'success',
    });
  });

  test('an answer off the documented format, or a thrown error, is a bare 500', async () => {
    const url = forge.webTriggerUrl('odd-trigger');
    const off = await forge.callWebTrigger(url, { method: 'POST' });
    const thrown = await forge.callWebTrigger(`${url}?throw=1`, { method: 'POST' });
    for (const reply of [off, thrown]) {
      expect(reply.status).toBe(500);
      expect(reply.body).not.toContain('secret detail');
    }
  });

  test('an unknown id is a 404 that runs nothing', async () => {
    forge.webTriggerUrl('echo-trigger');
    const before = forge.invocations.length;
    const reply = await forge.callWebTrigger('https://local-forge.invalid/x1/not-an-id');
    expect(reply.status).toBe(404);
    expect(forge.invocations).toHaveLength(before);
  });

  test('served over HTTP on 127.0.0.1 for curl and scripts', async () => {
    const base = await forge.listenWebTriggers();
    const url = forge.webTriggerUrl('echo-trigger');
    expect(url.startsWith(`${base}/x1/`)).toBe(true);
    const res = await fetch(url, { method: 'PUT', body: 'over the wire' });
    expect(res.status).toBe(201);
    const { request } = (await res.json()) as { request: { method: string; body: string } };
    expect(request).toMatchObject({ method: 'PUT', body: 'over the wire' });
  });
});
