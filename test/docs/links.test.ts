import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** The documents a newcomer reads: they must make sense from a clone of this repository alone. */
function documents(): string[] {
  const docs = readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => path.join('docs', f));
  return ['README.md', 'local/dev/README.md', 'local/forge-runtime/README.md', ...docs];
}

/** Fenced code shows commands and imports, not places to go: only the prose is checked. */
function prose(text: string): string {
  return text.replace(/^```[\s\S]*?^```/gm, '');
}

/** Markdown links and images, `<autolinks>`, and paths in code spans that climb out with `../`. */
function targets(text: string): string[] {
  const body = prose(text);
  const links = [...body.matchAll(/\]\(\s*<?([^)\s>]+)/g)].map((m) => m[1] as string);
  const auto = [...body.matchAll(/<([a-z][a-z0-9+.-]*:[^>\s]+)>/gi)].map((m) => m[1] as string);
  const climbing = [...body.matchAll(/`(\.\.\/[^`]*)`/g)].map((m) => m[1] as string);
  return [...links, ...auto, ...climbing];
}

function outside(doc: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//'))
    return 'leaves the repository';
  const file = target.split('#')[0] as string;
  if (file === '') return undefined;
  const resolved = path.resolve(ROOT, path.dirname(doc), file);
  if (!resolved.startsWith(ROOT + path.sep)) return 'points outside the repository';
  if (!existsSync(resolved)) return 'names a file that does not exist';
  return undefined;
}

function problems(doc: string): string[] {
  const text = readFileSync(path.join(ROOT, doc), 'utf8');
  return targets(text).flatMap((t) => {
    const why = outside(doc, t);
    return why ? [`${doc}: ${t} ${why}`] : [];
  });
}

describe('the documentation stands alone', () => {
  it('has an architecture page that the README links to', () => {
    expect(existsSync(path.join(ROOT, 'docs/ARCHITECTURE.md'))).toBe(true);
    expect(targets(readFileSync(path.join(ROOT, 'README.md'), 'utf8'))).toContain(
      'docs/ARCHITECTURE.md',
    );
  });

  it.each(documents())('%s links only to files inside the repository', (doc) => {
    expect(problems(doc)).toEqual([]);
  });

  it('recognises a link outside the repository when it sees one', () => {
    const text = [
      'See [design](../shared/DESIGN.md), `../shared/lint`, [site](https://example.com),',
      '<https://example.com/a>, [gone](docs/missing.md) and [fine](README.md#layout).',
    ].join('\n');
    const found = targets(text).filter((t) => outside('README.md', t));
    expect(found).toEqual([
      '../shared/DESIGN.md',
      'https://example.com',
      'docs/missing.md',
      'https://example.com/a',
      '../shared/lint',
    ]);
  });
});
