/**
 * The handlers log one line per invocation, as Forge would keep them; a benchmark prints only
 * its figures, so those logs are dropped and figures go straight to stdout.
 */
export function muteHandlerLogs(): void {
  console.log = () => undefined;
}

export function report(line: string): void {
  process.stdout.write(`${line}\n`);
}
