import React from 'react';
import { DatePicker, Select, Textfield, UserPicker } from '@forge/react';
import type { IntervalKey } from '../../../domain/schedule';
import type { Draft, FieldErrors } from '../../draft';
import { INTERVAL_KEYS, INTERVAL_LABEL } from '../../format';
import { FormField, inputValue } from './FormField';

interface Props {
  draft: Draft;
  errors: FieldErrors;
  onChange: (patch: Partial<Draft>) => void;
}

interface Option {
  label: string;
  value: IntervalKey | '';
}

const INTERVALS: Option[] = [
  { label: 'Default (from Settings)', value: '' },
  ...INTERVAL_KEYS.map((key) => ({ label: INTERVAL_LABEL[key], value: key })),
];

/** Kinds whose expiry no API tells: the admin must type the date (see domain/kind-rules.ts). */
const EXPIRY_REQUIRED = new Set<Draft['kind']>(['atlassian-service-account']);

/** When to check, when it expires, when to warn, and who looks after it. */
export function ScheduleFields({ draft, errors, onChange }: Props) {
  return (
    <>
      <FormField id="interval" label="Check" error={errors.interval}>
        <Select
          inputId="interval"
          name="interval"
          options={INTERVALS}
          value={INTERVALS.find((o) => o.value === (draft.interval ?? '')) ?? null}
          onChange={(o: Option | null) => onChange({ interval: o?.value || null })}
        />
      </FormField>
      <FormField
        id="expiresAt"
        label="Expires on"
        required={EXPIRY_REQUIRED.has(draft.kind)}
        error={errors['config.expiresAt']}
        help="The date the service showed when the credential was made. Kinds that report their own expiry do not need it."
      >
        <DatePicker
          id="expiresAt"
          name="expiresAt"
          value={draft.expiresAt}
          isInvalid={errors['config.expiresAt'] !== undefined}
          onChange={(v) => onChange({ expiresAt: v ?? '' })}
        />
      </FormField>
      <FormField
        id="warnDays"
        label="Warn days ahead"
        error={errors['config.warnDays']}
        help="E.g. 30, 14, 7, 1. Leave empty for the thresholds in Settings."
      >
        <Textfield
          id="warnDays"
          name="warnDays"
          value={draft.warnDays}
          isInvalid={errors['config.warnDays'] !== undefined}
          onChange={(e) => onChange({ warnDays: inputValue(e) })}
        />
      </FormField>
      <UserPicker
        label="Owner"
        name="ownerAccountId"
        description="Who renews this credential."
        defaultValue={draft.ownerAccountId ?? undefined}
        onChange={(user) => onChange({ ownerAccountId: user?.id ?? null })}
      />
    </>
  );
}
