import React, { useState } from 'react';
import { DynamicTable, EmptyState, Heading, Lozenge, LoadingButton, Stack } from '@forge/react';
import type { DeliveryLogEntry, DeliveryLogPage } from '../../../resolvers/contract';
import { api } from '../../api';
import { formatTime } from '../../format';
import { useAction } from '../../hooks/useAction';
import { useLoad } from '../../hooks/useLoad';
import { ErrorNotice } from '../ErrorNotice';
import { Loading } from '../Loading';

type Outcome = DeliveryLogEntry['outcome'];

const OUTCOME: Record<
  Outcome,
  { label: string; appearance: 'success' | 'inprogress' | 'removed' | 'moved' | 'default' }
> = {
  sent: { label: 'sent', appearance: 'success' },
  retrying: { label: 'retrying', appearance: 'inprogress' },
  failed: { label: 'failed', appearance: 'removed' },
  held: { label: 'held, not sent', appearance: 'moved' },
  skipped: { label: 'skipped', appearance: 'default' },
};

const HEAD = {
  cells: [
    { key: 'at', content: 'When' },
    { key: 'channel', content: 'Channel' },
    { key: 'what', content: 'Alert' },
    { key: 'outcome', content: 'Outcome' },
    { key: 'detail', content: 'Detail' },
  ],
};

function toRow(entry: DeliveryLogEntry, index: number) {
  const what = entry.integrationName ? `${entry.kind}: ${entry.integrationName}` : entry.kind;
  const outcome = OUTCOME[entry.outcome];
  return {
    key: `${entry.at}-${index}`,
    cells: [
      { key: 'at', content: formatTime(entry.at) },
      { key: 'channel', content: entry.channelName ?? 'all channels' },
      { key: 'what', content: what },
      {
        key: 'outcome',
        content: <Lozenge appearance={outcome.appearance}>{outcome.label}</Lozenge>,
      },
      { key: 'detail', content: entry.detail },
    ],
  };
}

/**
 * What was sent, retried, failed or held back by a snooze or maintenance window, newest first.
 * `version` changes when something was just delivered, to load the log afresh.
 */
export function DeliveryLog({ version }: { version: number }) {
  const first = useLoad(() => api.getDeliveryLog(), `deliveries-${version}`);
  const action = useAction();
  const [more, setMore] = useState<{ version: number; pages: DeliveryLogPage[] }>({
    version,
    pages: [],
  });
  const body = () => {
    if (first.result.state === 'loading') return <Loading label="Loading the delivery log" />;
    if (first.result.state === 'failed') {
      return <ErrorNotice error={first.result.error} onRetry={() => void first.reload()} />;
    }
    const extra = more.version === version ? more.pages : [];
    const pages = [first.result.data, ...extra];
    const entries = pages.flatMap((p) => p.entries);
    const cursor = pages[pages.length - 1]?.cursor;
    if (entries.length === 0) {
      return (
        <EmptyState
          header="Nothing delivered yet"
          description="Every alert sent, retried, failed or held back is listed here."
        />
      );
    }
    const loadMore = () =>
      void action.run(
        'more',
        () => api.getDeliveryLog(cursor),
        (page) => setMore({ version, pages: [...extra, page] }),
      );
    return (
      <Stack space="space.200">
        <DynamicTable caption="Delivery log" head={HEAD} rows={entries.map(toRow)} />
        {action.error && <ErrorNotice error={action.error} />}
        {cursor && (
          <LoadingButton isLoading={action.busy !== null} onClick={loadMore}>
            Load more
          </LoadingButton>
        )}
      </Stack>
    );
  };
  return (
    <Stack space="space.200">
      <Heading size="medium">Delivery log</Heading>
      {body()}
    </Stack>
  );
}
