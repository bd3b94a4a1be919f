// platform first: it installs the guarded fetch that @forge/api must capture as it loads.
import { type InvocationState, type PlatformHost, runInScope } from './platform';
import { fetch as forgeApiFetch } from '@forge/api';

const PROBE_URL = 'local-forge-self-check:captured';

/**
 * @forge/api keeps the globalThis.fetch it saw when first required (FORGE-PLATFORM.md 1.3). If it
 * was required before this runtime's guarded fetch was installed, api.fetch would bypass egress
 * checks and request budgets silently; this probe makes that an error at start() instead.
 * (Importing @forge/api here is itself harmless: platform.ts has installed the guard by now.)
 */
export async function assertFetchCaptured(): Promise<void> {
  let reached = false;
  const probe: PlatformHost = {
    baseRuntime: {},
    forgeFetch: () => Promise.reject(new Error('self-check')),
    externalFetch: async () => {
      reached = true;
      return new Response(null, { status: 204 });
    },
  };
  const state: InvocationState = {
    invocationId: 'self-check',
    functionKey: 'self-check',
    moduleKey: 'self-check',
    moduleType: 'local:self-check',
    rootInvocationId: 'self-check',
    outboundRequests: 0,
    kvsRequests: 0,
    timedOut: false,
  };
  try {
    await runInScope({ host: probe, runtime: {}, state }, () => forgeApiFetch(PROBE_URL));
  } catch {
    // Node's own fetch rejects the unknown scheme: handled below.
  }
  if (!reached) {
    throw new Error(
      '@forge/api was loaded before the LocalForge runtime, so it holds an unguarded fetch. ' +
        'Import local/forge-runtime before anything that imports @forge/api or @forge/events.',
    );
  }
}
