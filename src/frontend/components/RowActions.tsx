import React from 'react';
import { Button, ButtonGroup, LoadingButton } from '@forge/react';
import type { IntegrationSummary } from '../../resolvers/contract';

export type RowAction = 'check' | 'details' | 'edit' | 'pause' | 'resume' | 'delete';

interface Props {
  row: IntegrationSummary;
  busy: string | null;
  onAction: (action: RowAction, row: IntegrationSummary) => void;
}

/**
 * No hooks here: DynamicTable calls a cell's component as a plain function (see
 * @forge/react's dynamic-table.js), outside React's rendering.
 */
export function RowActions({ row, busy, onAction }: Props) {
  const disabled = busy !== null;
  return (
    <ButtonGroup label={`Actions for ${row.name}`}>
      <LoadingButton
        spacing="compact"
        isLoading={busy === `check:${row.id}`}
        isDisabled={disabled}
        onClick={() => onAction('check', row)}
      >
        Check now
      </LoadingButton>
      <Button spacing="compact" isDisabled={disabled} onClick={() => onAction('edit', row)}>
        Edit
      </Button>
      <Button
        spacing="compact"
        isDisabled={disabled}
        onClick={() => onAction(row.paused ? 'resume' : 'pause', row)}
      >
        {row.paused ? 'Resume' : 'Pause'}
      </Button>
      <Button spacing="compact" isDisabled={disabled} onClick={() => onAction('delete', row)}>
        Delete
      </Button>
    </ButtonGroup>
  );
}
