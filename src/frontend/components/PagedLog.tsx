import React, { useState } from 'react';
import { DynamicTable, EmptyState, LoadingButton, Stack } from '@forge/react';
import type { Envelope } from '../../resolvers/contract';
import { useAction } from '../hooks/useAction';
import { useLoad } from '../hooks/useLoad';
import { ErrorNotice } from './ErrorNotice';
import { Loading } from './Loading';

type TableProps = React.ComponentProps<typeof DynamicTable>;

interface Page<E> {
  entries: E[];
  cursor?: string;
}

interface Props<E> {
  caption: string;
  /** Names the first load: a new value loads the log afresh. */
  loadKey: string;
  load: (cursor?: string) => Promise<Envelope<Page<E>>>;
  head: TableProps['head'];
  toRow: (entry: E, index: number) => NonNullable<TableProps['rows']>[number];
  loadingLabel: string;
  empty: { header: string; description: string };
}

/** A log read newest first, a page at a time, with loading, error and empty states. */
export function PagedLog<E>({
  caption,
  loadKey,
  load,
  head,
  toRow,
  loadingLabel,
  empty,
}: Props<E>) {
  const first = useLoad(() => load(), loadKey);
  const action = useAction();
  const [more, setMore] = useState<Page<E>[]>([]);
  if (first.result.state === 'loading') return <Loading label={loadingLabel} />;
  if (first.result.state === 'failed') {
    return <ErrorNotice error={first.result.error} onRetry={() => void first.reload()} />;
  }
  const pages = [first.result.data, ...more];
  const entries = pages.flatMap((p) => p.entries);
  const cursor = pages[pages.length - 1]?.cursor;
  if (entries.length === 0)
    return <EmptyState header={empty.header} description={empty.description} />;
  const loadMore = () =>
    void action.run(
      'more',
      () => load(cursor),
      (page) => setMore([...more, page]),
    );
  return (
    <Stack space="space.200">
      <DynamicTable caption={caption} head={head} rows={entries.map(toRow)} />
      {action.error && <ErrorNotice error={action.error} />}
      {cursor && (
        <LoadingButton isLoading={action.busy !== null} onClick={loadMore}>
          Load more
        </LoadingButton>
      )}
    </Stack>
  );
}
