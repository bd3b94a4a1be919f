// The local platform must install its globals before any @forge/* module loads.
import { LocalForge } from '../forge-runtime';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import * as handlers from '../../src/index';
import { demoEpoch, DEMO_EPOCH_FILE } from '../demo/dates';
import { seedDemo } from '../demo/seed';
import {
  DEFAULT_DEMO_PORT,
  DEMO_PORT_COUNT,
  startDemoServices,
  type DemoServices,
} from '../demo/services';
import { startWebServer } from '../web/server';
import { controlRoutes, type Routes } from './control';
import { startLoop, type Loop } from './loop';
import { readState, restoreState, StateSaver, type SavedState } from './persistence';
import { localJira, userDirectory, type LocalUser } from './product';
import { Serial } from './serial';
import { installSimClock, type SimClock } from './sim-clock';
import { startControlServer } from './control-server';
import { startDemoConsumer, type DemoConsumer } from './demo-consumer';
import { assertPortsFree } from './ports';

export const APP_DIR = path.resolve(__dirname, '../..');
/** The admin page's port unless --port says otherwise. */
export const DEFAULT_PAGE_PORT = 4100;
export const DEFAULT_STATE_PATH = path.join(APP_DIR, '.token-health', 'local-state.json');
/** Where `npm run bundle` writes what Forge's bundler built. */
export const DEFAULT_BUNDLE_DIR = path.join(APP_DIR, '.forge-bundle');
/** The admin page's UI Kit resource key in manifest.yml. */
const PAGE_RESOURCE = 'main';
export const LOCAL_ADMIN: LocalUser = {
  accountId: 'local-admin',
  displayName: 'Local admin',
  emailAddress: 'admin@acme.example',
};
/** Jira's users besides the admin: owners to pick on the page. */
export const LOCAL_PEOPLE: LocalUser[] = [
  { accountId: 'local-priya', displayName: 'Priya Raman', emailAddress: 'priya@acme.example' },
  { accountId: 'local-tomas', displayName: 'Tomás Ortega', emailAddress: 'tomas@acme.example' },
  { accountId: 'local-mei', displayName: 'Mei Chen', emailAddress: 'mei@acme.example' },
];
const DIRECTORY = userDirectory([LOCAL_ADMIN, ...LOCAL_PEOPLE]);
const SWEEP_MS = 5 * 60_000;
const INVENTORY_MS = 24 * 60 * 60_000;
const SAVE_EVERY_MS = 3_000;
/** Past a consumer's own 300 s limit: a run this long is stuck, and says so. */
const WARN_AFTER_MS = 320_000;
const MAX_DELIVERIES = 1_000;

export interface LocalAppOptions {
  /** The admin page's port (default 4100; 0: any free port). */
  port?: number;
  statePath?: string;
  /** Starts from an empty state: the saved file is deleted first. */
  reset?: boolean;
  /** Simulated seconds per real second (default 60: a 5-minute sweep every 5 s). */
  clockSpeed?: number;
  /** First demo service port (default 4101, env TOKEN_HEALTH_DEMO_PORT; 0: any free ports). */
  demoPortBase?: number;
  /** false: no admin page, only /control on `port` (tests: the page bundle takes a while). */
  web?: boolean;
  /** Runs the backend and the page from Forge's own bundle in this directory, not from src/. */
  bundleDir?: string;
  log?: (line: string) => void;
}

/** The handlers: src/ as tsx runs it, or the backend/index.cjs Forge's bundler wrote. */
function handlerLoader(bundleDir: string | undefined): () => unknown {
  if (!bundleDir) return () => handlers;
  const backend = path.join(bundleDir, 'backend', 'index.cjs');
  if (!existsSync(backend))
    throw new Error(`no Forge bundle at ${bundleDir}: run \`npm run bundle\` first`);
  // The caller's own require: under jest it loads the bundle where the platform globals are.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return () => require(backend) as unknown;
}

export interface LocalApp {
  url: string;
  controlUrl: string;
  forge: LocalForge;
  demo: DemoServices;
  /** True when this start seeded the demo (no saved state). */
  seeded: boolean;
  /** The demo consumer drawing from the kept OAuth grant, and its first draw. */
  consumer: DemoConsumer | null;
  /** The backend and the page run from Forge's own bundle. */
  bundled: boolean;
  stop(): Promise<void>;
}

interface Parts {
  clock?: SimClock;
  demo?: DemoServices;
  forge?: LocalForge;
  loops: Loop[];
  saver?: StateSaver;
  server?: { url: string; close(): Promise<void> };
}

function demoPortBase(options: LocalAppOptions): number {
  if (options.demoPortBase !== undefined) return options.demoPortBase;
  const env = process.env.TOKEN_HEALTH_DEMO_PORT;
  if (env === undefined || env === '') return DEFAULT_DEMO_PORT;
  if (!/^\d{1,5}$/.test(env))
    throw new Error(`TOKEN_HEALTH_DEMO_PORT must be a port, not "${env}"`);
  return Number(env);
}

/** In reverse order of start; each part is optional because a start can fail half-way. */
async function stopParts(parts: Parts, log: (line: string) => void): Promise<void> {
  await Promise.all(parts.loops.map((l) => l.stop()));
  if (parts.saver) await parts.saver.save(true).catch((e: unknown) => log(`[state] ${String(e)}`));
  await parts.server?.close();
  await parts.forge?.stop();
  await parts.demo?.close();
  parts.clock?.uninstall();
}

