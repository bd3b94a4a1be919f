import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { build, type Loader } from 'esbuild';

export interface Asset {
  contentType: string;
  body: Uint8Array;
}

const CLIENT = path.join(__dirname, 'client');
const ROOT = path.resolve(__dirname, '../..');

/** The two scripts, in the order the page loads them: the bridge must exist before the app. */
const ENTRIES = { bridge: 'bridge.ts', app: 'main.tsx' } as const;
/** With Forge's own UI bundle, the page script is only the renderer; Forge's main.js follows it. */
const RENDERER_ONLY = { bridge: 'bridge.ts', app: 'renderer.tsx' } as const;
/** Where Forge's resource bundle is served: its main.js loads its chunks from beside itself. */
export const FORGE_UI_PATH = '/forge-ui';

/** Atlaskit packages import their extracted styles, and a few ship images and fonts. */
const ASSET_LOADERS: Record<string, Loader> = {
  '.css': 'css',
  '.svg': 'dataurl',
  '.png': 'dataurl',
  '.gif': 'dataurl',
  '.woff': 'dataurl',
  '.woff2': 'dataurl',
  '.ttf': 'dataurl',
};

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/**
 * Builds the page's scripts and their stylesheet in memory, once, keyed by the path the page
 * asks for them under (/assets/app.js, /assets/app.css, /assets/bridge.js).
 */
export async function buildClient(forgeResourceDir?: string): Promise<Map<string, Asset>> {
  const entries = forgeResourceDir ? RENDERER_ONLY : ENTRIES;
  const result = await build({
    entryPoints: Object.fromEntries(
      Object.entries(entries).map(([name, file]) => [name, path.join(CLIENT, file)]),
    ),
    absWorkingDir: ROOT,
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    bundle: true,
    write: false,
    outdir: path.join(ROOT, 'assets'),
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    jsx: 'automatic',
    loader: ASSET_LOADERS,
    define: {
      // React's development build: its warnings are worth having on a page made for trying out.
      'process.env.NODE_ENV': '"development"',
      global: 'globalThis',
    },
    logLevel: 'silent',
  });
  const assets = new Map<string, Asset>();
  for (const file of result.outputFiles) {
    const ext = path.extname(file.path);
    assets.set(`/assets/${path.basename(file.path)}`, {
      contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream',
      body: file.contents,
    });
  }
  if (forgeResourceDir) addForgeResource(assets, forgeResourceDir);
  return assets;
}

/** Every file of the UI Kit resource bundle Forge built, as it built them. */
function addForgeResource(assets: Map<string, Asset>, dir: string): void {
  for (const name of readdirSync(dir)) {
    const type = CONTENT_TYPES[path.extname(name)] ?? 'application/octet-stream';
    assets.set(`${FORGE_UI_PATH}/${name}`, {
      contentType: type,
      body: readFileSync(path.join(dir, name)),
    });
  }
}
