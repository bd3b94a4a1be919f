import React, { useRef, useState } from 'react';
import {
  Button,
  Form,
  LoadingButton,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalTitle,
  Stack,
} from '@forge/react';
import type { ChannelView } from '../../../resolvers/contract';
import { api } from '../../api';
import { useAction } from '../../hooks/useAction';
import { ErrorNotice } from '../ErrorNotice';
import { DiscardPrompt, useDiscardGuard } from '../form/DiscardGuard';
import { ChannelCommonFields } from './ChannelCommonFields';
import { ChannelTypeFields } from './ChannelTypeFields';
import { draftOf, EMPTY_DRAFT, settingsOf, type ChannelDraft } from './channelDraft';
import { flagSuccess } from '../../flags';
import { fieldWords } from '../../../domain/form-words';

interface Props {
  /** The channel to edit; absent to add one. */
  editing?: ChannelView;
  onClose: () => void;
  onSaved: (view: ChannelView) => unknown;
}

/** Fields the form shows an error next to; any other is listed in the notice. */
const PLACED = [
  'config.type',
  'config.name',
  'config.role',
  'config.enabled',
  'config.digest',
  'config.projectKey',
  'config.issueType',
  'config.labels',
  'config.assignOwner',
  'config.notifyOwner',
  'config.groupName',
  'config.url',
  'secret',
];

export function ChannelDialog({ editing, onClose, onSaved }: Props) {
  const [initial] = useState<ChannelDraft>(editing ? draftOf(editing) : EMPTY_DRAFT);
  const [draft, setDraft] = useState<ChannelDraft>(initial);
  const secret = useRef('');
  const [secretTyped, setSecretTyped] = useState(false);
  const dirty = secretTyped || JSON.stringify(draft) !== JSON.stringify(initial);
  const guard = useDiscardGuard(dirty, onClose);
  const action = useAction();
  const errors = action.error?.fields ?? {};
  const unplaced = Object.entries(errors)
    .filter(([name]) => !PLACED.includes(name))
    .map(([name, message]) => `${fieldWords(name)}: ${message}`);
  const change = (patch: Partial<ChannelDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const save = () => {
    const typed = secret.current.trim();
    const input = {
      ...(editing ? { id: editing.config.id } : {}),
      config: settingsOf(draft),
      ...(typed ? { secret: typed } : {}),
    };
    return action.run(
      'save',
      () => api.saveChannel(input),
      (saved) => {
        flagSuccess(`Saved channel ${input.config.name}`);
        return onSaved(saved);
      },
    );
  };

  return (
    <Modal onClose={guard.requestClose} width="medium">
      <Form onSubmit={save}>
        <ModalHeader>
          <ModalTitle>{editing ? `Edit ${editing.config.name}` : 'Add channel'}</ModalTitle>
        </ModalHeader>
        <ModalBody>
          <Stack space="space.200">
            {action.error && <ErrorNotice error={action.error} extra={unplaced} />}
            <ChannelCommonFields
              draft={draft}
              errors={errors}
              typeFixed={editing !== undefined}
              onChange={change}
            />
            <ChannelTypeFields
              draft={draft}
              errors={errors}
              fingerprint={editing?.secretFingerprint ?? null}
              onChange={change}
              onSecret={(value) => {
                secret.current = value;
                setSecretTyped(value !== '');
              }}
            />
          </Stack>
        </ModalBody>
        <ModalFooter>
          {guard.asking ? (
            <DiscardPrompt onKeep={guard.keepEditing} onDiscard={guard.discard} />
          ) : (
            <>
              <Button appearance="subtle" onClick={guard.requestClose}>
                Cancel
              </Button>
              <LoadingButton appearance="primary" type="submit" isLoading={action.busy !== null}>
                Save channel
              </LoadingButton>
            </>
          )}
        </ModalFooter>
      </Form>
    </Modal>
  );
}
