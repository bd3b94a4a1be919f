import React, { useState } from 'react';
import { Button, Inline, Label, Stack, Text, TextArea } from '@forge/react';
import type { OrgTokenCsv, OrgTokenFilter } from '../../../resolvers/contract';
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

const count = (n: number) => n.toLocaleString('en-US');

/** Which rows a part holds, and the way to the others; nothing for a one-part export. */
function PartPicker({ data, onPart }: { data: OrgTokenCsv; onPart: (part: number) => void }) {
  if (data.parts === 1) return null;
  const { part, parts, firstRow, lastRow } = data;
  return (
    <Inline space="space.100" alignBlock="center">
      <Text>
        Part {part} of {parts}: rows {count(firstRow)}–{count(lastRow)}. Save each part as its own
        file.
      </Text>
      <Button isDisabled={part === 1} onClick={() => onPart(part - 1)}>
        Previous part
      </Button>
      <Button isDisabled={part === parts} onClick={() => onPart(part + 1)}>
        Next part
      </Button>
    </Inline>
  );
}

/**
 * UI Kit (GA) cannot hand the browser a file, nor write to the clipboard (docs/INVENTORY.md says
 * why): the CSV sits in a read-only box, where Ctrl+A selects all of it and nothing else. A long
 * export comes in parts of about 2 MB, each a whole CSV file.
 */
export function CsvDialog({ filter, onClose }: Props) {
  const [part, setPart] = useState(1);
  const csv = useLoad(
    () => api.exportOrgTokensCsv({ ...filter, part }),
    JSON.stringify({ filter, part }),
  );
  const body = () => {
    if (csv.result.state === 'loading') return <Loading label="Preparing the CSV" />;
    if (csv.result.state === 'failed') {
      const { error } = csv.result;
      const fields = Object.values(error.fields ?? {});
      return <ErrorNotice error={error} extra={fields} onRetry={() => void csv.reload()} />;
    }
    const { filename, rows, csv: text, parts } = csv.result.data;
    const where = parts === 1 ? 'all in the box below' : `in ${parts} parts`;
    return (
      <Stack space="space.100">
        <Text>
          {rows === 1 ? '1 token' : `${count(rows)} tokens`} matching the filters, {where}: click in
          the box, press Ctrl+A (⌘A on a Mac) to select all of it and Ctrl+C to copy, then save it
          as {filename}.
        </Text>
        <PartPicker data={csv.result.data} onPart={setPart} />
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
