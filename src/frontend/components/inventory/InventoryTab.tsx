import React, { useState } from 'react';
import { SectionMessage, Stack, Text } from '@forge/react';
import type { InventoryInfo, InventorySourceView } from '../../../resolvers/contract';
import { api } from '../../api';
import { useAction } from '../../hooks/useAction';
import { useLiveView } from '../../hooks/useLive';
import { useLoad } from '../../hooks/useLoad';
import { DeleteDialog } from '../DeleteDialog';
import { DialogFrame } from '../DialogFrame';
import { ErrorNotice } from '../ErrorNotice';
import { Loading } from '../Loading';
import { SourceForm } from './SourceForm';
import { SourceSummary } from './SourceSummary';
import { TokensSection } from './TokensSection';
import { INVENTORY_NAME } from '../../../domain/inventory-names';

/** Every user API token and API key of the organisation, as the org Admin API lists them. */
export function InventoryTab() {
  const loaded = useLoad(api.getInventory, 'inventory');
  // While a sync runs, every poll refreshes the status, to see it end or stall.
  const info = loaded.result.state === 'ready' ? loaded.result.data : null;
  const syncing = info?.sync.running ? !info.sync.running.stuck : false;
  useLiveView('inventory', loaded.refresh, { eachPoll: syncing });
  if (loaded.result.state === 'loading') return <Loading label="Loading organisation tokens" />;
  if (loaded.result.state === 'failed') {
    return <ErrorNotice error={loaded.result.error} onRetry={() => void loaded.reload()} />;
  }
  const { data } = loaded.result;
  if (!data.source) return <Setup onSaved={loaded.reload} />;
  return <Configured info={data} source={data.source} reload={loaded.reload} />;
}

function Setup({ onSaved }: { onSaved: () => unknown }) {
  return (
    <Stack space="space.200">
      <SectionMessage appearance="information" title="See every token of your organisation">
        <Text>
          Token Health lists every user API token and API key of your Atlassian organisation through
          the org Admin API, flags those expiring, expired, without expiry, living too long or
          unused, and links to where an org admin revokes them.
        </Text>
        <Text>
          This mode stores no user's token: the Admin API says which tokens exist, never their
          values. It needs an Admin API key with the read:tokens:admin and read:keys:admin scopes.
        </Text>
      </SectionMessage>
      <SourceForm onSaved={onSaved} />
    </Stack>
  );
}

interface ConfiguredProps {
  info: InventoryInfo;
  source: InventorySourceView;
  reload: () => Promise<void>;
}

function Configured({ info, source, reload }: ConfiguredProps) {
  const action = useAction();
  const [open, setOpen] = useState<'edit' | 'remove' | null>(null);
  const done = async () => {
    setOpen(null);
    await reload();
  };
  return (
    <Stack space="space.200">
      {action.error && <ErrorNotice error={action.error} />}
      <SourceSummary
        source={source}
        sync={info.sync}
        busy={action.busy}
        onSync={() => void action.run('sync', api.syncInventoryNow, reload)}
        onRefresh={() => void reload()}
        onEdit={() => setOpen('edit')}
        onRemove={() => setOpen('remove')}
      />
      <TokensSection sync={info.sync} />
      {open === 'edit' && (
        <DialogFrame title={`Edit the ${INVENTORY_NAME} source`} onClose={() => setOpen(null)}>
          <SourceForm editing={source} onSaved={done} />
        </DialogFrame>
      )}
      {open === 'remove' && (
        <DeleteDialog
          name={`the ${INVENTORY_NAME} source`}
          explanation={`Token Health forgets organisation ${source.orgId}, its Admin API key (fingerprint ${source.keyFingerprint}) and the token inventory. The integration that checks the key stays: delete it on the Integrations tab if nothing needs it. The key keeps working in Atlassian Administration until you revoke it there.`}
          remove={api.deleteInventorySource}
          onClose={() => setOpen(null)}
          onDeleted={done}
        />
      )}
    </Stack>
  );
}
