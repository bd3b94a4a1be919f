// First: installs the platform globals before anything below can load @forge/api.
import './platform';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { actionPayload, type JiraActionContext } from './actions';
import { type Clock, systemClock } from './clock';
import { EgressPolicy, fetchLimitExceeded } from './egress';
import { bodyText, toResponse } from './http';
import { KvsInspector, QueueInspector } from './inspectors';
import { type HandlerLoader, type InvocationRecord, Invoker } from './invoker';
import { type KvsOptions, KvsService } from './kvs/service';
import { type AppManifest, readManifest } from './manifest';
import { externalFetch, viaEgressProxy } from './outbound';
import {
  consumerPayload,
  failedOutcome,
  functionContext,
  returnedOutcome,
  triggerPayload,
  wire,
} from './payloads';
import {
  activate,
  deactivate,
  type FetchInput,
  type ForgeDescriptor,
  type InvocationState,
  type PlatformHost,
  platform,
  type Scope,
} from './platform';
import { type ProductDouble, productRequest, proxyError } from './product';
import type { DeliveryOutcome, QueuedEvent } from './queue/events';
import { drain, type DrainOptions, type DrainReport } from './queue/drain';
import { type QueueOptions, QueueService } from './queue/service';
import { RealtimeService } from './realtime';
import { type AppIdentity, buildRuntime } from './runtime-object';
import { assertFetchCaptured } from './self-check';
import { type ServedTriggers, serveWebTriggers } from './webtrigger-server';
import {
  allowedMethod,
  platformError,
  toTriggerReply,
  toTriggerRequest,
  type WebTriggerCall,
  type WebTriggerReply,
  WebTriggerUrls,
} from './webtrigger';

export interface LocalForgeOptions {
  /** Folder holding manifest.yml. */
  appDir: string;
  /**
   * Returns the module a handler file ('index' for 'index.run') exports. Called at start(), after
   * the globals are installed. Default: require(appDir/src/<file>) with Node's require, so under
   * jest pass `() => require(…)` to go through jest's transform.
   */
  loadHandlers?: HandlerLoader;
  clock?: Clock;
  /** The Jira/Confluence double answering requestJira & co. */
  product?: ProductDouble;
  /** What an allowed external fetch really calls (default: Node's fetch). */
  outboundFetch?: typeof fetch;
  /**
   * An egress proxy's base URL: allowed external requests go to `<it>/egress` with the target in
   * `forge-proxy-target`, as on Forge, instead of straight to their host.
   */
  egressProxy?: string;
  /** Egress entries added to the manifest's, e.g. `http://127.0.0.1:${port}` for test servers. */
  extraEgress?: string[];
  cloudId?: string;
  /** Multiplies every invocation time limit: 0.001 turns 25 s into 25 ms for tests. */
  timeScale?: number;
  /** Network requests per invocation before FETCH_LIMIT_EXCEEDED (default 100). */
  fetchLimit?: number;
  kvs?: KvsOptions;
  queue?: QueueOptions;
}

export interface ResolverInvocation {
  call: { functionKey: string; payload?: unknown };
  context?: Record<string, unknown>;
}

const RESOLVER_LIMIT_MS = 25_000;
const DEFAULT_LIMIT_MS = 55_000;
/** "Web triggers: 55 s" (https://developer.atlassian.com/platform/forge/limits-invocation/). */
const WEB_TRIGGER_LIMIT_MS = 55_000;

/** The Forge platform, locally: see README.md beside this file. */
export class LocalForge implements PlatformHost {
  readonly manifest: AppManifest;
  readonly clock: Clock;
  readonly kvs: KvsInspector;
  readonly queues: QueueInspector;
  /** Forge Realtime: what functions published, and the page's subscriptions (realtime.ts). */
  readonly realtime: RealtimeService;
  readonly baseRuntime: Record<string, unknown>;
  private readonly app: AppIdentity;
  private readonly kvsService: KvsService;
  private readonly queueService: QueueService;
  private readonly invoker: Invoker;
  private readonly egress: EgressPolicy;
  private readonly send: typeof fetch;
  private readonly webTriggers: WebTriggerUrls;
  private served: ServedTriggers | undefined;

