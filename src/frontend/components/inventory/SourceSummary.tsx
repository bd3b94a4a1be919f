import React from 'react';
import { Button, Heading, Inline, LoadingButton, Stack, Text } from '@forge/react';
import type { InventorySourceView, InventorySyncView } from '../../../resolvers/contract';
import { SyncStatus } from './SyncStatus';
import { INVENTORY_KEY_INTEGRATION } from '../../../domain/inventory-names';

interface Props {
  source: InventorySourceView;
  sync: InventorySyncView;
  busy: string | null;
  onSync: () => void;
  onRefresh: () => void;
  onEdit: () => void;
  onRemove: () => void;
}

const limit = (days: number | null, none: string) => (days === null ? none : `${days} days`);

/** What the inventory reads from, how it flags, and how its last sync went. */
export function SourceSummary({ source, sync, busy, ...on }: Props) {
  return (
    <Stack space="space.150">
      <Inline spread="space-between" alignBlock="center">
        <Heading size="medium">Organisation {source.orgId}</Heading>
        <Inline space="space.100">
          <LoadingButton
            appearance="primary"
            isLoading={busy === 'sync'}
            isDisabled={sync.running !== null && !sync.running.stuck}
            onClick={on.onSync}
          >
            Sync now
          </LoadingButton>
          <Button onClick={on.onRefresh}>Refresh</Button>
          <Button onClick={on.onEdit}>Edit source</Button>
          <Button appearance="subtle" onClick={on.onRemove}>
            Remove
          </Button>
        </Inline>
      </Inline>
      <Text>
        Admin API key with the fingerprint {source.keyFingerprint}.{' '}
        {source.integrationId
          ? `The key itself is checked like any credential: see "${INVENTORY_KEY_INTEGRATION}" on the Integrations tab.`
          : 'No integration checks the key itself.'}
      </Text>
      <Text>
        Maximum lifetime: {limit(source.maxLifetimeDays, 'none')}. Unused after:{' '}
        {limit(source.unusedDays, 'not checked')}.
      </Text>
      <SyncStatus sync={sync} />
    </Stack>
  );
}
