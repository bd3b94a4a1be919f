// The bridge reads its global when it loads: the stand-in host first.
import '../support/ui';
import { pauseAfter } from '../../src/frontend/hooks/useLive';

describe('the pause after a reload', () => {
  it('keeps a page whose data changes at every poll under 2 KVS requests per interval, whatever a reload costs', () => {
    for (let cost = 1; cost <= 200; cost += 1) {
      expect((1 + cost) / pauseAfter(cost)).toBeLessThan(2);
    }
  });

  it('waits 3 intervals after the overview of up to 100 integrations (3 requests)', () => {
    expect(pauseAfter(3)).toBe(3);
  });
});
