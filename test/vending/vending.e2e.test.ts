import type { LocalForge } from '../../local/forge-runtime';
import type { AtlassianAuth } from '../support/atlassian-auth';
import { data } from '../resolvers/support';
import { json, VendingWorld } from './support';

/** The token-vending web trigger end to end: manifest handler, local Forge, token endpoint double. */
describe('drawing access tokens from a kept grant', () => {
  let auth: AtlassianAuth;
  let forge: LocalForge;
  let world: VendingWorld;
  beforeAll(async () => {
    world = await VendingWorld.start();
    ({ forge, auth } = world);
  });
  afterAll(() => world.stop());

  it('hands fifty consumers drawing at once one token, from one refresh', async () => {
    const { id } = await world.grant();
    const { secret } = await world.key(id);
    const before = auth.stats().refreshes;
    const replies = await Promise.all(Array.from({ length: 50 }, () => world.draw(secret, id)));
    expect(replies.map((r) => r.status)).toEqual(Array(50).fill(200));
    const tokens = new Set(replies.map((r) => json(r).access_token));
    expect(tokens.size).toBe(1);
    expect(auth.stats().refreshes - before).toBe(1);
    const [token] = [...tokens];
    expect(await world.works(token!)).toBe(true);
    const body = json(replies[0]!);
    expect(body).toEqual({
      access_token: token,
      token_type: 'Bearer',
      expires_at: expect.any(String),
      integration: id,
    });
    expect(Date.parse(body.expires_at!) - Date.now()).toBeGreaterThan(5 * 60_000);
    expect(replies[0]!.headers['cache-control']).toBe('no-store');
  });

  it('refuses a revoked key from its next draw, with the answer an unknown key gets', async () => {
    const { id } = await world.grant();
    const made = await world.key(id);
    expect((await world.draw(made.secret, id)).status).toBe(200);
    await data(forge, 'revokeConsumerKey', { integrationId: id, id: made.key.id });
    const revoked = await world.draw(made.secret, id);
    const unknown = await world.draw(`thk_${'A'.repeat(43)}`, id);
    const missing = await world.draw(null, id);
    const garbled = await world.draw('not a key', id);
    for (const reply of [revoked, unknown, missing, garbled]) {
      expect(reply).toEqual({ ...unknown, status: 401 });
    }
  });

  it('refuses a key drawing another integration, the same whether that one exists or not', async () => {
    const a = await world.grant();
    const b = await world.grant();
    const { secret } = await world.key(a.id);
    const other = await world.draw(secret, b.id);
    const nowhere = await world.draw(secret, 'no-such-integration');
    expect(other.status).toBe(403);
    expect(nowhere).toEqual(other);
    expect(other.body).not.toContain(b.id);
  });

  it('keeps a rotated key working for the overlap only, and the new key works at once', async () => {
    const { id } = await world.grant();
    const old = await world.key(id);
    const rotated = await data(forge, 'rotateConsumerKey', {
      integrationId: id,
      id: old.key.id,
      overlapHours: 0,
    });
    expect((await world.draw(rotated.secret, id)).status).toBe(200);
    expect((await world.draw(old.secret, id)).status).toBe(401);
    const { keys } = await data(forge, 'listConsumerKeys', { integrationId: id });
    expect(keys.map((k) => [k.id, k.state])).toEqual([
      [old.key.id, 'expired'],
      [rotated.key.id, 'active'],
    ]);
  });

  it('answers 429 with Retry-After past the key’s hourly rate, 400 to a malformed body, 405 to GET', async () => {
    const { id } = await world.grant();
    const { secret } = await world.key(id, { ratePerHour: 2 });
    expect((await world.draw(secret, id)).status).toBe(200);
    expect((await world.draw(secret, id, '{"integration": 42}')).status).toBe(400);
    expect((await world.draw(secret, id)).status).toBe(200);
    const over = await world.draw(secret, id);
    expect(over.status).toBe(429);
    const wait = Number(over.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(3600);
    const url = forge.webTriggerUrl('token-vending');
    const get = await forge.callWebTrigger(url, {
      method: 'GET',
      headers: { Authorization: `Bearer ${secret}` },
    });
    expect(get.status).toBe(405);
  });

  it('counts draws per key, audits each draw and refusal by key name, never the key', async () => {
    const { id } = await world.grant();
    const made = await world.key(id, { name: 'Nightly export' });
    await world.draw(made.secret, id);
    await world.draw(made.secret, id);
    await world.draw(made.secret, 'elsewhere');
    const { keys, url } = await data(forge, 'listConsumerKeys', { integrationId: id });
    expect(url).toBe(forge.webTriggerUrl('token-vending'));
    expect(keys[0]).toMatchObject({ draws: 2, lastDrawAt: expect.any(String) });
    const { entries } = await data(forge, 'getAuditLog', {});
    const mine = entries.filter((e) => e.integrationId === id && e.action.startsWith('vend'));
    expect(mine.map((e) => e.action)).toEqual(['vend-refused', 'vend-token', 'vend-token']);
    expect(mine.every((e) => e.detail.includes('"Nightly export"'))).toBe(true);
    expect(JSON.stringify(entries)).not.toContain(made.secret);
    expect(JSON.stringify(forge.kvs.dump())).not.toContain(made.secret);
  });

  it('counts every one of twenty draws of one key made at the same instant', async () => {
    const { id } = await world.grant();
    const made = await world.key(id);
    // The first draw refreshes; the twenty find the token fresh and reach the count together.
    expect((await world.draw(made.secret, id)).status).toBe(200);
    const replies = await Promise.all(
      Array.from({ length: 20 }, () => world.draw(made.secret, id)),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(20).fill(200));
    await data(forge, 'revokeConsumerKey', { integrationId: id, id: made.key.id });
    const { keys } = await data(forge, 'listConsumerKeys', { integrationId: id });
    expect(keys[0]).toMatchObject({ draws: 21, state: 'revoked' });
  });

  it('never shows a refresh token or the client secret in any answer, log or stored key', async () => {
    const { id, refreshToken } = await world.grant();
    const { secret } = await world.key(id);
    await world.draw(secret, id);
    const rotated = (forge.kvs.getSecret(`grant:${id}`) as { refreshToken: string }).refreshToken;
    expect(rotated).not.toBe(refreshToken);
    const { entries } = await data(forge, 'getAuditLog', {});
    const seen = JSON.stringify([world.replies, entries]);
    for (const hidden of [refreshToken, rotated, auth.client.secret]) {
      expect(seen).not.toContain(hidden);
    }
  });
});
