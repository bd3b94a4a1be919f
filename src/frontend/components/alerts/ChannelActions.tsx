import React from 'react';
import { Button, ButtonGroup, LoadingButton } from '@forge/react';
import type { ChannelView } from '../../../resolvers/contract';

export type ChannelAction = 'test' | 'edit' | 'delete';

interface Props {
  channel: ChannelView;
  busy: string | null;
  onAction: (action: ChannelAction, channel: ChannelView) => void;
}

/** No hooks: DynamicTable calls a cell's component as a plain function. */
export function ChannelActions({ channel, busy, onAction }: Props) {
  const disabled = busy !== null;
  return (
    <ButtonGroup label={`Actions for ${channel.config.name}`}>
      <LoadingButton
        spacing="compact"
        isLoading={busy === `test:${channel.config.id}`}
        isDisabled={disabled}
        onClick={() => onAction('test', channel)}
      >
        Send test alert
      </LoadingButton>
      <Button spacing="compact" isDisabled={disabled} onClick={() => onAction('edit', channel)}>
        Edit
      </Button>
      <Button spacing="compact" isDisabled={disabled} onClick={() => onAction('delete', channel)}>
        Delete
      </Button>
    </ButtonGroup>
  );
}
