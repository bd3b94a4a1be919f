import React from 'react';
import type { IntegrationSummary } from '../../../resolvers/contract';
import { api } from '../../api';
import { draftFrom } from '../../draft';
import { useLoad } from '../../hooks/useLoad';
import { DialogFrame } from '../DialogFrame';
import { ErrorNotice } from '../ErrorNotice';
import { Loading } from '../Loading';
import { IntegrationForm } from './IntegrationForm';

interface Props {
  id: string;
  onClose: () => void;
  onSaved: (summary: IntegrationSummary) => unknown;
}

/** The form, filled from the saved config (never the secret: only its fingerprint). */
export function EditIntegration({ id, onClose, onSaved }: Props) {
  const detail = useLoad(() => api.getIntegration(id), id);
  if (detail.result.state !== 'ready') {
    return (
      <DialogFrame title="Edit integration" onClose={onClose}>
        {detail.result.state === 'loading' ? (
          <Loading label="Loading the integration" />
        ) : (
          <ErrorNotice error={detail.result.error} />
        )}
      </DialogFrame>
    );
  }
  const { config, summary } = detail.result.data;
  return (
    <IntegrationForm
      initial={draftFrom(config, summary)}
      editing={{ id, name: summary.name, fingerprint: summary.secretFingerprint }}
      onClose={onClose}
      onSaved={onSaved}
    />
  );
}
