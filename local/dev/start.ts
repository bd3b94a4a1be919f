// `npm start`: the whole app on this machine, on demo integrations. See README.md beside this file.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { controlUsage } from './control';
import { aligned, demoCredentials } from './credentials';
import { demoConsumerLines } from './demo-consumer';
import { DEFAULT_BUNDLE_DIR, DEFAULT_STATE_PATH, startLocalApp, type LocalApp } from './app';

const USAGE =
  'usage: npm start -- [--reset] [--port N] [--speed N] [--demo-port N] [--state FILE] [--bundle]';

function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new Error(`--${name} must be a whole number\n${USAGE}`);
  return Number(value);
}

function options() {
  const { values } = parseArgs({
    options: {
      reset: { type: 'boolean', default: false },
      port: { type: 'string' },
      speed: { type: 'string' },
      'demo-port': { type: 'string' },
      state: { type: 'string' },
      bundle: { type: 'boolean', default: false },
    },
  });
  return {
    reset: values.reset,
    port: numberOption(values.port, 'port'),
    clockSpeed: numberOption(values.speed, 'speed'),
    demoPortBase: numberOption(values['demo-port'], 'demo-port'),
    statePath: values.state ?? DEFAULT_STATE_PATH,
    ...(values.bundle ? { bundleDir: DEFAULT_BUNDLE_DIR } : {}),
  };
}

function describe(app: LocalApp, statePath: string, speed: number): string[] {
  const rows = aligned(app.demo.list().map((t) => [t.slug, t.expect, t.story])).map(
    (r) => `  ${r}`,
  );
  return [
    '',
    `Token Health, locally: ${app.url}`,
    '',
    `Storage: ${statePath} (${app.seeded ? 'new: demo integrations created' : 'restored'}; --reset starts over)`,
    `Clock: ${speed}× real time; a sweep every ${300 / speed} s, the org token sync every ${(86_400 / speed / 60).toFixed(0)} min`,
    `Alerts go to the webhook receiver at ${app.demo.receiver.url}`,
    ...(app.bundled
      ? ["Backend and page: Forge's own bundle in .forge-bundle/ (npm run bundle)"]
      : []),
    '',
    'Demo integrations (name, verdict at start, what it shows):',
    ...rows,
    '',
    'Add one yourself (Add integration on the page, any name; one of every kind):',
    ...demoCredentials(app.demo, path.dirname(statePath)).map((line) => `  ${line}`),
    '',
    ...(app.consumer ? [...demoConsumerLines(app.consumer), ''] : []),
    'Drive them:',
    ...controlUsage(app.controlUrl).map((line) => `  ${line}`),
    '',
    'Ctrl+C stops and saves.',
  ];
}

async function main(): Promise<void> {
  const opts = options();
  const app = await startLocalApp(opts);
  console.log(describe(app, opts.statePath, opts.clockSpeed ?? 60).join('\n'));
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: saving and stopping…`);
    app.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
