import React from 'react';
import { Textfield, Toggle } from '@forge/react';
import { SECRET_HELP, SECRET_LABEL } from '../../channels';
import { FormField, inputValue, isChecked } from '../form/FormField';
import type { ChannelDraft } from './channelDraft';

interface Props {
  draft: ChannelDraft;
  errors: Record<string, string>;
  /** The stored secret's fingerprint when editing; the secret itself is never shown. */
  fingerprint: string | null;
  onChange: (patch: Partial<ChannelDraft>) => void;
  onSecret: (value: string) => void;
}

type TextKey = 'projectKey' | 'issueType' | 'labels' | 'groupName' | 'url';

/**
 * The fields of the draft's channel type, each with its error from the last save.
 * The secret field has no `value`: what is typed stays in the host's input and the form's memory
 * and never travels back into the page's ForgeDoc.
 */
export function ChannelTypeFields({ draft, errors, fingerprint, onChange, onSecret }: Props) {
  const text = (key: TextKey, label: string, help?: string, required = false) => (
    <FormField
      id={`channel-${key}`}
      label={label}
      required={required}
      error={errors[`config.${key}`]}
      help={help}
    >
      <Textfield
        id={`channel-${key}`}
        name={key}
        value={draft[key]}
        onChange={(e) => onChange({ [key]: inputValue(e) })}
      />
    </FormField>
  );
  const toggle = (key: 'assignOwner' | 'notifyOwner', label: string) => (
    <FormField id={`channel-${key}`} label={label} error={errors[`config.${key}`]}>
      <Toggle
        id={`channel-${key}`}
        name={key}
        isChecked={draft[key]}
        onChange={(e) => onChange({ [key]: isChecked(e) })}
      />
    </FormField>
  );
  const secretLabel = SECRET_LABEL[draft.type];
  return (
    <>
      {draft.type === 'jira-issue' && (
        <>
          {text(
            'projectKey',
            'Project key',
            'The project the issues are created in, e.g. OPS.',
            true,
          )}
          {text('issueType', 'Issue type', 'E.g. Task or Bug.', true)}
          {text('labels', 'Labels', 'Comma-separated.')}
          {toggle('assignOwner', "Assign to the integration's owner")}
        </>
      )}
      {draft.type === 'jira-email' && (
        <>
          {toggle('notifyOwner', "Email the integration's owner")}
          {text('groupName', 'Also email this group', 'A Jira group name; optional.')}
        </>
      )}
      {draft.type === 'webhook' &&
        text('url', 'Receiver URL', 'https, on a host declared as egress in manifest.yml.', true)}
      {secretLabel && (
        <FormField
          id="channel-secret"
          label={secretLabel}
          required={fingerprint === null}
          error={errors.secret}
          help={
            fingerprint
              ? `Stored secret has the fingerprint ${fingerprint}. Leave empty to keep it${draft.type === 'webhook' ? ', unless the receiver URL changes: then enter it again' : ''}.`
              : SECRET_HELP[draft.type]
          }
        >
          <Textfield
            id="channel-secret"
            name="secret"
            type="password"
            isInvalid={errors.secret !== undefined}
            onChange={(e) => onSecret(inputValue(e))}
          />
        </FormField>
      )}
    </>
  );
}
