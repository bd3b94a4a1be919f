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
import type { IntegrationSummary } from '../../resolvers/contract';
import { api } from '../api';
import { useAction } from '../hooks/useAction';
import { ErrorNotice } from './ErrorNotice';

interface Props {
  row: IntegrationSummary;
  onClose: () => void;
  onDeleted: () => unknown;
}

export function ConfirmDelete({ row, onClose, onDeleted }: Props) {
  const action = useAction();
  const remove = () => action.run('delete', () => api.deleteIntegration(row.id), onDeleted);
  return (
    <Modal onClose={onClose}>
      <ModalHeader>
        <ModalTitle appearance="danger">Delete {row.name}?</ModalTitle>
      </ModalHeader>
      <ModalBody>
        <Stack space="space.100">
          <Text>
            Token Health forgets this integration, its secret (ending in {row.secretFingerprint})
            and its history. The credential keeps working at the service: revoke it there if nothing
            needs it any more.
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
