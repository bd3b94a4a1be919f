import React, { type ReactNode } from 'react';
import { Button, Modal, ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@forge/react';

interface Props {
  title: string;
  onClose: () => void;
  children: ReactNode;
  width?: 'medium' | 'large' | 'x-large';
  /** Buttons before Close, for a view that offers what it describes. */
  actions?: ReactNode;
}

/** A modal that closes with Close: detail views, and any dialog still loading or failed. */
export function DialogFrame({ title, onClose, children, width = 'medium', actions }: Props) {
  return (
    <Modal onClose={onClose} width={width}>
      <ModalHeader>
        <ModalTitle>{title}</ModalTitle>
      </ModalHeader>
      <ModalBody>{children}</ModalBody>
      <ModalFooter>
        {actions}
        <Button appearance="subtle" onClick={onClose}>
          Close
        </Button>
      </ModalFooter>
    </Modal>
  );
}
