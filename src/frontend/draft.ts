/** The add/edit form's state, and how it becomes the IntegrationInput the resolvers take. */
import type { CredentialKind, IntegrationConfig } from '../domain/integration';
import type { IntervalKey } from '../domain/schedule';
import type { IntegrationInput, IntegrationSummary } from '../resolvers/contract';
import { DAYS_HINT, parseDays } from './format';
import { fieldsOf, type FieldSpec, type FieldValues } from './kinds';

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
  placeholder: 'CI bot',
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

function convert(field: FieldSpec, text: string): unknown {
  if (field.control === 'number') return Number(text);
  if (field.control === 'toggle') return text === 'true';
  return text;
}

export type Built = { ok: true; input: IntegrationInput } | { ok: false; errors: FieldErrors };

/**
 * Only the fields the chosen kind shows are sent; the resolvers validate everything. The page
 * checks only what it must turn from text into numbers.
 */
export function buildInput(draft: Draft, secret: string | undefined): Built {
  if (!draft.kind)
    return { ok: false, errors: { 'config.kind': 'choose what kind of credential this is' } };
  const errors: FieldErrors = {};
  const config: Record<string, unknown> = { kind: draft.kind };
  for (const field of [NAME_FIELD, ...fieldsOf(draft.kind, draft.values)]) {
    const text = draft.values[field.name]?.trim();
    if (!text || (field.control === 'toggle' && text !== 'true')) continue;
    config[field.name] = convert(field, text);
    if (Number.isNaN(config[field.name])) errors[`config.${field.name}`] = 'must be a number';
  }
  if (draft.expiresAt) config.expiresAt = draft.expiresAt;
  if (draft.warnDays.trim()) {
    const days = parseDays(draft.warnDays);
    if (days) config.warnDays = days;
    else errors['config.warnDays'] = DAYS_HINT;
  }
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
