import { AsyncLocalStorage } from 'node:async_hooks';
import { buildRuntime } from './runtime-object';

/**
 * The three globals the Forge SDKs use (FORGE-PLATFORM.md 1), installed once per global object and
 * shared by every LocalForge. Each call is routed at call time: to the invocation found in
 * AsyncLocalStorage, else to the running LocalForge. Routing late is what lets SDK modules that
 * captured values at load (@forge/kvs keeps runtime.proxy/kvs/tracing, @forge/api keeps
 * globalThis.fetch) keep working across invocations, concurrent ones included, and across
 * successive LocalForge instances in one test file.
 */

/** Per-invocation bookkeeping, mutated by the services the invocation calls. */
export interface InvocationState {
  invocationId: string;
  functionKey: string;
  moduleKey: string;
  moduleType: string;
  accountId?: string;
  /** The invocation whose pushes started this chain: the cyclic-invocation limit counts per root. */
  rootInvocationId: string;
  outboundRequests: number;
  kvsRequests: number;
  /** Set when the time limit passed: the platform would have killed the process by now. */
  timedOut: boolean;
}

export type ForgeDescriptor = Record<string, unknown> & { type?: string };
export type FetchInput = string | URL | Request;

export interface PlatformHost {
  readonly baseRuntime: Record<string, unknown>;
  forgeFetch(
    scope: Scope | undefined,
    descriptor: ForgeDescriptor,
    path: string,
    init: RequestInit | undefined,
  ): Promise<Response>;
  externalFetch(scope: Scope, input: FetchInput, init: RequestInit | undefined): Promise<Response>;
}

export interface Scope {
  host: PlatformHost;
  runtime: Record<string, unknown>;
  state: InvocationState;
}

interface PlatformState {
  als: AsyncLocalStorage<Scope>;
  active?: PlatformHost;
  /** What globalThis.fetch was before the shim: used outside invocations and as default egress. */
  nativeFetch: typeof fetch;
  idleRuntime: Record<string, unknown>;
}

// A registry-independent key: a second copy of this module (jest.resetModules) shares the state.
const STATE_KEY = Symbol.for('token-health.local-forge.platform');
type GlobalBag = Record<string | symbol, unknown>;
const bag = globalThis as unknown as GlobalBag;

const IDLE_IDENTITY = {
  appId: 'idle',
  appVersion: '0.0.0',
  environmentId: 'idle',
  installationId: 'idle',
  cloudId: 'idle',
  appDir: process.cwd(),
  scopes: [],
  external: {},
};

export function platform(): PlatformState {
  const existing = bag[STATE_KEY] as PlatformState | undefined;
  if (existing) return existing;
  const created: PlatformState = {
    als: new AsyncLocalStorage<Scope>(),
    nativeFetch: globalThis.fetch,
    idleRuntime: buildRuntime(IDLE_IDENTITY),
  };
  bag[STATE_KEY] = created;
  install(created);
  return created;
}

function install(state: PlatformState): void {
  bag.__forge_fetch__ = (descriptor: ForgeDescriptor, path: string, init?: RequestInit) => {
    const scope = state.als.getStore();
    const host = scope?.host ?? state.active;
    if (!host) return Promise.reject(new Error('LocalForge is not running: start() it first'));
    return host.forgeFetch(scope, descriptor, path, init);
  };
  // A runtime is always present so @forge/kvs picks its runtime branch even if it was imported
  // before LocalForge.start(); which runtime is decided per read.
  Object.defineProperty(globalThis, '__forge_runtime__', {
    configurable: true,
    get: () => state.als.getStore()?.runtime ?? state.active?.baseRuntime ?? state.idleRuntime,
  });
  // Outside an invocation (test code, servers, module load) fetch behaves as Node's own.
  const guardedFetch = (input: FetchInput, init?: RequestInit): Promise<Response> => {
    const scope = state.als.getStore();
    if (!scope) return state.nativeFetch(input, init);
    return scope.host.externalFetch(scope, input, init);
  };
  globalThis.fetch = guardedFetch as typeof fetch;
}

export function currentScope(): Scope | undefined {
  return platform().als.getStore();
}

export function runInScope<T>(scope: Scope, fn: () => T): T {
  return platform().als.run(scope, fn);
}

export function activate(host: PlatformHost): void {
  const state = platform();
  if (state.active && state.active !== host) {
    throw new Error('another LocalForge is running in this process: stop() it first');
  }
  state.active = host;
}

export function deactivate(host: PlatformHost): void {
  const state = platform();
  if (state.active === host) state.active = undefined;
}

// Installing on import means whatever imports LocalForge before the app gets the guarded fetch
// captured by @forge/api, whatever the order of the later imports.
platform();
