// Shared set-up: the LocalForge runtime must be imported before anything importing @forge/*.
import { join } from 'node:path';
import { LocalForge, type LocalForgeOptions, ManualClock } from '../../../local/forge-runtime';
import * as app from '../fixtures/basic/src';

export const FIXTURE_DIR = join(__dirname, '../fixtures/basic');
export { app };

/** Starts the fixture app on a manual clock; the caller stops it. */
export async function startFixture(
  options: Partial<LocalForgeOptions> = {},
): Promise<{ forge: LocalForge; clock: ManualClock }> {
  const clock = new ManualClock();
  app.deliveries.length = 0;
  app.concurrency.now = 0;
  app.concurrency.max = 0;
  const forge = await LocalForge.start({
    appDir: FIXTURE_DIR,
    loadHandlers: () => app,
    clock,
    cloudId: 'cloud-1',
    ...options,
  });
  return { forge, clock };
}
