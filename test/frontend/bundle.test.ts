import fs from 'node:fs';
import path from 'node:path';

const FRONTEND = path.resolve(__dirname, '../../src/frontend');
const DOMAIN = path.resolve(__dirname, '../../src/domain');
/** What the page's bundle may load at runtime; everything else must be `import type`. */
const ALLOWED = ['react', '@forge/react', '@forge/bridge'];
/**
 * Pure domain modules the page shares with the resolvers, so both speak the same words: each
 * loads nothing at runtime but others of this list (checked below).
 */
const PURE_DOMAIN = [
  'consumer-keys',
  'defaults',
  'expiry',
  'form-words',
  'inventory',
  'inventory-names',
  'kind-labels',
  'kind-rules',
  'limits',
  'live',
  'loopback',
  'overview-wire',
  'past-dates',
  'vendable',
  'verdict',
  'zoned-time',
].map((m) => path.join(DOMAIN, m));

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(file) : /\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

function runtimeImports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gm)].map((m) => m[1]!);
}

describe('the admin page bundle', () => {
  it('loads only React, the Forge UI packages and its own modules: no backend code', () => {
    const offending = sources(FRONTEND).flatMap((file) =>
      runtimeImports(file)
        .filter((spec) => !ALLOWED.includes(spec))
        .filter((spec) => {
          if (!spec.startsWith('.')) return true;
          const target = path.resolve(path.dirname(file), spec);
          return !target.startsWith(FRONTEND) && !PURE_DOMAIN.includes(target);
        })
        .map((spec) => `${path.relative(FRONTEND, file)} → ${spec}`),
    );
    expect(offending).toEqual([]);
  });

  it('shares with the resolvers only domain modules that load nothing else', () => {
    const offending = PURE_DOMAIN.flatMap((module) =>
      runtimeImports(`${module}.ts`)
        .filter((spec) => !PURE_DOMAIN.includes(path.resolve(DOMAIN, spec)))
        .map((spec) => `${path.basename(module)} → ${spec}`),
    );
    expect(offending).toEqual([]);
  });
});
