import { parseTokenArgs, type TokenArgs } from './token';

export interface ProbeArgs {
  command: 'probe';
  file: string;
  json: boolean;
  grantFile: string | null;
}
export type Args = ProbeArgs | TokenArgs | { command: 'help' };

export const USAGE = `Usage: token-health probe <integration.json> [--json] [--grant-file <path>]
       token-health token --url <vending URL> --integration <id>

Checks one credential the way the Token Health app does and prints its verdict.
The secret is read from the environment variable TOKEN_HEALTH_SECRET, never from the command line.
For atlassian-oauth2 it is JSON: {"clientId","clientSecret","refreshToken"} (keep) or {"accessToken"} (observe).
For atlassian-service-account and datacenter-oauth2-client it is JSON: {"clientId","clientSecret"}.
saml-idp-certificate reads public metadata and needs no secret.

  --json              print one JSON object instead of text
  --grant-file <path> keep mode: where the rotated refresh token is saved (mode 0600) and read back next time

token prints one access token drawn from the app's vending web trigger (docs/VENDING.md); the
consumer key is read from TOKEN_HEALTH_CONSUMER_KEY. Exit status: 0 printed, 1 over the key's
hourly rate (try later), 2 refused (key or grant), 3 unknown or bad input.

Exit status: 0 ok, 1 warning, 2 critical, 3 unknown or bad input.`;

export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseArgs(argv: readonly string[]): Args {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h'))
    return { command: 'help' };
  const [command, ...rest] = argv;
  if (command === 'token') return parseTokenArgs(rest, (m) => new UsageError(m));
  if (command !== 'probe')
    throw new UsageError(
      `unknown command "${command}" (try: token-health probe <integration.json>)`,
    );
  let json = false;
  let grantFile: string | null = null;
  const files: string[] = [];
  for (let i = 0; i < rest.length; i += 1) {
    const arg = rest[i] ?? '';
    if (arg === '--json') json = true;
    else if (arg === '--grant-file') {
      grantFile = rest[i + 1] ?? null;
      if (!grantFile) throw new UsageError('--grant-file needs a path');
      i += 1;
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else files.push(arg);
  }
  const [file] = files;
  if (files.length !== 1 || !file) {
    throw new UsageError(
      'give exactly one integration file: token-health probe <integration.json>',
    );
  }
  return { command: 'probe', file, json, grantFile };
}
