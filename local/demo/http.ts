import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DemoFamily, DemoRequest, TenantSpec, TenantState } from './types';

export interface Tenant {
  spec: TenantSpec;
  family: string;
  state: TenantState;
  /** The service URL with the tenant's prefix: what the integration's base URL points at. */
  base: string;
}

export interface FamilyServer {
  url: string;
  tenants: Tenant[];
  close(): Promise<void>;
}

const HEALTHY: TenantState = { revoked: false, troubled: false, failing: false, delayMs: 0 };

export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', ...headers });
  res.end(JSON.stringify(body));
}

export function sendHtml(res: http.ServerResponse, status: number, html: string): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'Content-Type': 'text/html;charset=UTF-8' });
  res.end(html);
}

export function header(req: DemoRequest, name: string): string {
  const value = req.headers[name.toLowerCase()];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

export function bearerOf(req: DemoRequest): string | null {
  const auth = header(req, 'authorization');
  return auth.startsWith('Bearer ') ? auth.slice(7) : null;
}

export function basicOf(req: DemoRequest): { user: string; password: string } | null {
  const auth = header(req, 'authorization');
  if (!auth.startsWith('Basic ')) return null;
  const decoded = Buffer.from(auth.slice(6), 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  return i < 0 ? null : { user: decoded.slice(0, i), password: decoded.slice(i + 1) };
}

/** The path without its query string. */
export function pathOf(req: DemoRequest): string {
  return req.path.split('?')[0] ?? '';
}

function readRequest(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** `/<slug>/rest/…` → the tenant and the rest of the path. */
function route(tenants: Tenant[], url: string): { tenant: Tenant; path: string } | null {
  const match = /^\/([^/?]+)(.*)$/.exec(url);
  const tenant = match && tenants.find((t) => t.spec.slug === match[1]);
  return tenant && match ? { tenant, path: match[2] || '/' } : null;
}

/** Slow and failing apply to every tenant alike, before the tenant's own answer. */
async function answer(tenants: Tenant[], req: http.IncomingMessage, res: http.ServerResponse) {
  const body = await readRequest(req);
  const found = route(tenants, req.url ?? '/');
  if (!found) return sendJson(res, 404, { message: 'no demo integration at this path' });
  const { tenant, path } = found;
  const { state } = tenant;
  if (state.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, state.delayMs));
  if (state.failing) return sendJson(res, 503, { message: 'Service Unavailable' });
  const demoReq: DemoRequest = { method: req.method ?? 'GET', path, headers: req.headers, body };
  tenant.spec.serve(demoReq, res, state);
}

/** One family on 127.0.0.1:`port` (0: any free port). */
export async function startFamily(family: DemoFamily, port: number): Promise<FamilyServer> {
  const tenants: Tenant[] = family.tenants.map((spec) => ({
    spec,
    family: family.name,
    state: { ...HEALTHY, ...spec.starts },
    base: '',
  }));
  const server = http.createServer((req, res) => {
    answer(tenants, req, res).catch((err: unknown) => sendJson(res, 500, { message: String(err) }));
  });
  await listen(server, port);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const t of tenants) t.base = `${url}/${t.spec.slug}`;
  return { url, tenants, close: () => closeServer(server) };
}

export function listen(server: http.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
