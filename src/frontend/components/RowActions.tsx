import React from 'react';
import { Box, Button, Icon, LoadingButton, Popup, Stack } from '@forge/react';
import type { IntegrationSummary } from '../../resolvers/contract';

export type RowAction = 'check' | 'details' | 'edit' | 'pause' | 'resume' | 'delete';

interface Props {
  row: IntegrationSummary;
  busy: string | null;
  /** Whether this row's menu is open: the table keeps it, see below. */
  open: boolean;
  onToggle: (row: IntegrationSummary | null) => void;
  onAction: (action: RowAction, row: IntegrationSummary) => void;
  /**
   * Set when focus comes back to this row's menu button (the item chosen is gone, and so is any
   * dialog it opened): each new value draws the button anew, and a new button may take focus.
   */
  refocus?: number;
}

function MenuItems({ row, busy, onToggle, onAction }: Omit<Props, 'open' | 'refocus'>) {
  const pick = (action: RowAction) => () => {
    onToggle(null);
    onAction(action, row);
  };
  const disabled = busy !== null;
  const item = (action: RowAction, label: string) => (
    <Button appearance="subtle" shouldFitContainer isDisabled={disabled} onClick={pick(action)}>
      {label}
    </Button>
  );
  return (
    <Box padding="space.100">
      <Stack space="space.050">
        {item('check', 'Check now')}
        {item('details', 'Details')}
        {item('edit', 'Edit')}
        {item(row.paused ? 'resume' : 'pause', row.paused ? 'Resume' : 'Pause')}
        {item('delete', 'Delete')}
      </Stack>
    </Box>
  );
}

/**
 * One "⋯" menu per row keeps the table inside Jira's settings page. No hooks here: DynamicTable
 * calls a cell's component as a plain function (see @forge/react's dynamic-table.js), outside
 * React's rendering, so whether the menu is open is the table's state. Its items are sent only
 * while it is open: eighteen rows of hidden buttons would be ForgeDoc for nothing.
 */
export function RowActions({ open, refocus, ...props }: Props) {
  const { row, busy, onToggle } = props;
  const working = busy === `check:${row.id}` || busy === `pause:${row.id}`;
  return (
    <Popup
      isOpen={open}
      placement="bottom-end"
      onClose={() => onToggle(null)}
      content={() => (open ? <MenuItems {...props} /> : null)}
      trigger={() => (
        <LoadingButton
          key={`menu-${refocus ?? 0}`}
          autoFocus={refocus !== undefined}
          appearance="subtle"
          spacing="compact"
          isLoading={working}
          isSelected={open}
          onClick={() => onToggle(open ? null : row)}
        >
          {/* UI Kit's buttons take no aria-label: the icon's label names the button. */}
          <Icon glyph="more" label={`Actions for ${row.name}`} />
        </LoadingButton>
      )}
    />
  );
}
