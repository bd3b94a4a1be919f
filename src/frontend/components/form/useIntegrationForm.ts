import { useRef, useState } from 'react';
import type { IntegrationSummary, ResolverError, TestOutcome } from '../../../resolvers/contract';
import { api } from '../../api';
import { buildInput, hasChanges, type Draft, type FieldErrors } from '../../draft';
import type { CredentialKind } from '../../../domain/integration';
import { composeSecret, withDefaults, type FieldValues } from '../../kinds';
import { flagSuccess } from '../../flags';
import { FIX_FIELDS } from '../../../domain/form-words';

export interface Editing {
  id: string;
  name: string;
  fingerprint: string;
}

/** The add/edit form's state and its two actions: Test (stores nothing) and Save. */
export function useIntegrationForm(
  initial: Draft,
  editing: Editing | null,
  onSaved: (summary: IntegrationSummary) => unknown,
) {
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<ResolverError | null>(null);
  const [outcome, setOutcome] = useState<TestOutcome | null>(null);
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  const [secretTyped, setSecretTyped] = useState(false);
  // The typed secret lives here, not in state: nothing renders it, so no re-render can show it.
  const typed = useRef<Record<string, string>>({});

  const update = (edit: (d: Draft) => Draft) => {
    setDraft(edit);
    // A verdict applies to the config it tested, not to the edited one.
    setOutcome(null);
  };
  const change = (patch: Partial<Draft>) => update((d) => ({ ...d, ...patch }));
  const setValue = (name: keyof FieldValues, value: string) =>
    update((d) => ({ ...d, values: { ...d.values, [name]: value } }));
  const typeSecret = (part: string, value: string) => {
    typed.current[part] = value;
    setSecretTyped(Object.values(typed.current).some((v) => v !== ''));
  };
  const chooseKind = (kind: CredentialKind) =>
    update((d) => ({ ...d, kind, values: withDefaults(kind, d.values) }));
  const dirty = secretTyped || hasChanges(draft, initial);

  const prepare = () => {
    const secret = draft.kind ? composeSecret(draft.kind, draft.values, typed.current) : undefined;
    const built = buildInput(draft, secret, editing !== null);
    setErrors(built.ok ? {} : built.errors);
    // The same notice the resolvers' answer brings: one look at the top says there is work.
    setFailure(built.ok ? null : { code: 'BAD_INPUT', message: FIX_FIELDS, fields: built.errors });
    return built.ok ? built.input : null;
  };
  const fail = (error: ResolverError) => {
    setErrors(error.fields ?? {});
    setFailure(error);
  };

  const test = async () => {
    const input = prepare();
    if (!input) return;
    setBusy('test');
    setOutcome(null);
    const answer = await api.testIntegration(input, editing?.id);
    setBusy(null);
    if (answer.ok) setOutcome(answer.data);
    else fail(answer.error);
  };

  const save = async () => {
    const input = prepare();
    if (!input) return;
    setBusy('save');
    const answer = editing
      ? await api.updateIntegration(editing.id, input)
      : await api.createIntegration(input);
    setBusy(null);
    if (!answer.ok) return fail(answer.error);
    flagSuccess(`Saved ${answer.data.name}`);
    await onSaved(answer.data);
  };

  const state = { draft, errors, failure, outcome, busy, dirty };
  return { ...state, change, chooseKind, setValue, typeSecret, test, save };
}
