import React from 'react';
import { Inline, SectionMessage, Spinner, Stack, Text } from '@forge/react';
import type { InventorySyncView } from '../../../resolvers/contract';
import { formatTime } from '../../format';
import { useDates } from '../../hooks/useDates';

/** The sync under way, else what the last one did: failed, succeeded, or none yet. */
export function SyncStatus({ sync }: { sync: InventorySyncView }) {
  const dates = useDates();
  const last = `Last sync ${formatTime(sync.lastSyncAt, dates, 'never')}; last success ${formatTime(sync.lastSuccessAt, dates, 'never')}.`;
  return (
    <Stack space="space.100">
      {sync.running && <Running running={sync.running} />}
      <LastSync sync={sync} last={last} />
    </Stack>
  );
}

/** A spinner only while the run moves: a stuck one says so and what happens next. */
function Running({ running }: { running: NonNullable<InventorySyncView['running']> }) {
  const dates = useDates();
  if (running.stuck) {
    return (
      <SectionMessage appearance="warning" title="The sync seems stuck">
        <Text>
          The sync started {formatTime(running.startedAt, dates)} has made no progress since{' '}
          {formatTime(running.progressAt, dates)} ({running.listed} tokens listed). A new sync can
          start an hour after it began: press Sync now then, or wait for the daily sync.
        </Text>
      </SectionMessage>
    );
  }
  return (
    <Inline space="space.100" alignBlock="center">
      <Spinner size="small" label="Sync under way" />
      <Text>
        Sync under way since {formatTime(running.startedAt, dates)}: {running.listed} tokens listed
        so far.
      </Text>
    </Inline>
  );
}

function LastSync({ sync, last }: { sync: InventorySyncView; last: string }) {
  if (sync.error) {
    return (
      <SectionMessage appearance="error" title="The last sync failed">
        <Text>{sync.error}</Text>
        <Text>{last} The tokens below are from the last successful sync.</Text>
      </SectionMessage>
    );
  }
  if (sync.lastSuccessAt && sync.skipped.length > 0) {
    return (
      <SectionMessage appearance="warning" title="Inventory up to date, some alerts held back">
        <Text>
          {last} {sync.tokens} tokens listed.
        </Text>
        {sync.skipped.map((line) => (
          <Text key={line}>{line}; tried again at the next sync.</Text>
        ))}
      </SectionMessage>
    );
  }
  if (sync.lastSuccessAt) {
    return (
      <SectionMessage appearance="success" title="Inventory up to date">
        <Text>
          {last} {sync.tokens} tokens listed.
        </Text>
      </SectionMessage>
    );
  }
  return (
    <SectionMessage appearance="information" title="Not synced yet">
      <Text>Press Sync now to read the organisation's tokens, or wait for the daily sync.</Text>
    </SectionMessage>
  );
}
