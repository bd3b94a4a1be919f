import React from 'react';
import { CodeBlock, Stack, Text } from '@forge/react';
import type { OrgTokenFilter } from '../../../resolvers/contract';
import { api } from '../../api';
import { useLoad } from '../../hooks/useLoad';
import { DialogFrame } from '../DialogFrame';
import { ErrorNotice } from '../ErrorNotice';
import { Loading } from '../Loading';

interface Props {
  filter: OrgTokenFilter;
  onClose: () => void;
}

/** UI Kit cannot download a file: the CSV is shown to copy, with the name to save it under. */
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
          {rows === 1 ? '1 token' : `${rows} tokens`} matching the filters. Copy the text below and
          save it as {filename}.
        </Text>
        <CodeBlock language="text" text={text} />
      </Stack>
    );
  };
  return (
    <DialogFrame title="Export CSV" onClose={onClose} width="x-large">
      {body()}
    </DialogFrame>
  );
}
