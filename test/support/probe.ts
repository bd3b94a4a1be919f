import { parseIntegrationConfig } from '../../src/domain/integration-input';
import type { CheckResult } from '../../src/domain/result';
import { runProbe, type ProbeDeps } from '../../src/probes/engine';
import type { FetchLike } from '../../src/http/client';

/** The clock tests run at: a fixed instant, so expiry arithmetic is exact. */
export const NOW = new Date('2026-11-23T12:00:00.000Z');

export function daysFromNow(days: number): Date {
  return new Date(NOW.getTime() + days * 86_400_000);
}

/** Runs the real engine with Node's fetch against local servers, at a fixed clock. */
export async function check(
  input: Record<string, unknown>,
  secret: string,
  deps: Partial<ProbeDeps> = {},
): Promise<CheckResult> {
  const parsed = parseIntegrationConfig(input);
  if (!parsed.ok) throw new Error(`bad test config: ${JSON.stringify(parsed.errors)}`);
  return runProbe(parsed.value, secret, {
    fetch: globalThis.fetch as unknown as FetchLike,
    now: () => NOW,
    requestTimeoutMs: 1500,
    ...deps,
  });
}

/** Every string a result carries, for "the secret appears nowhere" assertions. */
export function serialised(result: CheckResult): string {
  return JSON.stringify(result);
}
