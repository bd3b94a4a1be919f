import React from 'react';
import type { IntegrationSummary } from '../../resolvers/contract';
import { api } from '../api';
import { DeleteDialog } from './DeleteDialog';

interface Props {
  row: IntegrationSummary;
  onClose: () => void;
  onDeleted: () => unknown;
}

export function ConfirmDelete({ row, onClose, onDeleted }: Props) {
  return (
    <DeleteDialog
      name={row.name}
      explanation={`Token Health forgets this integration, its secret (fingerprint ${row.secretFingerprint}) and its history. The credential keeps working at the service: revoke it there if nothing needs it any more.`}
      remove={() => api.deleteIntegration(row.id)}
      onClose={onClose}
      onDeleted={onDeleted}
    />
  );
}
