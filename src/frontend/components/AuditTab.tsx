import React, { useState } from 'react';
import { DynamicTable, EmptyState, LoadingButton, Stack, Text, User } from '@forge/react';
import type { AuditPage } from '../../resolvers/contract';
import { api } from '../api';
import { formatTime } from '../format';
import { useAction } from '../hooks/useAction';
import { useLoad } from '../hooks/useLoad';
import { ErrorNotice } from './ErrorNotice';
import { Loading } from './Loading';

type Entry = AuditPage['entries'][number];

const HEAD = {
  cells: [
    { key: 'at', content: 'When' },
    { key: 'who', content: 'Who' },
    { key: 'action', content: 'Action' },
    { key: 'detail', content: 'What' },
  ],
};

function toRow(entry: Entry, index: number) {
  return {
    key: `${entry.at}-${index}`,
    cells: [
      { key: 'at', content: formatTime(entry.at) },
      {
        key: 'who',
        content: entry.actorAccountId ? (
          <User accountId={entry.actorAccountId} />
        ) : (
          <Text>the app</Text>
        ),
      },
      { key: 'action', content: entry.action },
      { key: 'detail', content: entry.detail },
    ],
  };
}

/** Who did what when, newest first, a page at a time. Entries never hold a secret. */
export function AuditTab() {
  const first = useLoad(() => api.getAuditLog(), 'audit');
  const action = useAction();
  const [more, setMore] = useState<AuditPage[]>([]);
  if (first.result.state === 'loading') return <Loading label="Loading the audit log" />;
  if (first.result.state === 'failed') {
    return <ErrorNotice error={first.result.error} onRetry={() => void first.reload()} />;
  }
  const pages = [first.result.data, ...more];
  const entries = pages.flatMap((p) => p.entries);
  const cursor = pages[pages.length - 1]?.cursor;
  if (entries.length === 0) {
    return (
      <EmptyState
        header="Nothing recorded yet"
        description="Every change an admin makes is listed here."
      />
    );
  }
  const loadMore = () =>
    void action.run(
      'more',
      () => api.getAuditLog(cursor),
      (page) => setMore([...more, page]),
    );
  return (
    <Stack space="space.200">
      <DynamicTable caption="Audit log" head={HEAD} rows={entries.map(toRow)} />
      {action.error && <ErrorNotice error={action.error} />}
      {cursor && (
        <LoadingButton isLoading={action.busy !== null} onClick={loadMore}>
          Load more
        </LoadingButton>
      )}
    </Stack>
  );
}
