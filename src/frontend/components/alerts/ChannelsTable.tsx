import React from 'react';
import { DynamicTable, Lozenge } from '@forge/react';
import type { ChannelView } from '../../../resolvers/contract';
import { CHANNEL_LABEL } from '../../channels';
import { ChannelActions, type ChannelAction } from './ChannelActions';

const HEAD = {
  cells: [
    { key: 'name', content: 'Name' },
    { key: 'type', content: 'Type' },
    { key: 'role', content: 'Role' },
    { key: 'digest', content: 'Delivery' },
    { key: 'enabled', content: 'State' },
    { key: 'secret', content: 'Secret' },
    { key: 'actions', content: '' },
  ],
};

interface Props {
  channels: ChannelView[];
  busy: string | null;
  onAction: (action: ChannelAction, channel: ChannelView) => void;
}

export function ChannelsTable({ channels, busy, onAction }: Props) {
  const rows = channels.map((channel) => {
    const { config, secretFingerprint } = channel;
    return {
      key: config.id,
      cells: [
        { key: 'name', content: config.name },
        { key: 'type', content: CHANNEL_LABEL[config.type] },
        { key: 'role', content: config.role },
        { key: 'digest', content: config.digest ? 'daily digest' : 'each alert' },
        {
          key: 'enabled',
          content: (
            <Lozenge appearance={config.enabled ? 'success' : 'default'}>
              {config.enabled ? 'enabled' : 'disabled'}
            </Lozenge>
          ),
        },
        { key: 'secret', content: secretFingerprint ? `fingerprint ${secretFingerprint}` : '—' },
        {
          key: 'actions',
          content: <ChannelActions channel={channel} busy={busy} onAction={onAction} />,
        },
      ],
    };
  });
  return <DynamicTable caption="Alert channels" head={HEAD} rows={rows} />;
}
