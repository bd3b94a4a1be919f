/**
 * The product host's side of the bridge, for a plain browser page. This is its own script,
 * loaded before the page script: @forge/bridge reads `globalThis.__bridge` and the reconciler
 * `self.__bridge` once, as they load (FORGE-PLATFORM.md §6.1, §6.5).
 */
import { installSimClock } from '../../dev/sim-clock';
import { readConfig } from './config';
import { showLocalFlag } from './flags';
import { installHost, type LocalHost, type PageConfig } from './host';
import { invokeResolver } from './invoke';
import { subscribeRealtime } from './realtime';
import { snapshot, type ForgeNode } from './render/node';

/** The user's zone: `?timezone=Pacific/Auckland` in the page's address, else the browser's. */
function timezone(): string {
  const asked = new URLSearchParams(location.search).get('timezone');
  return asked ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function context(config: PageConfig) {
  return {
    accountId: config.accountId,
    cloudId: 'local-cloud',
    extension: { type: 'jira:adminPage' },
    environmentId: 'local',
    environmentType: 'DEVELOPMENT',
    localId: `local-${config.moduleKey}`,
    locale: 'en-US',
    moduleKey: config.moduleKey,
    siteUrl: config.siteUrl,
    timezone: timezone(),
  };
}

function reconcile(host: LocalHost, data: unknown): void {
  const doc = snapshot((data as { forgeDoc: ForgeNode }).forgeDoc);
  host.doc = doc;
  host.listeners.forEach((listener) => listener(doc));
}

function bridgeFor(host: LocalHost) {
  return async (cmd: string, data?: unknown): Promise<unknown> => {
    switch (cmd) {
      case 'reconcile':
        return reconcile(host, data);
      case 'invoke':
        return invokeResolver(data);
      case 'getContext':
        return context(host.config);
      case 'on':
        return { unsubscribe: () => undefined };
      case 'showFlag':
        return showLocalFlag(data);
      case 'subscribeRealtimeChannel':
        return subscribeRealtime(data);
      case 'onError':
        console.error('the app failed to render', (data as { error?: unknown })?.error);
        return undefined;
      default:
        // Navigation, theming events…: nothing on this page acts on them.
        return undefined;
    }
  };
}

const host: LocalHost = { config: readConfig(), doc: null, listeners: new Set() };
if (host.config.clock) installSimClock(host.config.clock.speed, host.config.clock.nowMs);
installHost(host);
const bridge = { callBridge: bridgeFor(host) };
Object.assign(globalThis, { __bridge: bridge });
Object.assign(self, { __bridge: bridge });
