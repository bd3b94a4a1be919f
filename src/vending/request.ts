import { z } from 'zod';

/** The part of Forge's web trigger request the vending endpoint reads (FORGE-PLATFORM.md 7.3). */
export interface TriggerRequest {
  method: string;
  headers: Record<string, string[]>;
  body: string;
}

const MAX_BODY_CHARS = 2048;
const body = z
  .object({
    integration: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9._-]+$/),
  })
  .strict();

/** The bearer key, or null: Forge passes header names lower-cased, each with an array of values. */
export function bearerKey(request: TriggerRequest): string | null {
  const entry = Object.entries(request.headers ?? {}).find(
    ([name]) => name.toLowerCase() === 'authorization',
  );
  const values = entry?.[1] ?? [];
  if (values.length !== 1) return null;
  const match = /^Bearer ([^\s]+)$/i.exec(values[0] ?? '');
  return match?.[1] ?? null;
}

export type Parsed = { ok: true; integration: string } | { ok: false; message: string };

export function parseBody(text: string | undefined): Parsed {
  const bad: Parsed = {
    ok: false,
    message: 'the body must be JSON of the form {"integration": "<integration id>"}',
  };
  if (!text || text.length > MAX_BODY_CHARS) return bad;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return bad;
  }
  const parsed = body.safeParse(value);
  return parsed.success ? { ok: true, integration: parsed.data.integration } : bad;
}
