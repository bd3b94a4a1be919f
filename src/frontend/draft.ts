/** The add/edit form's state, and how it becomes the IntegrationInput the resolvers take. */
import type { CredentialKind, IntegrationConfig } from '../domain/integration';
import { kindIssues, takesSecret } from '../domain/kind-rules';
import type { IntervalKey } from '../domain/schedule';
import type { IntegrationInput, IntegrationSummary } from '../resolvers/contract';
import { fieldProblem, requiredText, secretProblems } from './draftChecks';
import { DAYS_HINT, parseDays } from './format';
import { fieldsOf, withDefaults, type FieldSpec, type FieldValues } from './kinds';

export interface Draft {
  /** Null until the admin picks one: the kind decides every other field. */
  kind: CredentialKind | null;
  values: FieldValues;
  expiresAt: string;
  /** Empty: the thresholds from Settings apply. */
  warnDays: string;
  /** Null: the default interval from Settings applies. */
  interval: IntervalKey | null;
  ownerAccountId: string | null;
}

/** Field name (as the BAD_INPUT envelope names it, see contract.ts) → what is wrong. */
export type FieldErrors = Record<string, string>;

export const NAME_FIELD: FieldSpec = {
  name: 'name',
  label: 'Name',
  control: 'text',
  required: true,
  placeholder: 'e.g. CI bot',
};

export const EMPTY_DRAFT: Draft = {
  kind: null,
  values: {},
  expiresAt: '',
  warnDays: '',
  interval: null,
  ownerAccountId: null,
};

export function draftFrom(config: IntegrationConfig, summary: IntegrationSummary): Draft {
  const values: FieldValues = {};
  for (const [key, value] of Object.entries(config)) {
    if (key === 'kind' || key === 'warnDays' || key === 'expiresAt') continue;
    values[key as keyof FieldValues] = String(value);
  }
  return {
    kind: config.kind,
    values,
    expiresAt: config.expiresAt ? config.expiresAt.slice(0, 10) : '',
    warnDays: config.warnDays ? config.warnDays.join(', ') : '',
    interval: summary.interval,
    ownerAccountId: summary.ownerAccountId,
  };
}

/** What the admin typed or chose beyond the kind and its defaults: closing the dialog loses it. */
function typing(d: Draft): string {
  const defaults: FieldValues = d.kind ? withDefaults(d.kind, {}) : {};
  const values = Object.entries(d.values).filter(
    ([name, value]) => value !== '' && value !== defaults[name as keyof FieldValues],
  );
  return JSON.stringify({ ...d, kind: null, values: Object.fromEntries(values) });
}

export function hasChanges(draft: Draft, initial: Draft): boolean {
  return typing(draft) !== typing(initial);
}

function convert(field: FieldSpec, text: string): unknown {
  if (field.control === 'number') return Number(text);
  if (field.control === 'toggle') return text === 'true';
  return text;
}

export type Built = { ok: true; input: IntegrationInput } | { ok: false; errors: FieldErrors };

/** The config the chosen kind's fields make, and every problem the page can see in them. */
function configOf(draft: Draft & { kind: CredentialKind }) {
  const errors: FieldErrors = {};
  const config: Record<string, unknown> = { kind: draft.kind };
  for (const field of [NAME_FIELD, ...fieldsOf(draft.kind, draft.values)]) {
    const text = draft.values[field.name]?.trim() ?? '';
    const problem = fieldProblem(field, text);
    if (problem) errors[`config.${field.name}`] = problem;
    if (!text || (field.control === 'toggle' && text !== 'true')) continue;
    config[field.name] = convert(field, text);
  }
  if (draft.expiresAt) config.expiresAt = draft.expiresAt;
  if (draft.warnDays.trim()) {
    const days = parseDays(draft.warnDays);
    if (days) config.warnDays = days;
    else errors['config.warnDays'] = DAYS_HINT;
  }
  // The kind's own needs, in the resolvers' words; they outrank a generic "is required".
  for (const [name, message] of kindIssues(config as IntegrationConfig)) {
    if (!errors[`config.${name}`] || !config[name]) errors[`config.${name}`] = message;
  }
  return { config, errors };
}

/**
 * Only the fields the chosen kind shows are sent. Every problem the page can see is reported at
 * once, next to its field; the resolvers check the rest (egress, the secret's shape) and answer
 * with their own field errors.
 */
export function buildInput(draft: Draft, secret: string | undefined, stored: boolean): Built {
  if (!draft.kind) {
    const kind = `${requiredText('Kind')}: choose what kind of credential this is`;
    return { ok: false, errors: { 'config.kind': kind } };
  }
  const { config, errors } = configOf({ ...draft, kind: draft.kind });
  if (takesSecret(draft.kind)) Object.assign(errors, secretProblems(secret, stored));
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const input: IntegrationInput = {
    // The resolvers own validation: the page sends what was typed.
    config: config as IntegrationConfig,
    ownerAccountId: draft.ownerAccountId,
    ...(draft.interval ? { interval: draft.interval } : {}),
    ...(secret ? { secret } : {}),
  };
  return { ok: true, input };
}
