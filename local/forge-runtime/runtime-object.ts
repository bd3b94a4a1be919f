import { randomUUID } from 'node:crypto';

/** Who the app is: fixed for the life of one LocalForge. */
export interface AppIdentity {
  appId: string;
  appVersion: string;
  environmentId: string;
  installationId: string;
  cloudId: string;
  appDir: string;
  scopes: string[];
  external: Record<string, unknown>;
}

/** What one invocation adds to the runtime. */
export interface InvocationInfo {
  invocationId: string;
  functionKey: string;
  moduleKey: string;
  moduleType: string;
  accountId?: string;
  /** performance.now() value at which the time limit runs out. */
  deadline: number;
}

// The SDKs only start and stop timers and bump counters; nothing is read back.
const noopTimer = { measure: () => ({ stop: () => undefined }) };
const noopCounter = { incr() {}, incrBy() {}, decr() {}, decrBy() {} };
const metrics = {
  timing: () => noopTimer,
  counter: () => noopCounter,
  gauge: () => ({ set() {} }),
};

export const contextAri = (cloudId: string): string => `ari:cloud:jira::site/${cloudId}`;

/**
 * A `__forge_runtime__` object (FORGE-PLATFORM.md 1.1). kvs.url/kvs.host are set so @forge/kvs
 * takes its runtime branch; the token and hosts are placeholders because requests are routed in
 * process, never by these values.
 */
export function buildRuntime(app: AppIdentity, inv?: InvocationInfo): Record<string, unknown> {
  return {
    proxy: {
      token: 'local-forge-proxy-token',
      url: 'http://forge-proxy.local',
      host: 'forge-proxy.local',
    },
    kvs: { url: 'http://kvs.local', host: 'kvs.local' },
    contextAri: contextAri(app.cloudId),
    container: { region: 'local', runtime: 'nodejs22.x', handler: 'local', appCodeDir: app.appDir },
    appContext: {
      appId: app.appId,
      appVersion: app.appVersion,
      environmentId: app.environmentId,
      environmentType: 'DEVELOPMENT',
      invocationId: inv?.invocationId ?? 'module-load',
      installationId: app.installationId,
      functionKey: inv?.functionKey ?? '',
      moduleType: inv?.moduleType ?? '',
      moduleKey: inv?.moduleKey ?? '',
      installation: {
        ari: `ari:cloud:ecosystem::installation/${app.installationId}`,
        contexts: [contextAri(app.cloudId)],
      },
      permissions: { scopes: app.scopes, external: app.external },
    },
    aaid: inv?.accountId,
    lambdaContext: {
      awsRequestId: inv?.invocationId ?? randomUUID(),
      getRemainingTimeInMillis: () =>
        inv ? Math.max(0, Math.round(inv.deadline - performance.now())) : 0,
    },
    tracing: { traceId: randomUUID().replace(/-/g, ''), spanId: randomUUID().slice(0, 16) },
    realtime: {},
    metrics,
    featureFlags: () => false,
  };
}
