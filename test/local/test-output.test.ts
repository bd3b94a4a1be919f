import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** `npm test` on one suite whose handlers log every sweep and check, as a newcomer runs it. */
function npmTest(...args: string[]): string {
  const run = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), ...args], {
    cwd: ROOT,
    env: { ...process.env, TOKEN_HEALTH_TEST_LOGS: '' },
    encoding: 'utf8',
  });
  return `${run.stdout}${run.stderr}`;
}

describe('npm test', () => {
  it('prints the summary and nothing of a suite that passes: no file list, no handler logs', () => {
    const output = npmTest('test/scheduler/facts.e2e.test.ts');
    expect(output).toMatch(/Tests:\s+1 passed, 1 total/);
    expect(output).not.toMatch(/PASS|console\.log|checked \d+, skipped/);
  }, 60_000);

  it('prints a failing suite with its warnings, but not its log lines', () => {
    const fixtures = path.join(ROOT, 'test/local/fixtures/failing-suite');
    const output = npmTest('--roots', fixtures, '--testMatch', '**/*.fixture.ts');
    expect(output).toMatch(/FAIL .*fails\.fixture\.ts/);
    expect(output).toContain('a warning worth reading');
    expect(output).toMatch(/Tests:\s+1 failed, 1 total/);
    expect(output).not.toContain('a handler log line');
  }, 60_000);
});