  static async start(options: LocalForgeOptions): Promise<LocalForge> {
    const forge = new LocalForge(options);
    activate(forge);
    try {
      await assertFetchCaptured();
      for (const fn of forge.manifest.functions.values()) forge.invoker.handler(fn.key);
    } catch (e) {
      deactivate(forge);
      throw e;
    }
    return forge;
  }

  private constructor(private readonly options: LocalForgeOptions) {
    this.manifest = readManifest(options.appDir);
    this.clock = options.clock ?? systemClock;
    this.app = {
      appId: this.manifest.appId,
      appVersion: '1.0.0',
      environmentId: randomUUID(),
      installationId: randomUUID(),
      cloudId: options.cloudId ?? randomUUID(),
      appDir: options.appDir,
      scopes: this.manifest.scopes,
      external: withExtraEgress(this.manifest.external, options.extraEgress ?? []),
    };
    this.baseRuntime = buildRuntime(this.app);
    this.kvsService = new KvsService(this.clock, this.manifest.entities, options.kvs);
    this.queueService = new QueueService(this.clock, (q) => this.isLongRunning(q), options.queue);
    this.kvs = new KvsInspector(this.kvsService);
    this.queues = new QueueInspector(this.queueService);
    this.realtime = new RealtimeService(this.clock, this.app.installationId);
    this.egress = new EgressPolicy([...this.manifest.egress, ...(options.extraEgress ?? [])]);
    const send = options.outboundFetch ?? platform().nativeFetch;
    this.send = options.egressProxy ? viaEgressProxy(options.egressProxy, send) : send;
    const nodeRequire = createRequire(join(options.appDir, 'package.json'));
    const load = options.loadHandlers ?? ((file: string) => nodeRequire(`./src/${file}`));
    const cache = new Map<string, unknown>();
    const cached: HandlerLoader = (file) => {
      if (!cache.has(file)) cache.set(file, load(file));
      return cache.get(file);
    };
    this.invoker = new Invoker(this, this.app, this.manifest, cached, this.clock);
    this.webTriggers = new WebTriggerUrls(new Set(this.manifest.webTriggers.keys()));
  }

  get cloudId(): string {
    return this.app.cloudId;
  }

  /** One record per invocation, in start order. */
  get invocations(): readonly InvocationRecord[] {
    return this.invoker.records;
  }

  /** Runs a scheduledTrigger's function as the platform would on its interval; resolves its return value. */
  async runScheduledTrigger(moduleKey: string): Promise<unknown> {
    const trigger = this.manifest.triggers.get(moduleKey);
    if (!trigger) throw new Error(`manifest.yml declares no scheduledTrigger '${moduleKey}'`);
    const payload = triggerPayload(this.app.cloudId, moduleKey);
    const { value } = await this.invoker.invoke(
      {
        functionKey: trigger.functionKey,
        moduleKey,
        moduleType: 'scheduledTrigger',
        timeLimitMs: this.limitFor(trigger.functionKey),
      },
      [payload, functionContext(this.app)],
    );
    return value;
  }

  /**
   * What the product host does when the UI calls invoke(): the function's handler (usually
   * resolver.getDefinitions()) gets the payload and a context whose principal is `accountId`.
   */
  async invokeResolver(
    functionKey: string,
    invocation: ResolverInvocation,
    as: { accountId?: string | null } = {},
  ): Promise<unknown> {
    const module = this.manifest.resolverModules.find((m) => m.functionKey === functionKey);
    const moduleKey = module?.key ?? functionKey;
    const moduleType = module?.moduleType ?? 'function';
    const payload = wire({
      call: invocation.call,
      context: {
        cloudId: this.app.cloudId,
        moduleKey,
        localId: `local-${moduleKey}`,
        extension: { type: moduleType },
        ...invocation.context,
      },
    });
    const accountId = as.accountId ?? undefined;
    const { value } = await this.invoker.invoke(
      {
        functionKey,
        moduleKey,
        moduleType,
        timeLimitMs: RESOLVER_LIMIT_MS * this.scale,
        accountId,
      },
      [payload, functionContext(this.app, accountId)],
    );
    return value;
  }

