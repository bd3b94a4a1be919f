import type { LocalForge } from '../../local/forge-runtime';
import { call, data } from '../resolvers/support';
import { inDays, VendingWorld } from './support';

/** Making and listing consumer keys through the admin resolvers. */
describe('consumer keys on the admin page', () => {
  let forge: LocalForge;
  let world: VendingWorld;
  beforeAll(async () => {
    world = await VendingWorld.start();
    ({ forge } = world);
  });
  afterAll(() => world.stop());

  it.each([
    ['more than a year ahead', inDays(366), 'Expires: a consumer key lives at most 365 days'],
    ['in the past', inDays(-1), 'Expires: must be in the future'],
    ['not a date', 'soon', 'Expires: must be a date, e.g. 2027-06-30'],
  ])('refuses an expiry %s in plain words and stores nothing', async (_what, expiresAt, words) => {
    const { id } = await world.grant();
    const before = forge.kvs.keys().length;
    const answer = await call(forge, 'createConsumerKey', {
      integrationId: id,
      name: 'CI',
      expiresAt,
    });
    expect(answer).toEqual({
      ok: false,
      error: { code: 'BAD_INPUT', message: words, fields: { expiresAt: words } },
    });
    expect(forge.kvs.keys().length).toBe(before);
  });

  it('shows a key once: the list never holds it, only its keyed hash is stored', async () => {
    const { id } = await world.grant();
    const made = await world.key(id, { note: 'deploys' });
    expect(made.secret).toMatch(/^thk_[A-Za-z0-9_-]{43}$/);
    const listed = await data(forge, 'listConsumerKeys', { integrationId: id });
    expect(listed.keys).toEqual([made.key]);
    expect(JSON.stringify(listed)).not.toContain(made.secret);
    expect(JSON.stringify(forge.kvs.dump())).not.toContain(made.secret);
  });

  it.each([
    ['more than 30 days', 721, 'Overlap: the old key keeps working at most 30 days (720 hours)'],
    ['negative', -1, 'Overlap: enter a whole number of hours, from 0 to 720'],
    ['not whole', 1.5, 'Overlap: enter a whole number of hours, from 0 to 720'],
    ['not a number', '24', 'Overlap: enter a whole number of hours, from 0 to 720'],
  ])(
    'refuses a rotation overlap %s in plain words and changes nothing',
    async (_w, overlap, words) => {
      const { id } = await world.grant();
      const made = await world.key(id);
      const before = JSON.stringify(forge.kvs.dump());
      const answer = await call(forge, 'rotateConsumerKey', {
        integrationId: id,
        id: made.key.id,
        overlapHours: overlap,
      });
      expect(answer).toMatchObject({
        ok: false,
        error: { code: 'BAD_INPUT', fields: { overlapHours: words } },
      });
      expect(JSON.stringify(forge.kvs.dump())).toBe(before);
    },
  );

  it('keeps the old key working for the overlap the admin chose', async () => {
    const { id } = await world.grant();
    const old = await world.key(id);
    const before = Date.now();
    const rotated = await data(forge, 'rotateConsumerKey', {
      integrationId: id,
      id: old.key.id,
      overlapHours: 48,
    });
    const { keys } = await data(forge, 'listConsumerKeys', { integrationId: id });
    const kept = keys.find((k) => k.id === old.key.id)!;
    const end = Date.parse(kept.expiresAt) - before;
    expect(end).toBeGreaterThanOrEqual(48 * 3_600_000);
    expect(end).toBeLessThan(48 * 3_600_000 + 60_000);
    expect((await world.draw(old.secret, id)).status).toBe(200);
    expect((await world.draw(rotated.secret, id)).status).toBe(200);
  });

  it('takes an integration’s keys with it when it is deleted', async () => {
    const { id } = await world.grant();
    const { secret } = await world.key(id);
    await data(forge, 'deleteIntegration', { id });
    expect(forge.kvs.keys().filter((k) => k.includes(id))).toEqual([]);
    expect((await world.draw(secret, id)).status).toBe(401);
  });
});
