import React, { useState } from 'react';
import { Button, EmptyState, Heading, Inline, SectionMessage, Stack, Text } from '@forge/react';
import type { ChannelView, TestAlertOutcome } from '../../../resolvers/contract';
import { api } from '../../api';
import { useAction } from '../../hooks/useAction';
import { useLiveView } from '../../hooks/useLive';
import { useLoad } from '../../hooks/useLoad';
import { ErrorNotice } from '../ErrorNotice';
import { Loading } from '../Loading';
import type { ChannelAction } from './ChannelActions';
import { ChannelDialog } from './ChannelDialog';
import { ChannelsTable } from './ChannelsTable';
import { DeleteChannel } from './DeleteChannel';
import { flagSuccess } from '../../flags';

type Open = { kind: 'add' } | { kind: 'edit' | 'delete'; channel: ChannelView } | null;

interface Tested {
  name: string;
  outcome: TestAlertOutcome;
}

/** Where alerts go: the channel list, its dialogs and the test-alert result. */
export function ChannelsSection({ onDelivered }: { onDelivered: () => unknown }) {
  const list = useLoad(api.listChannels, 'channels');
  // A channel another admin saves or deletes moves the alerts marker: one query reloads the list.
  useLiveView('alerts', list.refresh, { cost: 1 });
  const action = useAction();
  const [open, setOpen] = useState<Open>(null);
  const [tested, setTested] = useState<Tested | null>(null);

  const done = async () => {
    setOpen(null);
    await list.reload();
  };
  const onAction = (kind: ChannelAction, channel: ChannelView) => {
    if (kind !== 'test') return setOpen({ kind, channel });
    setTested(null);
    void action.run(
      `test:${channel.config.id}`,
      () => api.sendTestAlert(channel.config.id),
      (outcome) => {
        setTested({ name: channel.config.name, outcome });
        if (outcome.ok) flagSuccess(`Test alert sent to ${channel.config.name}`);
        return onDelivered();
      },
    );
  };

  const body = () => {
    if (list.result.state === 'loading') return <Loading label="Loading channels" />;
    if (list.result.state === 'failed') {
      return <ErrorNotice error={list.result.error} onRetry={() => void list.reload()} />;
    }
    if (list.result.data.length === 0) {
      return (
        <EmptyState
          header="No alert channels yet"
          description="Add a Jira issue, email, Slack, Teams or webhook channel so someone hears when a credential needs attention."
        />
      );
    }
    return <ChannelsTable channels={list.result.data} busy={action.busy} onAction={onAction} />;
  };

  return (
    <Stack space="space.200">
      <Inline spread="space-between" alignBlock="center">
        <Heading size="medium">Channels</Heading>
        <Button appearance="primary" onClick={() => setOpen({ kind: 'add' })}>
          Add channel
        </Button>
      </Inline>
      {action.error && <ErrorNotice error={action.error} />}
      {tested && (
        <SectionMessage
          appearance={tested.outcome.ok ? 'success' : 'error'}
          title={`Test alert to ${tested.name}: ${tested.outcome.ok ? 'ok' : 'failed'}`}
        >
          <Text>{tested.outcome.detail}</Text>
        </SectionMessage>
      )}
      {body()}
      {open?.kind === 'add' && <ChannelDialog onClose={() => setOpen(null)} onSaved={done} />}
      {open?.kind === 'edit' && (
        <ChannelDialog editing={open.channel} onClose={() => setOpen(null)} onSaved={done} />
      )}
      {open?.kind === 'delete' && (
        <DeleteChannel channel={open.channel} onClose={() => setOpen(null)} onDeleted={done} />
      )}
    </Stack>
  );
}
