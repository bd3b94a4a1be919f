// First: the local platform must be installed before the app's code loads @forge/api.
import { AlertWorld, SIGNING_KEY, type Received } from '../support/alert-world';
import { record, seed } from '../support/app';
import { fakeDateOnly } from '../support/clock';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Consumer keys nearing their end warn through the alert channels, through the real sweep and
 * alert handlers on the local Forge runtime: the app watches its own credentials too.
 */
describe('consumer keys nearing their expiry', () => {
  let world: AlertWorld;
  let start: number;
  const at = (ms: number) => jest.setSystemTime(start + ms);
  const warnings = (): Received[] =>
    world.hook.filter((m) => String(m.body.idempotencyKey).startsWith('consumer-key-'));

  beforeEach(async () => {
    start = Date.now();
    fakeDateOnly(start);
    world = await AlertWorld.start();
    await world.call('saveChannel', {
      config: {
        type: 'webhook',
        name: 'Receiver',
        url: world.hookUrl,
        enabled: true,
        role: 'primary',
        digest: false,
      },
      secret: SIGNING_KEY,
    });
    // A healthy token far from its end: the integration itself says nothing.
    world.tokens.set('ghp_fine', { expiresAt: start + 400 * DAY });
  });
  afterEach(async () => {
    await world.stop();
    jest.useRealTimers();
  });

  const key = (integrationId: string, name: string, days: number) =>
    world.call('createConsumerKey', {
      integrationId,
      name,
      expiresAt: new Date(start + days * DAY).toISOString(),
    });

  it('warns once per threshold of the integration, naming key and integration, never the key', async () => {
    const config = { kind: 'github-token' as const, name: 'CI bot', baseUrl: world.githubUrl };
    const rec = record('gh', { ...config, warnDays: [10, 3] }, { interval: '1h' });
    await seed(world.forge, [{ record: rec, secret: 'ghp_fine' }]);
    const made = await key('gh', 'Nightly export', 12);

    await world.sweep();
    expect(warnings()).toEqual([]);

    at(2.5 * DAY);
    world.forge.queues.duplicateNext(5, 'token-health-alerts');
    await world.sweep();
    await world.sweep();
    at(2.5 * DAY + HOUR);
    await world.sweep();
    expect(warnings().map((m) => [m.body.event, m.body.severity, m.verified])).toEqual([
      ['expiring', 'warning', true],
    ]);
    const [first] = warnings();
    expect(first!.body.title).toBe(
      `Consumer key "Nightly export" of "CI bot" expires in 9 days (${new Date(start + 12 * DAY).toISOString().slice(0, 10)})`,
    );
    expect(first!.raw).not.toContain(made.secret);

    at(9.5 * DAY);
    await world.sweep();
    expect(warnings().map((m) => m.body.daysLeft)).toEqual([9, 2]);

    at(12.5 * DAY);
    await world.sweep();
    at(14 * DAY);
    await world.sweep();
    expect(warnings()).toHaveLength(2);
  });

  it('uses the app’s warning days without the integration’s, and sends nothing twice when a watch is repeated', async () => {
    await world.integration('gh', 'ghp_fine');
    const made = await key('gh', 'Deploy', 20);
    at(7 * DAY);
    await world.sweep();
    expect(warnings().map((m) => m.body.daysLeft)).toEqual([13]);
    // The watch queued the warning but lost what it remembers: the next hour decides it again.
    world.forge.kvs.set(`key-warned:${made.key.id}`, { expiresAt: made.key.expiresAt, fired: [] });
    at(7 * DAY + HOUR);
    await world.sweep();
    expect(warnings()).toHaveLength(1);
  });

  it('stops warning about a revoked key and the old key of a rotation', async () => {
    await world.integration('gh', 'ghp_fine');
    const revoked = await key('gh', 'Revoked', 5);
    const rotated = await key('gh', 'Rotated', 200);
    await world.call('revokeConsumerKey', { integrationId: 'gh', id: revoked.key.id });
    await world.call('rotateConsumerKey', {
      integrationId: 'gh',
      id: rotated.key.id,
      overlapHours: 48,
    });
    await world.sweep();
    expect(warnings()).toEqual([]);
  });
});
