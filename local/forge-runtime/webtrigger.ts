import { randomBytes } from 'node:crypto';
import type { Reply } from './http';

/**
 * Web triggers as Forge serves them (FORGE-PLATFORM.md 7.3; events reference:
 * https://developer.atlassian.com/platform/forge/events-reference/web-trigger/). Each installation
 * gets its own URL per module, `…/x1/<id>` (the id pattern `webTrigger.deleteUrl` parses in
 * `@forge/api/out/webTrigger.js`); the handler receives the request "serialized to JSON" and
 * answers `{ statusCode, headers: {name: [values]}, body }`. "If the function result is not
 * compatible with the JSON format, then an error response with status code 500 is sent."
 */
export interface WebTriggerRequest {
  method: string;
  /** Header names lower-cased, each with its values as an array (the documented format). */
  headers: Record<string, string[]>;
  body: string;
  /** The full path as called: `/x1/<id>` and whatever the caller added. */
  path: string;
  /** "Additional path segments provided by the caller after the web trigger ID". */
  userPath: string;
  queryParameters: Record<string, string[]>;
}

export interface WebTriggerCall {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface WebTriggerReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The ids in web trigger URLs: long and random, as Forge's are unguessable. */
const newId = () => randomBytes(18).toString('base64url');

const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']);

/** One installation's web trigger URLs: created on first request, kept until deleted. */
export class WebTriggerUrls {
  private readonly ids = new Map<string, string>();
  private base = 'https://local-forge.invalid';

  constructor(private readonly modules: ReadonlySet<string>) {}

  /** Where URLs point: the local server once it listens. */
  setBase(base: string): void {
    this.base = base;
  }

  url(moduleKey: string, forceCreate = false): string {
    if (!this.modules.has(moduleKey))
      throw new Error(`manifest.yml declares no webtrigger '${moduleKey}'`);
    const existing = [...this.ids].find(([, key]) => key === moduleKey)?.[0];
    if (existing && !forceCreate) return `${this.base}/x1/${existing}`;
    const id = newId();
    this.ids.set(id, moduleKey);
    return `${this.base}/x1/${id}`;
  }

  /** The module a called path belongs to, and what follows its id. */
  resolve(path: string): { moduleKey: string; userPath: string } | null {
    const match = /^\/(?:x1|public)\/([^/?#]+)(\/[^?#]*)?/.exec(path);
    const moduleKey = match?.[1] && this.ids.get(match[1]);
    return match && moduleKey ? { moduleKey, userPath: match[2] ?? '' } : null;
  }

  delete(id: string): boolean {
    return this.ids.delete(id);
  }

  list(): { triggerKey: string; url: string }[] {
    return [...this.ids].map(([id, key]) => ({ triggerKey: key, url: `${this.base}/x1/${id}` }));
  }

  /**
   * The GraphQL calls `webTrigger.getUrl/deleteUrl/queryUrls` make (FORGE-PLATFORM.md table,
   * `@forge/api/out/webTrigger.js`); null for any other GraphQL query.
   */
  graphql(text: string | undefined): Reply | null {
    const body = parse(text);
    const query = typeof body?.query === 'string' ? body.query : '';
    const vars = (body?.variables ?? {}) as Record<string, unknown>;
    if (query.includes('createWebTriggerUrl')) {
      const input = (vars.input ?? {}) as { triggerKey?: unknown };
      const key = String(input.triggerKey);
      if (!this.modules.has(key)) return { status: 200, body: { data: null, errors: [notFound] } };
      const url = this.url(key, vars.forceCreate === true);
      return { status: 200, body: { data: { createWebTriggerUrl: { url } } } };
    }
    if (query.includes('deleteWebTriggerUrl')) {
      const success = this.delete(String(vars.id));
      const message = success ? null : 'no such web trigger URL';
      return { status: 200, body: { data: { deleteWebTriggerUrl: { success, message } } } };
    }
    if (query.includes('webTriggerUrlsByAppContext')) {
      return { status: 200, body: { data: { webTriggerUrlsByAppContext: this.list() } } };
    }
    return null;
  }
}

const notFound = { message: 'web trigger module not found in the manifest' };

function parse(text: string | undefined): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text ?? '');
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The request as the handler receives it. */
export function toTriggerRequest(
  url: URL,
  userPath: string,
  call: WebTriggerCall,
): WebTriggerRequest {
  const headers: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(call.headers ?? {})) {
    (headers[name.toLowerCase()] ??= []).push(value);
  }
  const queryParameters: Record<string, string[]> = {};
  url.searchParams.forEach((value, name) => (queryParameters[name] ??= []).push(value));
  return {
    method: (call.method ?? 'GET').toUpperCase(),
    headers,
    body: call.body ?? '',
    path: url.pathname,
    userPath,
    queryParameters,
  };
}

export function allowedMethod(method: string): boolean {
  return METHODS.has(method);
}

/** The handler's answer as the caller gets it: anything off the documented shape is a 500. */
export function toTriggerReply(value: unknown): WebTriggerReply {
  const res = value as { statusCode?: unknown; headers?: unknown; body?: unknown } | null;
  const status = res?.statusCode;
  const headers = res?.headers ?? {};
  const validStatus = Number.isInteger(status) && Number(status) >= 100 && Number(status) <= 599;
  const validBody = res?.body === undefined || typeof res.body === 'string';
  if (!res || !validStatus || !validBody || !validHeaders(headers)) return platformError();
  const flat: Record<string, string> = {};
  for (const [name, values] of Object.entries(headers))
    flat[name.toLowerCase()] = values.join(', ');
  return { status: Number(status), headers: flat, body: (res.body as string | undefined) ?? '' };
}

function validHeaders(headers: unknown): headers is Record<string, string[]> {
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) return false;
  return Object.values(headers).every(
    (v) => Array.isArray(v) && v.every((item) => typeof item === 'string'),
  );
}

/** What the caller sees when the handler fails or answers off-format: no detail of the app. */
export function platformError(): WebTriggerReply {
  return {
    status: 500,
    headers: { 'content-type': 'text/plain' },
    body: 'Internal Server Error',
  };
}
