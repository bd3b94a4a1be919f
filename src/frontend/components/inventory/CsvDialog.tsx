import React from 'react';
import { Label, Stack, Text, TextArea } from '@forge/react';
import type { OrgTokenFilter } from '../../../resolvers/contract';
import { api } from '../../api';
import { useLoad } from '../../hooks/useLoad';
import { DialogFrame } from '../DialogFrame';
import { ErrorNotice } from '../ErrorNotice';
import { Loading } from '../Loading';

const CSV_FIELD = 'org-tokens-csv';

interface Props {
  filter: OrgTokenFilter;
  onClose: () => void;
}

/**
 * UI Kit (GA) cannot hand the browser a file, nor write to the clipboard (docs/INVENTORY.md says
 * why): the CSV sits in a read-only box, where Ctrl+A selects all of it and nothing else.
 */
export function CsvDialog({ filter, onClose }: Props) {
  const csv = useLoad(() => api.exportOrgTokensCsv(filter), JSON.stringify(filter));
  const body = () => {
    if (csv.result.state === 'loading') return <Loading label="Preparing the CSV" />;
    if (csv.result.state === 'failed') {
      const { error } = csv.result;
      const fields = Object.values(error.fields ?? {});
      return <ErrorNotice error={error} extra={fields} onRetry={() => void csv.reload()} />;
    }
    const { filename, rows, csv: text } = csv.result.data;
    return (
      <Stack space="space.100">
        <Text>
          {rows === 1 ? '1 token' : `${rows} tokens`} matching the filters, all in the box below:
          click in it, press Ctrl+A (⌘A on a Mac) to select all of it and Ctrl+C to copy, then save
          it as {filename}.
        </Text>
        <Label labelFor={CSV_FIELD}>{filename}</Label>
        <TextArea
          id={CSV_FIELD}
          value={text}
          isReadOnly
          isMonospaced
          resize="vertical"
          minimumRows={12}
          maxHeight="50vh"
        />
      </Stack>
    );
  };
  return (
    <DialogFrame title="Export CSV" onClose={onClose} width="x-large">
      {body()}
    </DialogFrame>
  );
}
