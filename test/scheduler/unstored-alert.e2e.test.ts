// First: the local platform must be installed before the app's code loads @forge/api.
import { AlertWorld, SIGNING_KEY } from '../support/alert-world';
import { statusOf } from '../support/app';
import { fakeDateOnly } from '../support/clock';
import { REQUEUE_DELAY_SECONDS } from '../../src/scheduler/limits';

const MINUTE = 60_000;
/** As many failures in a row as a check's store rides out: the store fails for good. */
const STORE_OUTAGE = 4;

/**
 * A failing check whose store fails: the check consumer hands it back and it is probed again,
 * through the real sweep, check and alert handlers on the local Forge runtime. The incident it
 * opens must be the same on every retry, so the webhook receiver hears of it once.
 */
describe('a failing check that cannot be stored at first', () => {
  let world: AlertWorld;
  let start: number;

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
    world.tokens.set('ghp_revoked', { expiresAt: start + 40 * 24 * 60 * MINUTE, revoked: true });
    await world.integration('gh', 'ghp_revoked');
  });
  afterEach(async () => {
    await world.stop();
    jest.useRealTimers();
  });

  const at = (ms: number) => jest.setSystemTime(start + ms);
  const failStores = () => world.forge.kvs.failNext(STORE_OUTAGE, { status: 500, op: 'batch/set' });

  it('alerts once when the check is re-queued and stored on its second try', async () => {
    await world.forge.runScheduledTrigger('sweep-trigger');
    failStores();
    await world.forge.drainQueues();
    expect(await statusOf(world.forge, 'gh')).toBeUndefined();

    at((REQUEUE_DELAY_SECONDS + 1) * 1000);
    await world.forge.drainQueues();

    expect((await statusOf(world.forge, 'gh'))?.last?.verdict).toBe('rejected');
    expect(world.hook.map((m) => [m.body.event, m.verified])).toEqual([['failure', true]]);
  });

  it('alerts once when the store keeps failing until a later sweep', async () => {
    await world.forge.runScheduledTrigger('sweep-trigger');
    failStores();
    await world.forge.drainQueues();
    at((REQUEUE_DELAY_SECONDS + 1) * 1000);
    failStores();
    await world.forge.drainQueues();

    at(10 * MINUTE);
    await world.sweep();

    expect((await statusOf(world.forge, 'gh'))?.last?.verdict).toBe('rejected');
    expect(world.hook.map((m) => m.body.event)).toEqual(['failure']);
    const incident = world.forge.kvs.get('alert:gh') as { incident: { id: string } };
    expect(world.hook[0]?.body.incident).toMatchObject({ id: incident.incident.id });
  });
});