  /**
   * What Rovo does when its agent calls an action (actions.ts): the action's function, as the
   * user chatting (`accountId`), with the inputs the agent filled in; resolves its return value.
   */
  async invokeAction(
    actionKey: string,
    inputs: Record<string, unknown> = {},
    as: { accountId?: string | null; jira?: JiraActionContext } = {},
  ): Promise<unknown> {
    const action = this.manifest.actions.get(actionKey);
    if (!action) throw new Error(`manifest.yml declares no action '${actionKey}'`);
    const payload = actionPayload(action, inputs, this.app.cloudId, as.jira);
    const accountId = as.accountId ?? undefined;
    const { value } = await this.invoker.invoke(
      {
        functionKey: action.functionKey,
        moduleKey: actionKey,
        moduleType: 'action',
        timeLimitMs: this.limitFor(action.functionKey),
        accountId,
      },
      [payload, functionContext(this.app, accountId)],
    );
    return value;
  }

  /** Delivers due queue events to the manifest's consumers (see DrainOptions for the policy). */
  drainQueues(options: DrainOptions = {}): Promise<DrainReport> {
    const hasConsumer = (queue: string) => this.manifest.consumers.some((c) => c.queue === queue);
    return drain(this.queueService, (event) => this.deliver(event), hasConsumer, options);
  }

  /** This installation's URL for a webtrigger module, as `webTrigger.getUrl` returns it. */
  webTriggerUrl(moduleKey: string): string {
    return this.webTriggers.url(moduleKey);
  }

  /**
   * Serves this installation's web trigger URLs over HTTP on 127.0.0.1 (port 0: any free one);
   * URLs handed out from now on point there. Resolves the base URL.
   */
  async listenWebTriggers(port = 0): Promise<string> {
    this.served ??= await serveWebTriggers(port, (url, call) => this.callWebTrigger(url, call));
    this.webTriggers.setBase(this.served.base);
    return this.served.base;
  }

  /**
   * What a caller of a web trigger URL gets: the module's function runs as its own invocation with
   * the request Forge passes, and its answer is checked against the documented shape.
   */
  async callWebTrigger(url: string, call: WebTriggerCall = {}): Promise<WebTriggerReply> {
    const parsed = new URL(url, 'https://local-forge.invalid');
    const target = this.webTriggers.resolve(parsed.pathname);
    const trigger = target && this.manifest.webTriggers.get(target.moduleKey);
    if (!target || !trigger) {
      return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found' };
    }
    const request = toTriggerRequest(parsed, target.userPath, call);
    if (!allowedMethod(request.method)) {
      return { status: 405, headers: { 'content-type': 'text/plain' }, body: 'Method Not Allowed' };
    }
    const spec = {
      functionKey: trigger.functionKey,
      moduleKey: trigger.key,
      moduleType: 'webtrigger',
      timeLimitMs: WEB_TRIGGER_LIMIT_MS * this.scale,
    };
    try {
      const { value } = await this.invoker.invoke(spec, [wire(request), functionContext(this.app)]);
      return toTriggerReply(value);
    } catch {
      return platformError();
    }
  }

  /** Runs `fn` as an invocation of its own, e.g. to seed storage through the real SDK. */
  async run<T>(fn: () => T | Promise<T>, as: { accountId?: string } = {}): Promise<T> {
    const state: InvocationState = {
      invocationId: randomUUID(),
      functionKey: 'local-run',
      moduleKey: 'local-run',
      moduleType: 'local:run',
      accountId: as.accountId,
      rootInvocationId: randomUUID(),
      outboundRequests: 0,
      kvsRequests: 0,
      timedOut: false,
    };
    const runtime = buildRuntime(this.app, { ...state, deadline: Infinity });
    return platform().als.run({ host: this, runtime, state }, async () => fn());
  }

  async stop(): Promise<void> {
    await this.served?.close();
    deactivate(this);
  }

  // ---- PlatformHost: where the SDKs' calls arrive ----

