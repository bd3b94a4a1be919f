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
import type { Envelope } from '../../resolvers/contract';
import { useAction } from '../hooks/useAction';
import { ErrorNotice } from './ErrorNotice';
import { flagSuccess } from '../flags';

interface Props {
  name: string;
  /** What deleting forgets, in plain words. */
  explanation: string;
  remove: () => Promise<Envelope<unknown>>;
  onClose: () => void;
  onDeleted: () => unknown;
}

/** Every delete asks first, and shows the resolver's refusal in place if there is one. */
export function DeleteDialog({ name, explanation, remove, onClose, onDeleted }: Props) {
  const action = useAction();
  return (
    <Modal onClose={onClose}>
      <ModalHeader>
        <ModalTitle appearance="danger">Delete {name}?</ModalTitle>
      </ModalHeader>
      <ModalBody>
        <Stack space="space.100">
          <Text>{explanation}</Text>
          {action.error && <ErrorNotice error={action.error} />}
        </Stack>
      </ModalBody>
      <ModalFooter>
        <Button appearance="subtle" onClick={onClose}>
          Cancel
        </Button>
        <LoadingButton
          appearance="danger"
          isLoading={action.busy !== null}
          onClick={() =>
            action.run('delete', remove, () => {
              flagSuccess(`Deleted ${name}`);
              return onDeleted();
            })
          }
        >
          Delete
        </LoadingButton>
      </ModalFooter>
    </Modal>
  );
}
