import React from 'react';
import { Textfield } from '@forge/react';
import type { SecretPart } from '../../kinds';
import { FormField, inputValue } from './FormField';

interface Props {
  parts: SecretPart[];
  /** The stored secret's fingerprint when editing: then an empty field keeps it. */
  fingerprint: string | null;
  error?: string;
  onType: (part: string, value: string) => void;
}

/**
 * Write-only: the fields have no `value`, so what is typed stays in the host's input and in
 * the form's memory, and never travels back into the page's ForgeDoc.
 */
export function SecretFields({ parts, fingerprint, error, onType }: Props) {
  const help = fingerprint
    ? `The stored secret has the fingerprint ${fingerprint}. Leave empty to keep it. It goes only where it was entered for: to send it to another address or in another way, enter it again.`
    : 'Kept as a Forge secret and never shown again: only its last 4 characters are.';
  return (
    <>
      {parts.map((part, i) => (
        <FormField
          key={part.name}
          id={`secret-${part.name}`}
          label={part.label}
          required={!fingerprint}
          error={i === 0 ? error : undefined}
          help={i === parts.length - 1 ? help : undefined}
        >
          <Textfield
            id={`secret-${part.name}`}
            name={part.name}
            type={part.visible ? 'text' : 'password'}
            isInvalid={i === 0 && error !== undefined}
            onChange={(e) => onType(part.name, inputValue(e))}
          />
        </FormField>
      ))}
    </>
  );
}
