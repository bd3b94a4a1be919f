import { startDemoServices, type DemoServices } from '../../../local/demo/services';
import { aligned, demoCredentials } from '../../../local/dev/credentials';

let demo: DemoServices;
beforeAll(async () => {
  demo = await startDemoServices({ portBase: 0, log: () => undefined });
});
afterAll(() => demo.close());

/** Where each cell after the first starts: the same in every row when the columns align. */
const starts = (line: string) =>
  [...line.matchAll(/ {2,}(\S)/g)].map((m) => m.index + m[0].length - 1);

describe("the start banner's columns", () => {
  it('line up the demo integrations however long a name or verdict is', () => {
    const rows = aligned(demo.list().map((t) => [t.slug, t.expect, t.story]));
    const firstTwo = rows.map((r) => starts(r).slice(0, 2));
    expect(new Set(firstTwo.map(String)).size).toBe(1);
    expect(rows.some((r) => r.startsWith('dc-deploys-service-account '))).toBe(true);
  });

  it('line up every credential value under the longest field label', () => {
    const fields = demoCredentials(demo).filter((l) => l.startsWith('  '));
    const valueAt = (l: string) => {
      const gap = /: +/.exec(l);
      return gap ? gap.index + gap[0].length : -1;
    };
    expect(new Set(fields.map(valueAt))).toEqual(new Set([valueAt(fields[0] ?? '')]));
    expect(fields.length).toBeGreaterThan(13);
  });
});
