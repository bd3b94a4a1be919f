import React from 'react';
import type { ChannelView } from '../../../resolvers/contract';
import { api } from '../../api';
import { DeleteDialog } from '../DeleteDialog';

interface Props {
  channel: ChannelView;
  onClose: () => void;
  onDeleted: () => unknown;
}

export function DeleteChannel({ channel, onClose, onDeleted }: Props) {
  const { config } = channel;
  return (
    <DeleteDialog
      name={config.name}
      explanation="Alerts stop going to this channel, and Token Health forgets its settings and secret."
      remove={() => api.deleteChannel(config.id)}
      onClose={onClose}
      onDeleted={onDeleted}
    />
  );
}
