import React from 'react';
import { DatePicker, Select, Textfield, Toggle } from '@forge/react';
import type { FieldSpec } from '../../kinds';
import { FormField, inputValue, isChecked } from './FormField';

interface Props {
  spec: FieldSpec;
  value: string;
  error?: string;
  onChange: (value: string) => void;
}

interface Option {
  label: string;
  value: string;
}

function Control({ spec, value, error, onChange, id }: Props & { id: string }) {
  const invalid = error !== undefined;
  switch (spec.control) {
    case 'select': {
      const options: Option[] = (spec.options ?? []).map((o) => ({
        label: spec.optionLabels?.[o] ?? o,
        value: o,
      }));
      // Nothing sent means the default applies: show it, and offer no "none" to clear to.
      const shown = value || spec.defaultValue;
      return (
        <Select
          inputId={id}
          name={spec.name}
          isClearable={spec.defaultValue === undefined}
          isInvalid={invalid}
          options={options}
          value={options.find((o) => o.value === shown) ?? null}
          onChange={(o: Option | null) => onChange(o?.value ?? '')}
        />
      );
    }
    case 'toggle':
      return (
        <Toggle
          id={id}
          name={spec.name}
          isChecked={value === 'true'}
          onChange={(e) => onChange(isChecked(e) ? 'true' : '')}
        />
      );
    case 'date':
      return (
        <DatePicker
          id={id}
          name={spec.name}
          value={value}
          isInvalid={invalid}
          onChange={(v) => onChange(v ?? '')}
        />
      );
    default:
      return (
        <Textfield
          id={id}
          name={spec.name}
          type={spec.control === 'number' ? 'number' : 'text'}
          value={value}
          placeholder={spec.placeholder}
          isInvalid={invalid}
          onChange={(e) => onChange(inputValue(e))}
        />
      );
  }
}

/** One config field of the chosen kind, with its label, help and inline error. */
export function ConfigFieldInput(props: Props) {
  const id = `config-${props.spec.name}`;
  return (
    <FormField
      id={id}
      label={props.spec.label}
      required={props.spec.required}
      error={props.error}
      help={props.spec.help}
    >
      <Control {...props} id={id} />
    </FormField>
  );
}
