import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { type ActionDef, readActions } from './actions';

/** The parts of manifest.yml the local platform acts on, normalised. */
export interface AppManifest {
  appId: string;
  functions: Map<string, FunctionDef>;
  triggers: Map<string, TriggerDef>;
  consumers: ConsumerDef[];
  /** webtrigger modules: key → the function it runs. */
  webTriggers: Map<string, WebTriggerDef>;
  /** UI modules (jira:adminPage, …) whose resolver is a function: tells a function's module. */
  resolverModules: ResolverModuleDef[];
  scopes: string[];
  /** permissions.external as written, handed to the SDK through appContext.permissions. */
  external: Record<string, unknown>;
  /** permissions.external.fetch.backend flattened to address strings (remotes resolved). */
  egress: string[];
  entities: Map<string, EntityDef>;
  /** Rovo actions by module key (actions.ts). */
  actions: Map<string, ActionDef>;
}

export interface FunctionDef {
  key: string;
  handler: string;
  /** 'index' for handler 'index.run': the source file, relative to src/. */
  file: string;
  exportName: string;
  timeoutSeconds?: number;
}

export interface TriggerDef {
  key: string;
  functionKey: string;
  interval: string;
}

export interface WebTriggerDef {
  key: string;
  functionKey: string;
}

export interface ConsumerDef {
  key: string;
  queue: string;
  functionKey: string;
  /** Set for the resolver form `{resolver: {function, method}}`. */
  method?: string;
}

export interface ResolverModuleDef {
  key: string;
  moduleType: string;
  functionKey: string;
}

export type AttributeType = 'string' | 'boolean' | 'float' | 'integer' | 'any';

export interface EntityIndexDef {
  name: string;
  range: string[];
  partition: string[];
}

export interface EntityDef {
  name: string;
  attributes: Record<string, AttributeType>;
  indexes: EntityIndexDef[];
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function readManifest(appDir: string): AppManifest {
  const raw: unknown = parse(readFileSync(join(appDir, 'manifest.yml'), 'utf8'));
  if (!isObj(raw)) throw new Error(`${appDir}/manifest.yml is not a YAML mapping`);
  return normaliseManifest(raw);
}

export function normaliseManifest(raw: Obj): AppManifest {
  const app = isObj(raw.app) ? raw.app : {};
  const modules = isObj(raw.modules) ? raw.modules : {};
  const permissions = isObj(raw.permissions) ? raw.permissions : {};
  const external = isObj(permissions.external) ? permissions.external : {};
  return {
    appId: (str(app.id) ?? 'ari:cloud:ecosystem::app/local-app').replace(/^.*\//, ''),
    functions: new Map(list(modules.function).map((f) => [String(f.key), toFunction(f)])),
    triggers: new Map(
      list(modules.scheduledTrigger).map((t) => [
        String(t.key),
        { key: String(t.key), functionKey: String(t.function), interval: String(t.interval) },
      ]),
    ),
    consumers: list(modules.consumer).map(toConsumer),
    webTriggers: new Map(
      list(modules.webtrigger).map((w) => [
        String(w.key),
        { key: String(w.key), functionKey: String(w.function) },
      ]),
    ),
    resolverModules: resolverModules(modules),
    scopes: Array.isArray(permissions.scopes) ? permissions.scopes.map(String) : [],
    external,
    egress: egressAddresses(external, list(raw.remotes)),
    // The schema puts entities under app.storage; a top-level storage block is accepted too.
    entities: new Map(
      entityList(app.storage ?? raw.storage).map((e) => [e.name, e] as [string, EntityDef]),
    ),
    actions: readActions(modules),
  };
}

function toFunction(f: Obj): FunctionDef {
  const handler = String(f.handler);
  const dot = handler.lastIndexOf('.');
  if (dot <= 0)
    throw new Error(`function ${String(f.key)}: handler '${handler}' is not 'file.export'`);
  return {
    key: String(f.key),
    handler,
    file: handler.slice(0, dot),
    exportName: handler.slice(dot + 1),
    timeoutSeconds: typeof f.timeoutSeconds === 'number' ? f.timeoutSeconds : undefined,
  };
}

function toConsumer(c: Obj): ConsumerDef {
  const resolver = isObj(c.resolver) ? c.resolver : undefined;
  const functionKey = str(c.function) ?? str(resolver?.function);
  if (!functionKey)
    throw new Error(`consumer ${String(c.key)}: only function consumers run locally`);
  return { key: String(c.key), queue: String(c.queue), functionKey, method: str(resolver?.method) };
}

function resolverModules(modules: Obj): ResolverModuleDef[] {
  const out: ResolverModuleDef[] = [];
  for (const [moduleType, entries] of Object.entries(modules)) {
    if (moduleType === 'consumer') continue;
    for (const m of list(entries)) {
      const fn = isObj(m.resolver) ? str(m.resolver.function) : undefined;
      if (fn) out.push({ key: String(m.key), moduleType, functionKey: fn });
    }
  }
  return out;
}

function egressAddresses(external: Obj, remotes: Obj[]): string[] {
  const fetch = isObj(external.fetch) ? external.fetch : {};
  const backend = Array.isArray(fetch.backend) ? fetch.backend : [];
  return backend.flatMap((entry: unknown): string[] => {
    if (typeof entry === 'string') return [entry];
    if (!isObj(entry)) return [];
    if (typeof entry.address === 'string') return [entry.address];
    const remote = remotes.find((r) => r.key === entry.remote);
    return typeof remote?.baseUrl === 'string' ? [remote.baseUrl] : [];
  });
}

function entityList(storage: unknown): EntityDef[] {
  if (!isObj(storage)) return [];
  return list(storage.entities).map((e) => {
    const attributes: Record<string, AttributeType> = {};
    for (const [name, def] of Object.entries(isObj(e.attributes) ? e.attributes : {})) {
      attributes[name] = (isObj(def) ? String(def.type) : 'any') as AttributeType;
    }
    const indexes = (Array.isArray(e.indexes) ? e.indexes : []).map((ix: unknown) =>
      // A bare string names an attribute: an index of that name ranging over it.
      typeof ix === 'string'
        ? { name: ix, range: [ix], partition: [] }
        : {
            name: String((ix as Obj).name),
            range: ((ix as Obj).range as unknown[]).map(String),
            partition: Array.isArray((ix as Obj).partition)
              ? ((ix as Obj).partition as unknown[]).map(String)
              : [],
          },
    );
    return { name: String(e.name), attributes, indexes };
  });
}
