import fs from 'node:fs';
import path from 'node:path';

const FRONTEND = path.resolve(__dirname, '../../src/frontend');
/** What the page's bundle may load at runtime; everything else must be `import type`. */
const ALLOWED = ['react', '@forge/react', '@forge/bridge'];

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
          return !path.resolve(path.dirname(file), spec).startsWith(FRONTEND);
        })
        .map((spec) => `${path.relative(FRONTEND, file)} → ${spec}`),
    );
    expect(offending).toEqual([]);
  });
});
