import { startFixture } from './fixture';
import type { LocalForge, RealtimeEvent } from '../../../local/forge-runtime';
import { publish, publishGlobal } from '@forge/realtime';

/** Forge Realtime as the unmodified @forge/realtime 1.0.1 reaches it on the local runtime. */
let forge: LocalForge;
beforeEach(async () => {
  ({ forge } = await startFixture());
});
afterEach(() => forge.stop());

const heardOn = (channel: string, global: boolean): RealtimeEvent[] => {
  const heard: RealtimeEvent[] = [];
  forge.realtime.subscribe(channel, global, (event) => heard.push(event));
  return heard;
};

describe('the local Forge Realtime service', () => {
  it('answers a global publish with an event id and hands its payload text to global subscribers of that channel', async () => {
    const global = heardOn('news', true);
    const scoped = heardOn('news', false);
    const other = heardOn('sport', true);
    const answer = await forge.run(() => publishGlobal('news', { area: 'integrations' }));
    expect(answer).toEqual({ eventId: expect.any(String), eventTimestamp: expect.any(String) });
    expect(global.map((e) => JSON.parse(e.payload))).toEqual([{ area: 'integrations' }]);
    expect(global[0]).toMatchObject({ channel: 'news', global: true, publishedBy: 'local-run' });
    expect(scoped).toEqual([]);
    expect(other).toEqual([]);
  });

  it('keeps a non-global publish apart from global subscribers', async () => {
    const global = heardOn('news', true);
    const scoped = heardOn('news', false);
    await forge.run(() => publish('news', 'plain text'));
    expect(global).toEqual([]);
    expect(scoped.map((e) => e.payload)).toEqual([JSON.stringify('plain text')]);
  });

  it('answers an outage with the status text as the error, delivering nothing', async () => {
    const heard = heardOn('news', true);
    forge.realtime.failNext(1);
    const answer = await forge.run(() => publishGlobal('news', { area: 'alerts' }));
    expect(answer).toEqual({
      eventId: null,
      eventTimestamp: null,
      errors: [{ message: 'Service Unavailable', status: 503 }],
    });
    expect(heard).toEqual([]);
  });

  it('refuses what goes over 50 operations a second per installation, as RATE_LIMIT_EXCEEDED', async () => {
    const answers = await forge.run(() =>
      Promise.all(Array.from({ length: 51 }, () => publishGlobal('news', { n: 1 }))),
    );
    expect(answers.filter((a) => a.errors === undefined)).toHaveLength(50);
    expect(answers.at(-1)).toMatchObject({
      errors: [{ message: 'RATE_LIMIT_EXCEEDED', status: 429 }],
    });
  });
});
