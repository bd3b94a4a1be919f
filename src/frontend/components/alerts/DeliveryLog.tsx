import React from 'react';
import { Heading, Lozenge, Stack } from '@forge/react';
import type { DeliveryLogEntry } from '../../../resolvers/contract';
import { api } from '../../api';
import { formatTime, withLocalTimes, type Dates } from '../../format';
import { useDates } from '../../hooks/useDates';
import { PagedLog } from '../PagedLog';

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

function toRow(entry: DeliveryLogEntry, index: number, dates: Dates) {
  const what = entry.integrationName ? `${entry.kind}: ${entry.integrationName}` : entry.kind;
  const outcome = OUTCOME[entry.outcome];
  return {
    key: `${entry.at}-${index}`,
    cells: [
      { key: 'at', content: formatTime(entry.at, dates) },
      { key: 'channel', content: entry.channelName ?? 'all channels' },
      { key: 'what', content: what },
      {
        key: 'outcome',
        content: <Lozenge appearance={outcome.appearance}>{outcome.label}</Lozenge>,
      },
      { key: 'detail', content: withLocalTimes(entry.detail, dates) },
    ],
  };
}

/**
 * What was sent, retried, failed or held back by a snooze or maintenance window, newest first.
 * `version` changes when something was just delivered, to load the log afresh.
 */
export function DeliveryLog({ version }: { version: number }) {
  const dates = useDates();
  return (
    <Stack space="space.200">
      <Heading size="medium">Delivery log</Heading>
      <PagedLog
        key={version}
        caption="Delivery log"
        loadKey={`deliveries-${version}`}
        load={(cursor) => api.getDeliveryLog(cursor)}
        head={HEAD}
        toRow={(entry, index) => toRow(entry, index, dates)}
        loadingLabel="Loading the delivery log"
        empty={{
          header: 'Nothing delivered yet',
          description: 'Every alert sent, retried, failed or held back is listed here.',
        }}
      />
    </Stack>
  );
}