function startForge(
  demo: DemoServices,
  clock: SimClock,
  options: LocalAppOptions,
  log: (line: string) => void,
) {
  return LocalForge.start({
    appDir: APP_DIR,
    loadHandlers: handlerLoader(options.bundleDir),
    extraEgress: demo.origins,
    product: localJira(LOCAL_ADMIN, DIRECTORY, log),
    clock: { now: () => clock.now() },
  });
}

/** A restored state, or the demo seeded through the real resolvers on a fresh one. */
async function fillStorage(
  forge: LocalForge,
  demo: DemoServices,
  saved: SavedState | null,
  clock: SimClock,
): Promise<void> {
  if (saved) restoreState(forge, saved, clock.now());
  else await seedDemo(forge, demo, LOCAL_ADMIN.accountId);
}

interface Looped {
  forge: LocalForge;
  clock: SimClock;
  saver: StateSaver;
}

function startLoops({ forge, clock, saver }: Looped, log: (line: string) => void) {
  const serial = new Serial();
  // A trigger, then every queue event due: what the platform does between two runs.
  const fire = (trigger: string) =>
    serial.run(async () => {
      await forge.runScheduledTrigger(trigger);
      await forge.drainQueues({ maxDeliveries: MAX_DELIVERIES });
    });
  const sweep = startLoop({
    name: 'sweep',
    everyMs: SWEEP_MS / clock.speed,
    warnAfterMs: WARN_AFTER_MS,
    log,
    run: () => fire('sweep-trigger'),
  });
  const inventory = startLoop({
    name: 'inventory',
    everyMs: INVENTORY_MS / clock.speed,
    warnAfterMs: WARN_AFTER_MS,
    log,
    run: () => fire('inventory-trigger'),
  });
  const save = startLoop({
    name: 'state',
    everyMs: SAVE_EVERY_MS,
    warnAfterMs: WARN_AFTER_MS,
    log,
    run: () => saver.save(),
  });
  return { sweep, loops: [sweep, inventory, save] };
}

async function serve(forge: LocalForge, options: LocalAppOptions, routes: Routes, speed: number) {
  const port = options.port ?? DEFAULT_PAGE_PORT;
  if (options.web === false) return startControlServer(port, routes);
  return startWebServer({
    forge,
    port,
    host: '127.0.0.1',
    accountId: LOCAL_ADMIN.accountId,
    clockSpeed: speed,
    users: DIRECTORY,
    extraRoutes: routes,
    ...(options.bundleDir
      ? { forgeResourceDir: path.join(options.bundleDir, 'resources', PAGE_RESOURCE) }
      : {}),
  });
}

/**
 * The whole app on this machine: demo services, the app's real handlers on the local Forge
 * runtime with storage kept in a file, a compressed clock with the scheduled triggers firing on
 * it, the admin page and /control. See README.md beside this file.
 */
export async function startLocalApp(options: LocalAppOptions = {}): Promise<LocalApp> {
  const log = options.log ?? ((line: string) => console.log(line));
  const statePath = options.statePath ?? DEFAULT_STATE_PATH;
  const speed = options.clockSpeed ?? 60;
  await assertPortsFree(options.port ?? DEFAULT_PAGE_PORT, demoPortBase(options), DEMO_PORT_COUNT);
  if (options.reset) await fs.rm(statePath, { force: true });
  const saved = await readState(statePath);
  // A new demo is seeded: its dates count from now, whatever a former one left.
  if (!saved) await fs.rm(path.join(path.dirname(statePath), DEMO_EPOCH_FILE), { force: true });
  const parts: Parts = { loops: [] };
  try {
    const clock = (parts.clock = installSimClock(speed, Math.max(saved?.simNow ?? 0, Date.now())));
    const demo = (parts.demo = await startDemoServices({
      portBase: demoPortBase(options),
      webhookToleranceSeconds: 300 * speed,
      keyDir: path.dirname(statePath),
      epoch: demoEpoch(path.dirname(statePath), clock.now()),
      log,
    }));
    const forge = (parts.forge = await startForge(demo, clock, options, log));
    await fillStorage(forge, demo, saved, clock);
    const consumer = await startDemoConsumer(
      forge,
      path.dirname(statePath),
      LOCAL_ADMIN.accountId,
      clock.now(),
    ).catch((err: unknown) => {
      log(`[demo consumer] not started: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    });
    const saver = (parts.saver = new StateSaver(forge, statePath, () => clock.now()));
    const { sweep, loops } = startLoops({ clock, forge, saver }, log);
    parts.loops = loops;
    const routes = controlRoutes({ demo, sweepNow: () => sweep.runNow() });
    const server = (parts.server = await serve(forge, options, routes, speed));
    return {
      url: server.url,
      controlUrl: `${server.url}/control`,
      forge,
      demo,
      seeded: !saved,
      consumer,
      bundled: options.bundleDir !== undefined,
      stop: () => stopParts(parts, log),
    };
  } catch (err) {
    await stopParts(parts, log);
    throw err;
  }
}
