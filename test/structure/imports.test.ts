import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The import rules of docs/ARCHITECTURE.md, read from the source: no file reaches itself
 * through its imports (type-only imports count: they tie the files as tightly for a reader),
 * notify takes no scheduler constants and storage no notifier types.
 */
const ROOT = resolve(__dirname, '../..');
const PLACES = ['src', 'local/web'];
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

function resolved(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')];
  return candidates.find((path) => existsSync(path) && statSync(path).isFile()) ?? null;
}

function importGraph(): Map<string, string[]> {
  const files = PLACES.flatMap((place) => sourceFiles(join(ROOT, place)));
  return new Map(
    files.map((file) => {
      const text = readFileSync(file, 'utf8');
      const targets = [...text.matchAll(SPECIFIER)].map((m) => resolved(file, m[1]!));
      const name = (path: string) => relative(ROOT, path).split('\\').join('/');
      return [name(file), targets.flatMap((t) => (t ? [name(t)] : []))];
    }),
  );
}

/** Each circle once, as the files in the order their imports run (depth-first, bounded by the graph). */
function circles(graph: Map<string, string[]>): string[][] {
  const found = new Map<string, string[]>();
  const state = new Map<string, 'open' | 'done'>();
  const trail: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    trail.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') {
        const circle = trail.slice(trail.indexOf(next));
        found.set([...circle].sort().join(' '), circle);
      } else if (!state.has(next)) visit(next);
    }
    trail.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return [...found.values()];
}

function importsInto(graph: Map<string, string[]>, from: string, into: string): string[] {
  return [...graph]
    .filter(([file]) => file.startsWith(from))
    .flatMap(([file, targets]) =>
      targets.filter((t) => t.startsWith(into)).map((t) => `${file} -> ${t}`),
    );
}

describe('the import structure', () => {
  const graph = importGraph();

  it('reads the source it guards', () => {
    expect(graph.get('src/notify/http.ts')).toContain('src/http/client.ts');
    expect(graph.get('local/web/client/render/registry.ts')?.length).toBeGreaterThan(0);
  });

  it('has no import circle in src/ or local/web/', () => {
    expect(circles(graph).map((circle) => circle.join(' -> '))).toEqual([]);
  });

  it('keeps notify free of scheduler constants', () => {
    expect(importsInto(graph, 'src/notify/', 'src/scheduler/')).toEqual([]);
  });

  it('keeps storage free of notifier types', () => {
    expect(importsInto(graph, 'src/storage/', 'src/notify/')).toEqual([]);
  });

  it('keeps the HTTP transport below probes, notify and the inventory', () => {
    const above = [
      'src/probes/',
      'src/notify/',
      'src/inventory/',
      'src/scheduler/',
      'src/storage/',
    ];
    expect(above.flatMap((place) => importsInto(graph, 'src/http/', place))).toEqual([]);
    expect(importsInto(graph, 'src/notify/', 'src/probes/')).toEqual([]);
    expect(importsInto(graph, 'src/inventory/', 'src/probes/')).toEqual([]);
  });
});
