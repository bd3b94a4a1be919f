/**
 * What the bridge script (bridge.ts, loaded first) shares with the page script (main.tsx): the
 * latest ForgeDoc and who to tell when it changes. The two are separate bundles, so they meet
 * on a global rather than through an import.
 */
import type { ForgeNode } from './render/node';

/** What the server tells the page about who is looking at it, and where. */
export interface PageConfig {
  accountId: string;
  siteUrl: string;
  moduleKey: string;
  /**
   * The server's clock when it served the page, and how fast it runs: the page's `Date` follows
   * it, so "just now" and "in 5 days" agree with the app's compressed time. Absent: real time.
   */
  clock?: { nowMs: number; speed: number };
}

export interface LocalHost {
  config: PageConfig;
  doc: ForgeNode | null;
  listeners: Set<(doc: ForgeNode) => void>;
}

const HOST_KEY = '__localForgeHost';

export function installHost(host: LocalHost): void {
  Object.assign(globalThis, { [HOST_KEY]: host });
}

export function localHost(): LocalHost {
  const host = (globalThis as Record<string, unknown>)[HOST_KEY];
  if (!host) throw new Error('the bridge script did not load before the page script');
  return host as LocalHost;
}
