import React from 'react';
import { Button, DynamicTable, Inline, Lozenge, Stack, Text, Tooltip } from '@forge/react';
import type { IntegrationSummary } from '../../resolvers/contract';
import {
  daysUntil,
  formatDate,
  formatTime,
  isSnoozed,
  NO_EXPIRY_KNOWN,
  percent,
  SEVERITY_APPEARANCE,
  severityRank,
  verdictLabel,
  type Dates,
} from '../format';
import { useDates } from '../hooks/useDates';
import { KINDS } from '../kinds';
import { PersonName } from './PersonName';
import { RowActions, type RowAction } from './RowActions';

interface Props {
  rows: IntegrationSummary[];
  busy: string | null;
  now: Date;
  onAction: (action: RowAction, row: IntegrationSummary) => void;
}

/** Cell keys are what the table sorts by: a number or a string per column. */
const HEAD = {
  cells: [
    { key: 'name', content: 'Name', isSortable: true },
    { key: 'kind', content: 'Kind', isSortable: true },
    { key: 'owner', content: 'Owner' },
    { key: 'verdict', content: 'Verdict', isSortable: true },
    { key: 'expires', content: 'Expires', isSortable: true },
    { key: 'checked', content: 'Last checked', isSortable: true },
    { key: 'success', content: 'Last success', isSortable: true },
    { key: 'rate', content: '7-day success', isSortable: true },
    { key: 'actions', content: 'Actions' },
  ],
};

/** Never-expiring credentials sort after every dated one. */
const NO_EXPIRY = Number.MAX_SAFE_INTEGER;
/** Keeps past expiries (negative days) sortable as digits. */
const DAYS_OFFSET = 100_000;

/**
 * A cell's sort value. UI Kit also uses it as the cell's React key, so it must differ between
 * the cells of a row: the column name in front keeps it unique, and the table's numeric
 * collation still orders the digits after it by value.
 */
function sortKey(column: string, value: string | number): string {
  return `${column}:${value}`;
}

function daysLeft(row: IntegrationSummary, dates: Dates): number | null {
  return row.expiresAt ? daysUntil(row.expiresAt, dates) : row.daysLeft;
}

/** Most urgent first, the order the table opens in. */
export function byUrgency(dates: Dates) {
  return (a: IntegrationSummary, b: IntegrationSummary): number =>
    severityRank(a.severity) - severityRank(b.severity) ||
    (daysLeft(a, dates) ?? NO_EXPIRY) - (daysLeft(b, dates) ?? NO_EXPIRY) ||
    a.name.localeCompare(b.name);
}

function NameCell({
  row,
  dates,
  onAction,
}: Pick<Props, 'onAction'> & { row: IntegrationSummary; dates: Dates }) {
  return (
    <Stack space="space.050">
      <Button appearance="subtle" spacing="compact" onClick={() => onAction('details', row)}>
        {row.name}
      </Button>
      <Inline space="space.050">
        {row.paused && <Lozenge>paused</Lozenge>}
        {isSnoozed(row.snoozedUntil, dates.now) && (
          <Lozenge appearance="new">snoozed until {formatDate(row.snoozedUntil, dates)}</Lozenge>
        )}
        {row.revokedAt && <Lozenge appearance="moved">marked revoked</Lozenge>}
      </Inline>
    </Stack>
  );
}

function VerdictCell({ row }: { row: IntegrationSummary }) {
  const lozenge = (
    <Lozenge appearance={SEVERITY_APPEARANCE[row.severity]}>{verdictLabel(row.verdict)}</Lozenge>
  );
  return row.message ? <Tooltip content={row.message}>{lozenge}</Tooltip> : lozenge;
}

function toRow(row: IntegrationSummary, props: Props, dates: Dates) {
  return {
    key: row.id,
    cells: [
      {
        key: sortKey('name', row.name.toLowerCase()),
        content: <NameCell row={row} dates={dates} onAction={props.onAction} />,
      },
      { key: sortKey('kind', KINDS[row.kind].label), content: KINDS[row.kind].label },
      {
        key: sortKey('owner', row.ownerAccountId ?? ''),
        content: row.ownerAccountId ? (
          <PersonName accountId={row.ownerAccountId} name={row.ownerName} />
        ) : (
          <Text>—</Text>
        ),
      },
      { key: sortKey('verdict', severityRank(row.severity)), content: <VerdictCell row={row} /> },
      {
        key: sortKey('expires', (daysLeft(row, dates) ?? NO_EXPIRY) + DAYS_OFFSET),
        content: row.expiresAt ? formatDate(row.expiresAt, dates) : NO_EXPIRY_KNOWN,
      },
      {
        key: sortKey('checked', row.lastCheckedAt ?? ''),
        content: formatTime(row.lastCheckedAt, dates, 'never'),
      },
      {
        key: sortKey('success', row.lastSuccessAt ?? ''),
        content: formatTime(row.lastSuccessAt, dates, 'never'),
      },
      {
        key: sortKey(
          'rate',
          row.successRate7d === null ? '' : Math.round(row.successRate7d * 1000),
        ),
        content: percent(row.successRate7d),
      },
      {
        key: sortKey('actions', row.id),
        content: <RowActions row={row} busy={props.busy} onAction={props.onAction} />,
      },
    ],
  };
}

/** Sorting is the table's own (click a heading); it opens most urgent first. */
export function IntegrationsTable(props: Props) {
  const dates = useDates(props.now);
  const rows = [...props.rows].sort(byUrgency(dates)).map((row) => toRow(row, props, dates));
  return (
    <DynamicTable
      caption="Integrations"
      head={HEAD}
      rows={rows}
      rowsPerPage={25}
      defaultSortKey="verdict"
      defaultSortOrder="ASC"
    />
  );
}
