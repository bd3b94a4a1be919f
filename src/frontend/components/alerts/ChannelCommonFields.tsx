import React from 'react';
import { Select, Textfield, Toggle } from '@forge/react';
import type { ChannelType } from '../../../domain/channels';
import { CHANNEL_LABEL, CHANNEL_TYPE_KEYS, DIGEST_TYPES } from '../../channels';
import { FormField, inputValue, isChecked } from '../form/FormField';
import type { ChannelDraft } from './channelDraft';

interface Option<T extends string> {
  label: string;
  value: T;
}

const TYPES: Option<ChannelType>[] = CHANNEL_TYPE_KEYS.map((value) => ({
  label: CHANNEL_LABEL[value],
  value,
}));

const ROLES: Option<ChannelDraft['role']>[] = [
  { label: 'Primary: hears every alert', value: 'primary' },
  { label: 'Escalation: hears escalations and what follows', value: 'escalation' },
];

interface Props {
  draft: ChannelDraft;
  errors: Record<string, string>;
  /** A channel keeps its type once saved. */
  typeFixed: boolean;
  onChange: (patch: Partial<ChannelDraft>) => void;
}

/** Type, name, role, digest and enabled: what every channel has. */
export function ChannelCommonFields({ draft, errors, typeFixed, onChange }: Props) {
  return (
    <>
      <FormField id="channel-type" label="Channel type" required error={errors['config.type']}>
        <Select
          inputId="channel-type"
          name="type"
          isDisabled={typeFixed}
          options={TYPES}
          value={TYPES.find((o) => o.value === draft.type) ?? null}
          onChange={(o: Option<ChannelType> | null) =>
            o && onChange({ type: o.value, digest: draft.digest && DIGEST_TYPES.includes(o.value) })
          }
        />
      </FormField>
      <FormField id="channel-name" label="Name" required error={errors['config.name']}>
        <Textfield
          id="channel-name"
          name="name"
          value={draft.name}
          onChange={(e) => onChange({ name: inputValue(e) })}
        />
      </FormField>
      <FormField id="channel-role" label="Role" error={errors['config.role']}>
        <Select
          inputId="channel-role"
          name="role"
          options={ROLES}
          value={ROLES.find((o) => o.value === draft.role) ?? null}
          onChange={(o: Option<ChannelDraft['role']> | null) => o && onChange({ role: o.value })}
        />
      </FormField>
      {DIGEST_TYPES.includes(draft.type) && (
        <FormField
          id="channel-digest"
          label="Send a daily digest instead of each alert"
          error={errors['config.digest']}
        >
          <Toggle
            id="channel-digest"
            name="digest"
            isChecked={draft.digest}
            onChange={(e) => onChange({ digest: isChecked(e) })}
          />
        </FormField>
      )}
      <FormField id="channel-enabled" label="Enabled" error={errors['config.enabled']}>
        <Toggle
          id="channel-enabled"
          name="enabled"
          isChecked={draft.enabled}
          onChange={(e) => onChange({ enabled: isChecked(e) })}
        />
      </FormField>
    </>
  );
}
