import React, { type ReactNode } from 'react';
import { ErrorMessage, HelperMessage, Label, RequiredAsterisk, Stack } from '@forge/react';

interface Props {
  id: string;
  label: string;
  required?: boolean;
  /** Shown instead of the help while the field is wrong. */
  error?: string;
  help?: string;
  children: ReactNode;
}

export function FormField({ id, label, required, error, help, children }: Props) {
  return (
    <Stack space="space.050">
      <Label labelFor={id}>
        {label}
        {required && <RequiredAsterisk />}
      </Label>
      {children}
      {error ? <ErrorMessage>{error}</ErrorMessage> : help && <HelperMessage>{help}</HelperMessage>}
    </Stack>
  );
}

/** What a Textfield's onChange carries: an event from the host, or a plain value. */
export function inputValue(event: unknown): string {
  if (typeof event === 'string') return event;
  const target = (event as { target?: { value?: unknown } } | null)?.target;
  return typeof target?.value === 'string' ? target.value : String(target?.value ?? '');
}

export function isChecked(event: unknown): boolean {
  if (typeof event === 'boolean') return event;
  return (event as { target?: { checked?: unknown } } | null)?.target?.checked === true;
}
