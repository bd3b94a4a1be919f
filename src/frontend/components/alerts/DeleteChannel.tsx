import React from 'react';
import {
  Button,
  LoadingButton,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalTitle,
  Stack,
  Text,
} from '@forge/react';
import type { ChannelView } from '../../../resolvers/contract';
import { api } from '../../api';
import { useAction } from '../../hooks/useAction';
import { ErrorNotice } from '../ErrorNotice';

interface Props {
  channel: ChannelView;
  onClose: () => void;
  onDeleted: () => unknown;
}

export function DeleteChannel({ channel, onClose, onDeleted }: Props) {
  const action = useAction();
  const { config } = channel;
  const remove = () => action.run('delete', () => api.deleteChannel(config.id), onDeleted);
  return (
    <Modal onClose={onClose}>
      <ModalHeader>
        <ModalTitle appearance="danger">Delete {config.name}?</ModalTitle>
      </ModalHeader>
      <ModalBody>
        <Stack space="space.100">
          <Text>
            Alerts stop going to this channel, and Token Health forgets its settings and secret.
          </Text>
          {action.error && <ErrorNotice error={action.error} />}
        </Stack>
      </ModalBody>
      <ModalFooter>
        <Button appearance="subtle" onClick={onClose}>
          Cancel
        </Button>
        <LoadingButton appearance="danger" isLoading={action.busy !== null} onClick={remove}>
          Delete
        </LoadingButton>
      </ModalFooter>
    </Modal>
  );
}
