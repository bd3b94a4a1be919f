/**
 * Untrusted input to an integration: the fields' own formats (integration.ts), then what each
 * kind needs besides them (kind-rules.ts). Above both, so the rules can read the config's type.
 */
import type { z } from 'zod';
import {
  integrationConfigSchema,
  toFieldErrors,
  type IntegrationConfig,
  type ParseResult,
} from './integration';
import { kindIssues } from './kind-rules';
import { PLAIN } from './plain-input';

function requireKindFields(config: IntegrationConfig, ctx: z.RefinementCtx): void {
  for (const [field, message] of kindIssues(config)) {
    ctx.addIssue({ code: 'custom', path: [field], message });
  }
}

const integrationInputSchema = integrationConfigSchema.superRefine(requireKindFields);

/** Validates untrusted input into a config, or field errors in plain words. */
export function parseIntegrationConfig(input: unknown): ParseResult<IntegrationConfig> {
  const result = integrationInputSchema.safeParse(input, PLAIN);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: toFieldErrors(result.error) };
}
