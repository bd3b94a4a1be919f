import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * A merge left half-done shows in no compiler when it lands in docs or data: the tree's text
 * files hold no conflict marker line. Read from git's list of files, so an untracked build
 * output is not judged.
 */
const ROOT = resolve(__dirname, '../..');
const MARKER = /^(<{7} |={7}$|>{7} )/m;
const TEXT = /\.(ts|tsx|js|cjs|mjs|json|md|yml|yaml|sh|html|css|txt)$/;

function trackedTextFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' });
  return listed.split('\0').filter((path) => TEXT.test(path));
}

describe('the tree after a merge', () => {
  it('holds no conflict markers in any tracked text file', () => {
    const files = trackedTextFiles();
    expect(files.length).toBeGreaterThan(100);
    const marked = files.filter((path) => MARKER.test(readFileSync(join(ROOT, path), 'utf8')));
    expect(marked).toEqual([]);
  });
});
