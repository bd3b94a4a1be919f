import path from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import { build } from 'esbuild';
import type { ForgeNode } from '../../../local/web/client/render/node';

type Html = (doc: ForgeNode) => string;
interface Renderer {
  html: Html;
  draws: (type: string) => boolean;
}

/**
 * Jest cannot load Atlaskit's CommonJS build (it requires .css files), so the renderer is
 * bundled for Node with the stylesheets left out, and run here.
 */
async function loadRenderer(): Promise<Renderer> {
  const result = await build({
    entryPoints: [path.join(__dirname, 'render-entry.tsx')],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    jsx: 'automatic',
    loader: { '.css': 'empty', '.svg': 'dataurl' },
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const module = { exports: {} as Partial<Renderer> };
  new Function('module', 'exports', 'require', result.outputFiles[0]!.text)(
    module,
    module.exports,
    require,
  );
  return module.exports as Renderer;
}

let key = 0;
function node(
  type: string,
  props: Record<string, unknown> = {},
  children: ForgeNode[] = [],
): ForgeNode {
  return { type, props, children, key: `k${key++}` };
}
const text = (value: string) => node('String', { text: value });

function table(): ForgeNode {
  const cell = (cellKey: string, content: string) => node('Cell', { cellKey }, [text(content)]);
  const head = node('ContentWrapper', { name: 'head' }, [
    cell('name', 'Name'),
    cell('verdict', 'Verdict'),
  ]);
  const rows = node('ContentWrapper', { name: 'rows' }, [
    node('Row', { rowKey: 'ci' }, [cell('n1', 'CI bot'), cell('v1', 'healthy')]),
    node('Row', { rowKey: 'old' }, [cell('n2', 'Old bot'), cell('v2', 'rejected')]),
  ]);
  return node('DynamicTable', { caption: 'Integrations' }, [head, rows]);
}

let html: Html;
let draws: Renderer['draws'];

beforeAll(async () => {
  ({ html, draws } = await loadRenderer());
  // Atlaskit asks its feature-gate client, which no page here initialises, and says so once.
  const warn = console.warn.bind(console);
  jest.spyOn(console, 'warn').mockImplementation((first: unknown, ...rest: unknown[]) => {
    const msg = (first as { msg?: unknown } | null)?.msg;
    if (!String(msg).includes('feature gate')) warn(first, ...rest);
  });
}, 60_000);

afterAll(() => jest.restoreAllMocks());

describe('the ForgeDoc renderer', () => {
  it('draws Atlaskit components from the ForgeDoc', () => {
    const doc = node('Root', {}, [
      node('Stack', { space: 'space.200' }, [
        node('SectionMessage', { title: '2 credentials need attention', appearance: 'warning' }, [
          node('Text', {}, [text('Old bot is rejected')]),
        ]),
        node('Lozenge', { appearance: 'removed' }, [text('rejected')]),
        node('Button', { appearance: 'primary', onClick: () => undefined }, [text('Check now')]),
        table(),
      ]),
    ]);
    const out = html(doc);
    expect(out).toContain('2 credentials need attention');
    expect(out).toContain('Old bot is rejected');
    expect(out).toMatch(/<span[^>]*>rejected<\/span>/);
    expect(out).toMatch(/<button[^>]*type="button"[^>]*>.*Check now/);
    expect(out.match(/<tr/g)).toHaveLength(3);
    expect(out).toContain('CI bot');
    expect(out).toContain('<caption');
  });

  it('labels inputs with their Label and gives them their name', () => {
    const doc = node('Root', {}, [
      node('Label', { labelFor: 'forge-app-abcde-name' }, [text('Name')]),
      node('Textfield', { id: 'forge-app-abcde-name', name: 'name', value: 'CI bot' }),
    ]);
    const out = html(doc);
    expect(out).toMatch(/<label[^>]*for="forge-app-abcde-name"[^>]*>Name/);
    expect(out).toMatch(/<input[^>]*id="forge-app-abcde-name"[^>]*name="name"[^>]*value="CI bot"/);
  });

  it('draws a type it does not know as its children, marked with the type', () => {
    const out = html(node('Mystery', {}, [text('still here')]));
    expect(out).toBe('<div data-forge-type="Mystery">still here</div>');
  });

  it('draws a line chart as SVG, one point per datum', () => {
    const data = [
      { day: '2026-01-01', success: 100 },
      { day: '2026-01-02', success: 50 },
    ];
    const out = html(
      node('LineChart', { data, xAccessor: 'day', yAccessor: 'success', title: 'History' }),
    );
    expect(out).toContain('<svg role="img" aria-label="History"');
    expect(out.match(/<circle/g)).toHaveLength(2);
  });
});

/** Every name the admin page imports from @forge/react, read from its source files. */
function namesImportedByTheApp(): string[] {
  const dir = path.join(__dirname, '../../../src/frontend');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.tsx'),
  );
  const names = new Set<string>();
  for (const file of files) {
    const source = readFileSync(path.join(dir, file), 'utf8');
    for (const [, list] of source.matchAll(/import \{([^}]*)\} from '@forge\/react'/g)) {
      for (const name of list!.split(',').map((n) => n.trim())) {
        if (name && !name.startsWith('type ')) names.add(name);
      }
    }
  }
  return [...names];
}

/**
 * The node type a @forge/react export sends over the bridge: most are the type's name as a
 * string; a few (Popup, DynamicTable) are functions that wrap their props into one node.
 */
function nodeType(exported: unknown): string | null {
  if (typeof exported === 'string') return exported;
  if (typeof exported !== 'function') return null;
  const element = (exported as (props: object) => { type: unknown } | null)({
    content: () => null,
    trigger: () => null,
  });
  return typeof element?.type === 'string' ? element.type : null;
}

describe('the components the admin page uses', () => {
  it('are all drawn by the local page', async () => {
    // @forge/react's bridge module wants a host when it loads; none is called here.
    Object.assign(globalThis, { __bridge: { callBridge: () => undefined } });
    const forgeReact = (await import('@forge/react')) as unknown as Record<string, unknown>;
    const types = namesImportedByTheApp()
      .map((name) => ({ name, type: nodeType(forgeReact[name]) }))
      .filter((c): c is { name: string; type: string } => c.type !== null);
    expect(types.map((c) => c.name)).toEqual(expect.arrayContaining(['Button', 'CheckboxGroup']));
    expect(types.filter((c) => !draws(c.type)).map((c) => c.name)).toEqual([]);
  });
});
