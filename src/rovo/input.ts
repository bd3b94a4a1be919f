/**
 * Inputs as Rovo passes them: top-level keys of the action's payload, filled in by a language
 * model from chat. Anything can arrive, so every value is checked before it is used, and a
 * problem is answered in plain words the agent can relay.
 */
import type { IntegrationSummary } from '../domain/summary';

/** More than any name or date phrase needs; a pasted essay is refused, not searched. */
export const MAX_INPUT_CHARS = 200;
/** How many near names a failed lookup suggests. */
const MAX_CANDIDATES = 10;

/** A problem with what the agent sent: its message is the answer. */
export class ActionInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ActionInputError';
  }
}

// Control characters other than ordinary whitespace, and Unicode direction overrides.
// eslint-disable-next-line no-control-regex
const HOSTILE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

/** An optional text input: trimmed, bounded, readable; undefined when absent or blank. */
export function textInput(
  payload: Record<string, unknown>,
  name: string,
  label: string,
): string | undefined {
  const value = payload[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new ActionInputError(`${label}: expected text.`);
  }
  const text = String(value).trim();
  if (text.length > MAX_INPUT_CHARS) {
    throw new ActionInputError(`${label}: too long, at most ${MAX_INPUT_CHARS} characters.`);
  }
  if (HOSTILE.test(text)) {
    throw new ActionInputError(`${label}: contains control characters; send plain text.`);
  }
  return text === '' ? undefined : text;
}

export function requiredText(payload: Record<string, unknown>, name: string, label: string) {
  const text = textInput(payload, name, label);
  if (text === undefined) throw new ActionInputError(`${label}: required.`);
  return text;
}

function described(rows: IntegrationSummary[]): string {
  return rows
    .slice(0, MAX_CANDIDATES)
    .map((r) => `"${r.name}" (id ${r.id})`)
    .join(', ');
}

/**
 * The credential `ref` names: the one with that exact id, else the one whose name matches
 * ignoring case. Two with the same name, or none, are answered with the candidates to pick from.
 */
export function findCredential(rows: IntegrationSummary[], ref: string): IntegrationSummary {
  const byId = rows.find((r) => r.id === ref);
  if (byId) return byId;
  const wanted = ref.toLowerCase();
  const named = rows.filter((r) => r.name.toLowerCase() === wanted);
  const [only] = named;
  if (only && named.length === 1) return only;
  if (named.length > 1) {
    throw new ActionInputError(
      `Several credentials have that name; ask again with one of their ids: ${described(named)}.`,
    );
  }
  const near = rows.filter((r) => r.name.toLowerCase().includes(wanted));
  const hint = near.length > 0 ? ` Did you mean ${described(near)}?` : '';
  throw new ActionInputError(`No credential has that id or name.${hint}`);
}
