import { format } from 'node:util';

let logged = 0;

/**
 * The handlers log one line per invocation, as Forge would keep them; a benchmark prints only
 * its figures, so those lines are dropped — but counted, since Forge bills the log volume.
 * Warnings and errors are counted and still shown.
 */
export function muteHandlerLogs(): void {
  const count = (...args: unknown[]) => {
    logged += Buffer.byteLength(format(...args)) + 1;
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

/** Bytes the handlers have logged since muteHandlerLogs. */
export const loggedBytes = (): number => logged;

export function report(line: string): void {
  process.stdout.write(`${line}\n`);
}
