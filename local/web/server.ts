import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalForge } from '../forge-runtime';
import { buildClient, FORGE_UI_PATH, type Asset } from './bundle';
import {
  adminResolver,
  handleInvoke,
  HttpError,
  messageOf,
  sendJson,
  type InvokeTarget,
} from './invoke';
import { pageHtml } from './page';
import { serveRealtime } from './realtime';

/** A user as the page host's user picker shows one. */
export interface PageUser {
  accountId: string;
  displayName: string;
  emailAddress: string;
}

/** The site's users, as Jira's own user picker searches them. */
export interface PageUsers {
  get(accountId: string): PageUser | undefined;
  search(query: string, max: number): PageUser[];
}

export interface WebServerOptions {
  forge: LocalForge;
  /** 0 or absent: any free port. */
  port?: number;
  host?: string;
  /** Who the page acts as: the resolvers see this account as the caller. */
  accountId: string;
  siteUrl?: string;
  /** A UI Kit resource bundle built by Forge's bundler, run instead of esbuild's build of src/frontend. */
  forgeResourceDir?: string;
  /** How fast the server's `Date` runs (a compressed clock): the page's then runs the same. */
  clockSpeed?: number;
  /** Serves requests of the caller's own, e.g. /control; returns true when it handled one. */
  extraRoutes?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** Whom the user picker finds; none: it finds nobody. */
  users?: PageUsers;
}

export interface WebServer {
  url: string;
  close(): Promise<void>;
}

interface Site {
  /** Written per request: it carries the server's clock at that moment. */
  html: () => string;
  assets: Map<string, Asset>;
  invoke: InvokeTarget;
  extraRoutes?: WebServerOptions['extraRoutes'];
  users?: PageUsers;
}

/** The picker's search: 20 users at most, like Jira's picker shows; or one user by account id. */
const PICKER_RESULTS = 20;

function pickerUsers(site: Site, url: URL): PageUser[] {
  const accountId = url.searchParams.get('accountId');
  if (accountId !== null) return [site.users?.get(accountId) ?? []].flat();
  return site.users?.search(url.searchParams.get('query') ?? '', PICKER_RESULTS) ?? [];
}

function sendAsset(res: ServerResponse, asset: Asset, cache: boolean) {
  res.writeHead(200, {
    'content-type': asset.contentType,
    'cache-control': cache ? 'max-age=3600' : 'no-store',
  });
  res.end(asset.body);
}

async function route(site: Site, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = url.pathname;
  if (site.extraRoutes?.(req, res)) return;
  if (req.method === 'POST' && path === '/api/invoke') return handleInvoke(req, res, site.invoke);
  if (req.method === 'GET' && path === '/api/realtime') {
    return serveRealtime(site.invoke.forge, url, req, res);
  }
  if (req.method === 'GET' && path === '/api/users') {
    return sendJson(res, 200, { users: pickerUsers(site, url) });
  }
  const asset = req.method === 'GET' ? site.assets.get(path) : undefined;
  if (asset) return sendAsset(res, asset, false);
  if (req.method === 'GET' && (path === '/' || path === '/index.html')) {
    return sendAsset(
      res,
      { contentType: 'text/html; charset=utf-8', body: Buffer.from(site.html()) },
      false,
    );
  }
  if (path === '/favicon.ico') {
    res.writeHead(204).end();
    return;
  }
  throw new HttpError(404, `nothing at ${req.method} ${path}`);
}

/** Errors answer JSON with a message: never a stack trace. */
function fail(res: ServerResponse, error: unknown) {
  const status = error instanceof HttpError ? error.status : 500;
  if (status === 500) console.error('local web server:', error);
  if (res.headersSent) res.end();
  else sendJson(res, status, { error: { message: messageOf(error) } });
}

/**
 * Serves the app's admin page, its real frontend in a browser, with invoke() going to the
 * app's resolver on `forge`. The scripts are built once, here, before the server listens.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const siteUrl = options.siteUrl ?? 'https://local.atlassian.net';
  const moduleKey = options.forge.manifest.resolverModules.find(
    (m) => m.functionKey === adminResolver(options.forge),
  )?.key;
  const assets = await buildClient(options.forgeResourceDir);
  const forgeScripts = options.forgeResourceDir ? [`${FORGE_UI_PATH}/main.js`] : [];
  const stylesheets = [...assets.keys()].filter((p) => p.endsWith('.css'));
  const config = { accountId: options.accountId, siteUrl, moduleKey: moduleKey ?? 'admin-page' };
  const site: Site = {
    html: () => {
      const speed = options.clockSpeed;
      const page = speed ? { ...config, clock: { nowMs: Date.now(), speed } } : config;
      return pageHtml(page, 'Token Health (local)', stylesheets, forgeScripts);
    },
    assets,
    invoke: { forge: options.forge, accountId: options.accountId, siteUrl },
    extraRoutes: options.extraRoutes,
    users: options.users,
  };
  const server = http.createServer((req, res) => {
    route(site, req, res).catch((error: unknown) => fail(res, error));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address.includes(':') ? `[${address}]` : address}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
