import React from 'react';
import { Select } from '@forge/react';
import type { CredentialKind } from '../../../domain/integration';
import { KIND_KEYS, KINDS } from '../../kinds';
import { FormField } from './FormField';

interface Option {
  label: string;
  value: CredentialKind;
}

const OPTIONS: Option[] = KIND_KEYS.map((kind) => ({ label: KINDS[kind].label, value: kind }));

interface Props {
  kind: CredentialKind | null;
  isDisabled: boolean;
  error?: string;
  onChange: (kind: CredentialKind) => void;
}

/** Chosen first: the kind decides every other field of the form. */
export function KindSelect({ kind, isDisabled, error, onChange }: Props) {
  return (
    <FormField
      id="kind"
      label="Kind"
      required
      error={error}
      help={isDisabled ? 'To change the kind, add a new integration.' : undefined}
    >
      <Select
        inputId="kind"
        name="kind"
        placeholder="What kind of credential is it?"
        isDisabled={isDisabled}
        isInvalid={error !== undefined}
        options={OPTIONS}
        value={OPTIONS.find((o) => o.value === kind) ?? null}
        onChange={(o: Option | null) => o && onChange(o.value)}
      />
    </FormField>
  );
}
