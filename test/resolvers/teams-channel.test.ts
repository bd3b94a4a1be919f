// First: the local platform must be installed before the app's code loads @forge/api.
import { AlertWorld, TEAMS_HOOK } from '../support/alert-world';
import type { ChannelInput } from '../../src/resolvers/contract';

const TEAMS = { type: 'teams', name: 'Ops Teams', enabled: true, role: 'primary', digest: false };
/** A trigger URL as Power Automate issued them before it moved them to the Power Platform host. */
const LEGACY =
  'https://prod-07.westus.logic.azure.com:443/workflows/a1b2/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=oldTeamsSig0123456789';

describe('the Teams channel through the resolvers', () => {
  let world: AlertWorld;

  beforeEach(async () => {
    world = await AlertWorld.start();
  });
  afterEach(() => world.stop());

  it('refuses an old *.logic.azure.com workflow URL at save with the reason, storing nothing', async () => {
    const before = world.forge.kvs.dump();
    const answer = await world.answer('saveChannel', {
      config: TEAMS,
      secret: LEGACY,
    } as ChannelInput);
    if (answer.ok) throw new Error('saved what it should have refused');
    expect(answer.error.code).toBe('BAD_INPUT');
    expect(answer.error.fields).toEqual({
      secret: expect.stringMatching(
        /^This is an old Workflows URL on \*\.logic\.azure\.com: .* stopped working on 30 November 2025\. .*copy its webhook link again/,
      ),
    });
    expect(JSON.stringify(answer)).not.toContain('oldTeamsSig');
    expect(world.forge.kvs.dump()).toEqual(before);
    expect(world.teams).toHaveLength(0);
  });

  it('sends a test card to a Power Platform workflow and says its 202 does not prove it was posted', async () => {
    const { config } = await world.call('saveChannel', {
      config: TEAMS,
      secret: TEAMS_HOOK,
    } as ChannelInput);
    const outcome = await world.call('sendTestAlert', { id: config.id });
    expect(outcome).toEqual({
      ok: true,
      detail: expect.stringMatching(
        /^Teams accepted it \(202\): the workflow started, which does not prove the card was posted; look for it in the channel/,
      ),
    });
    expect(world.teams).toHaveLength(1);
    expect(JSON.stringify(world.teams[0]?.body)).toContain(
      'Test alert from Token Health to Ops Teams',
    );
  });
});
