import React from 'react';
import {
  Box,
  Button,
  Form,
  LoadingButton,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalTitle,
  Inline,
  Stack,
} from '@forge/react';
import type { IntegrationSummary } from '../../../resolvers/contract';
import { NAME_FIELD, type Draft, type FieldErrors } from '../../draft';
import { fieldLabel, fieldsOf, secretParts } from '../../kinds';
import { ErrorNotice } from '../ErrorNotice';
import { CloudIdFinder } from './CloudIdFinder';
import { ConfigFieldInput } from './ConfigFieldInput';
import { DiscardPrompt, useDiscardGuard } from './DiscardGuard';
import { KindSelect } from './KindSelect';
import { ScheduleFields } from './ScheduleFields';
import { SecretFields } from './SecretFields';
import { TestResult } from './TestResult';
import { useIntegrationForm, type Editing } from './useIntegrationForm';

interface Props {
  initial: Draft;
  editing?: Editing;
  onClose: () => void;
  onSaved: (summary: IntegrationSummary) => unknown;
}

/** Fields this form always shows an error next to; the kind's own fields are added to these. */
const ALWAYS_PLACED = [
  'config.kind',
  'config.name',
  'config.expiresAt',
  'config.warnDays',
  'secret',
  'interval',
];

/** Errors for fields not on screen (a hidden field, the payload as a whole), as lines. */
function unplaced(errors: FieldErrors, placed: string[]): string[] {
  return Object.entries(errors)
    .filter(([field]) => !placed.includes(field))
    .map(([field, message]) => `${fieldLabel(field)}: ${message}`);
}

export function IntegrationForm({ initial, editing, onClose, onSaved }: Props) {
  const form = useIntegrationForm(initial, editing ?? null, onSaved);
  const { draft, errors } = form;
  const fields = draft.kind ? fieldsOf(draft.kind, draft.values) : [];
  const placed = [...ALWAYS_PLACED, ...fields.map((f) => `config.${f.name}`)];
  const guard = useDiscardGuard(form.dirty, onClose);
  return (
    <Modal onClose={guard.requestClose} width="large">
      <Form onSubmit={form.save}>
        <ModalHeader>
          <ModalTitle>{editing ? `Edit ${editing.name}` : 'Add integration'}</ModalTitle>
        </ModalHeader>
        <ModalBody>
          <Stack space="space.200">
            {form.failure && <ErrorNotice error={form.failure} extra={unplaced(errors, placed)} />}
            <KindSelect
              kind={draft.kind}
              isDisabled={editing !== undefined}
              error={errors['config.kind']}
              onChange={form.chooseKind}
            />
            {draft.kind && (
              <>
                <ConfigFieldInput
                  spec={NAME_FIELD}
                  value={draft.values.name ?? ''}
                  error={errors['config.name']}
                  onChange={(v) => form.setValue('name', v)}
                />
                {fields.map((spec) => (
                  <ConfigFieldInput
                    key={spec.name}
                    spec={spec}
                    value={draft.values[spec.name] ?? ''}
                    error={errors[`config.${spec.name}`]}
                    onChange={(v) => form.setValue(spec.name, v)}
                  />
                ))}
                {draft.kind === 'atlassian-api-token' && (
                  <CloudIdFinder
                    siteUrl={draft.values.baseUrl ?? ''}
                    onFound={(cloudId) =>
                      form.change({ values: { ...draft.values, cloudId, baseUrl: '' } })
                    }
                  />
                )}
                <SecretFields
                  parts={secretParts(draft.kind, draft.values)}
                  fingerprint={editing?.fingerprint ?? null}
                  error={errors.secret}
                  onType={form.typeSecret}
                />
                <ScheduleFields draft={draft} errors={errors} onChange={form.change} />
              </>
            )}
          </Stack>
        </ModalBody>
        <ModalFooter>
          {guard.asking ? (
            <DiscardPrompt onKeep={guard.keepEditing} onDiscard={guard.discard} />
          ) : (
            <FormActions form={form} onCancel={guard.requestClose} />
          )}
        </ModalFooter>
      </Form>
    </Modal>
  );
}

interface ActionsProps {
  form: ReturnType<typeof useIntegrationForm>;
  onCancel: () => void;
}

/** The verdict sits by the Test button, in the footer that never scrolls away. */
function FormActions({ form, onCancel }: ActionsProps) {
  return (
    <Stack space="space.100" grow="fill">
      {/* Always there, so screen readers announce each verdict as it arrives. */}
      <Box role="status">{form.outcome && <TestResult outcome={form.outcome} />}</Box>
      <Inline space="space.100" alignInline="end">
        <Button appearance="subtle" onClick={onCancel}>
          Cancel
        </Button>
        <LoadingButton
          isLoading={form.busy === 'test'}
          isDisabled={!form.draft.kind || form.busy !== null}
          onClick={form.test}
        >
          Test
        </LoadingButton>
        <LoadingButton
          appearance="primary"
          type="submit"
          isLoading={form.busy === 'save'}
          isDisabled={form.busy !== null}
        >
          Save
        </LoadingButton>
      </Inline>
    </Stack>
  );
}
