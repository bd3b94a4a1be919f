import {
  ADMIN,
  cellTexts,
  invocations,
  realtimeHost,
  render,
  rowNamed,
  settle,
  type RealtimeCall,
} from '../support/ui';
import React from 'react';
import { act } from 'react';
import type { LocalForge } from '../../local/forge-runtime';
import { App } from '../../src/frontend/App';
import { startScenario, TOKENS, type Scenario } from './scenario';

/**
 * The page hearing stored changes over Forge Realtime: the host's subscription is the local
 * runtime's realtime service, so events come from the real backend's publishes. Page timers run
 * on jest's fake timers; sockets and the runtime stay real.
 */
function fakeTimers(): void {
  jest.useFakeTimers({
    doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'queueMicrotask', 'hrtime'],
    now: Date.now(),
  });
}

/** Lets `ms` of page time pass in 1 s steps, every poll and refresh answered on the way. */
async function pass(ms: number): Promise<void> {
  for (let left = ms; left > 0; left -= 1_000) {
    await act(async () => {
      await jest.advanceTimersByTimeAsync(Math.min(left, 1_000));
    });
    await settle();
  }
}

const checkNow = (forge: LocalForge, id: string) =>
  forge.invokeResolver(
    'resolver',
    { call: { functionKey: 'checkNow', payload: { id } } },
    {
      accountId: ADMIN,
    },
  );
const polls = () => invocations().filter((i) => i.functionKey === 'getChanges').length;
const verdictOf = (name: string) => cellTexts(rowNamed(name))[3];

let scenario: Scenario;
let subscriptions: RealtimeCall[];
beforeEach(async () => {
  scenario = await startScenario();
  subscriptions = [];
  realtimeHost.subscribe = async (call) => {
    subscriptions.push(call);
    const stop = scenario.forge.realtime.subscribe(call.channelName, call.isGlobal === true, (e) =>
      call.onEvent(e.payload),
    );
    return { unsubscribe: async () => stop() };
  };
  fakeTimers();
});
afterEach(async () => {
  delete realtimeHost.subscribe;
  await scenario.stop();
  jest.useRealTimers();
});

describe('the live admin page over Forge Realtime', () => {
  it('shows a verdict within 5 s of the check that stored it, though its poll is a minute', async () => {
    await render(<App />);
    await settle();
    expect(verdictOf('CI bot')).toBe('healthy');
    expect(subscriptions.map((s) => [s.channelName, s.isGlobal])).toEqual([
      ['token-health-changes', true],
    ]);
    scenario.github.accounts.delete(TOKENS.ci);
    await act(async () => {
      await checkNow(scenario.forge, 'ci');
    });
    await pass(5_000);
    expect(verdictOf('CI bot')).toBe('rejected');
  });

  it('polls only every 5 minutes while it hears the channel', async () => {
    await render(<App />);
    await settle();
    const start = polls();
    await pass(10 * 60_000);
    expect(polls() - start).toBe(2);
  });

  it('polls at its usual interval again once the subscription reports an error', async () => {
    await render(<App />);
    await settle();
    await act(async () => {
      subscriptions[0]?.onEvent('', new Error('connection lost'));
    });
    const start = polls();
    await pass(5 * 60_000);
    expect(polls() - start).toBeGreaterThanOrEqual(3);
  });
});
