import React from 'react';
import { Inline, SectionMessage, Spinner, Stack, Text } from '@forge/react';
import type { InventorySyncView } from '../../../resolvers/contract';
import { formatTime, relativeMoment, type Dates } from '../../format';
import { useDates } from '../../hooks/useDates';

/**
 * The sync under way, else what the last one did: failed, succeeded, or none yet. While a sync
 * moves, the last one's result is only what the table still shows, never "up to date".
 */
export function SyncStatus({ sync }: { sync: InventorySyncView }) {
  const dates = useDates();
  const last = `Last sync ${formatTime(sync.lastSyncAt, dates, 'never')}; last success ${formatTime(sync.lastSuccessAt, dates, 'never')}.`;
  const moving = sync.running !== null && !sync.running.stuck;
  return (
    <Stack space="space.100">
      {sync.running && <Running running={sync.running} />}
      {moving ? <Meanwhile sync={sync} last={last} /> : <LastSync sync={sync} last={last} />}
    </Stack>
  );
}

const LIST_NAME = { 'api-token': 'API tokens', 'api-key': 'API keys' } as const;

/** What the run has done so far, in the order it does it: tokens first, then keys. */
function progress(running: NonNullable<InventorySyncView['running']>, dates: Dates): string {
  const listing = `listing the organisation's ${LIST_NAME[running.listing]}`;
  if (running.listed === 0) return `${listing}; no page of them has arrived yet.`;
  const count = running.listed === 1 ? '1 token' : `${running.listed} tokens`;
  return `${listing}; ${count} listed so far (last page ${relativeMoment(running.progressAt, dates)}).`;
}

/** The table keeps the last complete listing until this run merges its own. */
function Meanwhile({ sync, last }: { sync: InventorySyncView; last: string }) {
  if (!sync.lastSuccessAt) return null;
  return (
    <Text>
      {last} Until this sync ends, the table shows the {sync.tokens} tokens of the last one.
    </Text>
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
        Sync under way since {formatTime(running.startedAt, dates)}: {progress(running, dates)}
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
