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
  const [file = '', fragment] = target.split('#');
  const resolved = file === '' ? path.join(ROOT, doc) : path.resolve(ROOT, path.dirname(doc), file);
  if (!resolved.startsWith(ROOT + path.sep)) return 'points outside the repository';
  if (!existsSync(resolved)) return 'names a file that does not exist';
  if (fragment && resolved.endsWith('.md') && !anchors(resolved).includes(fragment))
    return 'names a heading that does not exist';
  return undefined;
}

/** The anchors GitHub gives a document's headings: lower case, punctuation dropped, spaces as -. */
function anchors(file: string): string[] {
  const headings = [...prose(readFileSync(file, 'utf8')).matchAll(/^#{1,6} +(.+?) *#*$/gm)];
  return headings.map((m) =>
    (m[1] as string)
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-'),
  );
}

const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

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
    expect(targets(README)).toContain('docs/ARCHITECTURE.md');
  });

  it('keeps the README a front door: under 300 lines, the details in docs/', () => {
    expect(README.split('\n').length).toBeLessThan(300);
  });

  it('links every page in docs/ from the README', () => {
    const linked = new Set(targets(README).map((t) => t.split('#')[0]));
    const pages = documents().filter((d) => d.startsWith('docs' + path.sep));
    expect(pages.filter((d) => !linked.has(d.split(path.sep).join('/')))).toEqual([]);
  });

  it("keeps the README's test command, the one CI runs", () => {
    const fenced = README.match(/^```[\s\S]*?^```/gm) ?? [];
    expect(fenced.join('\n')).toMatch(/^npm test\b/m);
  });

  it.each(documents())('%s links only to files inside the repository', (doc) => {
    expect(problems(doc)).toEqual([]);
  });

  it('recognises a link outside the repository when it sees one', () => {
    const text = [
      'See [design](../shared/DESIGN.md), `../shared/lint`, [site](https://example.com),',
      '<https://example.com/a>, [gone](docs/missing.md) and [fine](README.md#layout),',
      '[moved](README.md#the-cli-debug-one-credential-from-a-terminal), [here](#nowhere).',
    ].join('\n');
    const found = targets(text).filter((t) => outside('README.md', t));
    expect(found).toEqual([
      '../shared/DESIGN.md',
      'https://example.com',
      'docs/missing.md',
      'README.md#the-cli-debug-one-credential-from-a-terminal',
      '#nowhere',
      'https://example.com/a',
      '../shared/lint',
    ]);
  });
});
