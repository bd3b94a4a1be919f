import React from 'react';
import { ModalTransition } from '@forge/react';
import type { IntegrationSummary } from '../../resolvers/contract';
import { EMPTY_DRAFT } from '../draft';
import { ConfirmDelete } from './ConfirmDelete';
import { DetailModal } from './detail/DetailModal';
import { EditIntegration } from './form/EditIntegration';
import { IntegrationForm } from './form/IntegrationForm';

export type Dialog =
  | { type: 'add' }
  | { type: 'edit'; id: string }
  | { type: 'details'; id: string }
  | { type: 'delete'; row: IntegrationSummary };

interface Props {
  dialog: Dialog | null;
  onClose: () => void;
  /** Something changed and the dialog is done: close it and refresh the overview. */
  onDone: () => unknown;
  /** Something changed and the dialog stays open: refresh the overview behind it. */
  onChanged: () => unknown;
  /** The detail's Edit: the edit form takes the dialog's place. */
  onEdit: (id: string) => void;
}

function Active({ dialog, onClose, onDone, onChanged, onEdit }: Props & { dialog: Dialog }) {
  switch (dialog.type) {
    case 'add':
      return <IntegrationForm initial={EMPTY_DRAFT} onClose={onClose} onSaved={onDone} />;
    case 'edit':
      return <EditIntegration id={dialog.id} onClose={onClose} onSaved={onDone} />;
    case 'details':
      return (
        <DetailModal
          id={dialog.id}
          onClose={onClose}
          onEdit={() => onEdit(dialog.id)}
          onChanged={onChanged}
        />
      );
    case 'delete':
      return <ConfirmDelete row={dialog.row} onClose={onClose} onDeleted={onDone} />;
  }
}

/** One dialog at a time, over the Integrations tab. */
export function IntegrationDialog(props: Props) {
  return (
    <ModalTransition>{props.dialog && <Active {...props} dialog={props.dialog} />}</ModalTransition>
  );
}
