// First: startLocalApp installs the local Forge platform before the app's code loads.
import { startLocalApp, LOCAL_ADMIN, type LocalApp } from '../../local/dev/app';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { Envelope } from '../../src/resolvers/contract';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The whole local app (what `npm start` runs) on fresh state, and Debian's Chromium. */
export interface Rig {
  app: LocalApp;
  browser: Browser;
  /** A resolver call as the local admin, its answer unwrapped. */
  call<T>(functionKey: string, payload: unknown): Promise<T>;
  stop(): Promise<void>;
}

/** Starts the app on a state of its own (`name` labels its folder) and Chromium beside it. */
export async function startRig(name: string): Promise<Rig> {
  // The handlers log a line per invocation, as on Forge; the sweep loop makes that a flood here.
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  const stateDir = mkdtempSync(path.join(os.tmpdir(), `token-health-${name}-`));
  const app = await startLocalApp({
    port: 0,
    demoPortBase: 0,
    reset: true,
    statePath: path.join(stateDir, 'state.json'),
    log: () => undefined,
  });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  return {
    app,
    browser,
    async call<T>(functionKey: string, payload: unknown): Promise<T> {
      const answer = (await app.forge.invokeResolver(
        'resolver',
        { call: { functionKey, payload } },
        { accountId: LOCAL_ADMIN.accountId },
      )) as Envelope<T>;
      if (!answer.ok) throw new Error(answer.error.message);
      return answer.data;
    },
    async stop() {
      await browser.close();
      await app.stop();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