  async forgeFetch(
    scope: Scope | undefined,
    descriptor: ForgeDescriptor,
    path: string,
    init: RequestInit | undefined,
  ): Promise<Response> {
    const state = scope?.state;
    refuseIfTimedOut(state);
    const text = await bodyText(init);
    if (descriptor.type === 'kvs') {
      if (state) state.kvsRequests++;
      return toResponse(
        this.kvsService.handle(path, text, { descriptor, invocationId: state?.invocationId }),
      );
    }
    if (descriptor.type === 'realtime') {
      const stall = this.realtime.stallOf();
      if (stall > 0) await new Promise((resolve) => setTimeout(resolve, stall).unref());
      return toResponse(this.realtime.handle(text, state));
    }
    if (descriptor.type === 'fpp') {
      if (state && !this.consume(state)) return fetchLimitExceeded();
      if (descriptor.remote === 'stargate' && path.startsWith('/webhook/queue/')) {
        return toResponse(this.queueService.handle(path, parseJson(text), state));
      }
      const triggerReply = path === '/graphql' ? this.webTriggers.graphql(text) : null;
      if (triggerReply) return toResponse(triggerReply);
      return toResponse(
        await productRequest(this.options.product, descriptor, path, init, text, state),
      );
    }
    return toResponse(
      proxyError(
        501,
        'LOCAL_FORGE_UNSUPPORTED',
        `__forge_fetch__ type '${String(descriptor.type)}' is not emulated`,
      ),
    );
  }

  externalFetch(scope: Scope, input: FetchInput, init: RequestInit | undefined): Promise<Response> {
    refuseIfTimedOut(scope.state);
    return externalFetch(
      { policy: this.egress, send: this.send, consume: () => this.consume(scope.state) },
      input,
      init,
    );
  }

  // ---- internals ----

  private get scale(): number {
    return this.options.timeScale ?? 1;
  }

  private limitFor(functionKey: string): number {
    const seconds = this.manifest.functions.get(functionKey)?.timeoutSeconds;
    return (seconds === undefined ? DEFAULT_LIMIT_MS : seconds * 1000) * this.scale;
  }

  private isLongRunning(queue: string): boolean {
    const consumer = this.manifest.consumers.find((c) => c.queue === queue);
    return (this.manifest.functions.get(consumer?.functionKey ?? '')?.timeoutSeconds ?? 0) > 55;
  }

  private consume(state: InvocationState): boolean {
    state.outboundRequests++;
    return state.outboundRequests <= (this.options.fetchLimit ?? 100);
  }

  /** One delivery = one invocation (see payloads.ts for what is passed and how results map). */
  private async deliver(event: QueuedEvent): Promise<DeliveryOutcome> {
    const consumer = this.manifest.consumers.find((c) => c.queue === event.queueName);
    if (!consumer) throw new Error(`no consumer for queue '${event.queueName}'`);
    const retryCount = event.retryContext?.retryCount ?? 0;
    const spec = {
      functionKey: consumer.functionKey,
      moduleKey: consumer.key,
      moduleType: 'consumer',
      timeLimitMs: this.limitFor(consumer.functionKey),
      rootInvocationId: event.rootInvocationId,
      eventId: event.eventId,
      retryCount,
    };
    const args = [consumerPayload(event, consumer, this.app.cloudId), functionContext(this.app)];
    try {
      const { value, record } = await this.invoker.invoke(spec, args);
      const outcome = returnedOutcome(value);
      if (outcome.kind === 'retry') record.retryRequested = true;
      return outcome;
    } catch (e) {
      return failedOutcome(e, retryCount);
    }
  }
}

/**
 * What the SDK's permissions API (permissions.canFetchFrom) reads: the manifest's
 * permissions.external plus the test-only egress, so it agrees with the egress the fetch allows.
 */
function withExtraEgress(
  external: Record<string, unknown>,
  extra: string[],
): Record<string, unknown> {
  if (extra.length === 0) return external;
  const fetch = (external.fetch ?? {}) as Record<string, unknown>;
  const backend = Array.isArray(fetch.backend) ? fetch.backend : [];
  const added = extra.map((address) => ({ address }));
  return { ...external, fetch: { ...fetch, backend: [...backend, ...added] } };
}

function refuseIfTimedOut(state: InvocationState | undefined): void {
  if (state?.timedOut) {
    throw new Error(
      `invocation ${state.invocationId} ran past its time limit; the platform would have stopped it`,
    );
  }
}

function parseJson(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}
