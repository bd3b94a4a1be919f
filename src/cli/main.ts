import { promises as fs } from 'node:fs';
import { parseIntegrationConfig } from '../domain/integration-input';
import { type IntegrationConfig } from '../domain/integration';
import { EXPIRY_PAST, expiryPassed } from '../domain/past-dates';
import { takesSecret } from '../domain/kind-rules';
import { BadInputError, runProbe } from '../probes/engine';
import type { FetchLike } from '../http/client';
import { FileGrantStore } from './file-grant-store';
import { parseArgs, UsageError, USAGE, type ProbeArgs } from './args';
import { EXIT_BAD_INPUT, EXIT_CODES, toJson, toText } from './format';
import { drawCommand } from './token';

export const SECRET_ENV = 'TOKEN_HEALTH_SECRET';

export interface CliIo {
  env: Record<string, string | undefined>;
  out: (text: string) => void;
  err: (text: string) => void;
  fetch: FetchLike;
  now: () => Date;
}

const defaultIo: CliIo = {
  env: process.env,
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
  fetch: globalThis.fetch as unknown as FetchLike,
  now: () => new Date(),
};

/** Bad input the admin can fix: reported in one line, exit 3, nothing sent. */
class InputError extends Error {}

export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.command === 'help') {
      io.out(USAGE);
      return argv.length === 0 ? EXIT_BAD_INPUT : 0;
    }
    if (args.command === 'token') return await drawCommand(args, io);
    return await probe(args, io);
  } catch (err) {
    if (err instanceof UsageError || err instanceof InputError || err instanceof BadInputError) {
      io.err(`token-health: ${err.message}`);
    } else {
      // Never a stack trace: an unexpected failure still gets one line and the "unknown" status.
      io.err(
        `token-health: unexpected failure: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    return EXIT_BAD_INPUT;
  }
}

async function probe(args: ProbeArgs, io: CliIo): Promise<number> {
  const config = await readConfig(args.file);
  if (expiryPassed(config.expiresAt, io.now()))
    throw new InputError(`${args.file}: ${EXPIRY_PAST}`);
  // A kind without a secret (public SAML metadata) is checked with none, whatever the variable holds.
  const secret = takesSecret(config.kind) ? secretFrom(io.env) : '';
  const grants = args.grantFile ? new FileGrantStore(args.grantFile) : undefined;
  const result = await runProbe(config, secret, { fetch: io.fetch, now: io.now, grants });
  io.out(args.json ? toJson(config, result) : toText(config, result));
  return EXIT_CODES[result.severity];
}

function secretFrom(env: CliIo['env']): string {
  const secret = env[SECRET_ENV];
  if (!secret || !secret.trim()) {
    throw new InputError(
      `set the secret in the environment variable ${SECRET_ENV} (it is never read from the command line)`,
    );
  }
  return secret;
}

async function readConfig(file: string): Promise<IntegrationConfig> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(
      `cannot read ${file}${code === 'ENOENT' ? ': no such file' : ` (${code})`}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new InputError(`${file} is not valid JSON (${(err as Error).message})`);
  }
  const parsed = parseIntegrationConfig(json);
  if (!parsed.ok) {
    const problems = Object.entries(parsed.errors).map(
      ([field, message]) => `${field}: ${message}`,
    );
    throw new InputError(`${file} is not a valid integration: ${problems.join('; ')}`);
  }
  return parsed.value;
}
