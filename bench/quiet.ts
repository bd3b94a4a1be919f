import { format } from 'node:util';

let logged = 0;
/** The lines logged since the last takeLines, at most MAX_LINES of them (the latest). */
let lines: string[] = [];
const MAX_LINES = 10_000;

/**
 * The handlers log one line per invocation, as Forge would keep them; a benchmark prints only
 * its figures, so those lines are dropped — but counted, since Forge bills the log volume.
 * Warnings and errors are counted and still shown.
 */
export function muteHandlerLogs(): void {
  const count = (...args: unknown[]) => {
    const line = format(...args);
    logged += Buffer.byteLength(line) + 1;
    lines.push(line);
    if (lines.length > MAX_LINES) lines = lines.slice(-MAX_LINES);
  };
  for (const level of ['log', 'info', 'debug'] as const) console[level] = count;
  for (const level of ['warn', 'error'] as const) {
    const show = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      count(...args);
      show(...args);
    };
  }
}

/** The handlers' lines since the last call: a benchmark reads what they say of themselves. */
export function takeLines(): string[] {
  const taken = lines;
  lines = [];
  return taken;
}

/** Bytes the handlers have logged since muteHandlerLogs. */
export const loggedBytes = (): number => logged;

export function report(line: string): void {
  process.stdout.write(`${line}\n`);
}
