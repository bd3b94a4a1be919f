/**
 * Bundles the app with Forge's own bundler (offline) into .forge-bundle/, then checks what
 * `forge deploy` would ship: no bundling error, no warning, and the size budgets. Prints each
 * figure next to its budget; exits 1 on any failure. Usage: tsx scripts/forge-bundle.ts, or
 * `--check FILE` to check a bundle already written to .forge-bundle/ whose bundler output is FILE
 * (.ci/run calls ../shared/forge-offline/bundle itself, then this).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, '.forge-bundle');
const BUNDLER =
  process.env.FORGE_OFFLINE_BUNDLE ?? path.resolve(ROOT, '../shared/forge-offline/bundle');
// Decimal megabytes, as the bundler itself prints them.
const MB = 1_000_000;
/**
 * Budgets for what loads on a cold start and what the admin's browser downloads. The backend's
 * was 2 MB until the SAML kind needed a real XML parser (@xmldom/xmldom, about 0.2 MB bundled)
 * and the Rovo actions, vending and Realtime arrived; zod is still 0.9 MB of it.
 */
const BACKEND_BUDGET = 2.5 * MB;
const RESOURCE_BUDGET = 0.5 * MB;

/** Bytes of shipped files under `dir`; source maps are not counted (they load only in devtools). */
function shippedBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) total += shippedBytes(file);
    else if (!entry.name.endsWith('.map')) total += statSync(file).size;
  }
  return total;
}

function budgetLine(what: string, bytes: number, budget: number): string | null {
  const ok = bytes <= budget;
  console.log(
    `${what}: ${(bytes / MB).toFixed(2)} MB (budget ${(budget / MB).toFixed(2)} MB) ${ok ? 'ok' : 'OVER BUDGET'}`,
  );
  return ok ? null : `${what} is over its budget`;
}

/** The bundler's output: run here, or (with --check FILE) read from a run .ci/run made. */
function bundled(): { status: number | null; output: string } {
  const at = process.argv.indexOf('--check');
  const file = at >= 0 ? process.argv[at + 1] : undefined;
  if (file) return { status: existsSync(OUT) ? 0 : 1, output: readFileSync(file, 'utf8') };
  const run = spawnSync(BUNDLER, [ROOT, '--out', OUT], { encoding: 'utf8', timeout: 600_000 });
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  process.stdout.write(output);
  return { status: run.status, output };
}

function main(): number {
  if (!process.argv.includes('--check') && !existsSync(BUNDLER)) {
    console.log(`Forge's offline bundler was not found at ${BUNDLER} (set FORGE_OFFLINE_BUNDLE)`);
    return 1;
  }
  const built = bundled();
  const { output } = built;
  const problems: string[] = [];
  if (built.status !== 0) problems.push('the bundler reported an error');
  const warnings = output.split('\n').filter((line) => line.startsWith('warning:'));
  if (warnings.length > 0) problems.push(`the bundler printed ${warnings.length} warning(s)`);
  if (built.status === 0) {
    const backend = budgetLine('backend', shippedBytes(path.join(OUT, 'backend')), BACKEND_BUDGET);
    if (backend) problems.push(backend);
    for (const key of readdirSync(path.join(OUT, 'resources'))) {
      const bytes = shippedBytes(path.join(OUT, 'resources', key));
      const over = budgetLine(`UI resource ${key}`, bytes, RESOURCE_BUDGET);
      if (over) problems.push(over);
    }
  }
  for (const problem of problems) console.log(`bundle check failed: ${problem}`);
  if (problems.length === 0) console.log('bundle check: ok');
  return problems.length === 0 ? 0 : 1;
}

process.exitCode = main();
