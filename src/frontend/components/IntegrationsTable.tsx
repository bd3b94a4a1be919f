import React, { useRef, useState } from 'react';
import {
  Box,
  Button,
  DynamicTable,
  Inline,
  Lozenge,
  Stack,
  Text,
  Tooltip,
  xcss,
} from '@forge/react';
import type { IntegrationSummary } from '../../resolvers/contract';
import {
  calendarDay,
  formatDate,
  isSnoozed,
  NO_EXPIRY_KNOWN,
  percent,
  relativeDays,
  relativeMoment,
  SEVERITY_APPEARANCE,
  verdictLabel,
  wallTime,
  type Dates,
} from '../format';
import { useDates } from '../hooks/useDates';
import { PersonName } from './PersonName';
import { KINDS } from '../kinds';
import { RowActions, type RowAction } from './RowActions';
import {
  arrange,
  comparator,
  daysLeft,
  remember,
  URGENT_FIRST,
  type Sort,
  type SortColumn,
} from './tableOrder';

interface Props {
  rows: IntegrationSummary[];
  busy: string | null;
  now: Date;
  onAction: (action: RowAction, row: IntegrationSummary) => void;
  /** A choice in a row's ⋯ menu, when it differs from the row's other buttons'. */
  onMenuAction?: (action: RowAction, row: IntegrationSummary) => void;
  /** The row whose menu button takes focus back, once per new tick (see RowActions). */
  refocus?: { id: string; tick: number } | null;
}

/**
 * Widths in % of the table, fixed: the table fits the ~780 px Jira leaves next to its sidebar
 * on a 1024 px screen, and a long value is cut (names show in full on hover), never widening it.
 */
const COLUMNS: { key: SortColumn | 'actions'; label: string; width: number }[] = [
  { key: 'name', label: 'Name', width: 19 },
  { key: 'kind', label: 'Kind', width: 13 },
  { key: 'owner', label: 'Owner', width: 12 },
  { key: 'verdict', label: 'Verdict', width: 15 },
  { key: 'expires', label: 'Expires', width: 13 },
  { key: 'checked', label: 'Checked', width: 12 },
  { key: 'rate', label: '7-day %', width: 9 },
  { key: 'actions', label: '', width: 7 },
];

/** Wide enough for "2027-03-01" in any font: digits are one `ch` each, hyphens narrower. */
const DATE_BOX = xcss({ minWidth: '10ch' });
/** Lets a long name's button shrink to the column, where it ends in an ellipsis. */
const FIT_COLUMN = xcss({ maxWidth: '100%' });

interface CellProps {
  row: IntegrationSummary;
  dates: Dates;
  onAction: Props['onAction'];
}

function NameCell({ row, dates, onAction }: CellProps) {
  const snoozedUntil = isSnoozed(row.snoozedUntil, dates.now) ? row.snoozedUntil : null;
  const snoozed = snoozedUntil !== null;
  // An empty line of lozenges would still take room and lift the name above the row's middle.
  const marked = row.paused || snoozed || row.revokedAt !== null;
  return (
    <Stack space="space.050" alignInline="start">
      <Box xcss={FIT_COLUMN}>
        <Tooltip content={row.name}>
          <Button appearance="subtle" spacing="none" onClick={() => onAction('details', row)}>
            {row.name}
          </Button>
        </Tooltip>
      </Box>
      {marked && (
        <Inline space="space.050" shouldWrap>
          {row.paused && <Lozenge>paused</Lozenge>}
          {snoozedUntil && (
            // The day alone fits the name column at 1024 px; "· in N days" is on hover.
            <Tooltip content={`Snoozed until ${formatDate(snoozedUntil, dates)}`}>
              <Lozenge appearance="new" maxWidth="100%">
                snoozed until {calendarDay(snoozedUntil, dates.timeZone)}
              </Lozenge>
            </Tooltip>
          )}
          {row.revokedAt && <Lozenge appearance="moved">marked revoked</Lozenge>}
        </Inline>
      )}
    </Stack>
  );
}

function VerdictCell({ row }: { row: IntegrationSummary }) {
  const lozenge = (
    <Lozenge appearance={SEVERITY_APPEARANCE[row.severity]} maxWidth="100%">
      {verdictLabel(row.verdict)}
    </Lozenge>
  );
  // The lozenge may be cut short in a narrow column: the tooltip names the verdict in full.
  const tip = row.message
    ? `${verdictLabel(row.verdict)}: ${row.message}`
    : verdictLabel(row.verdict);
  return <Tooltip content={tip}>{lozenge}</Tooltip>;
}

/** The page's "2027-03-01 · in 89 days", its two parts on two lines to fit the column. */
function ExpiresCell({ row, dates }: Omit<CellProps, 'onAction'>) {
  if (!row.expiresAt) return <Text>{NO_EXPIRY_KNOWN}</Text>;
  const days = daysLeft(row, dates);
  return (
    <Stack>
      <Box xcss={DATE_BOX}>
        <Text>{calendarDay(row.expiresAt, dates.timeZone)}</Text>
      </Box>
      {days !== null && <Text size="small">{relativeDays(days)}</Text>}
    </Stack>
  );
}

/** When the last check failed, when the credential last worked: one column for both. */
function CheckedCell({ row, dates }: Omit<CellProps, 'onAction'>) {
  if (!row.lastCheckedAt) return <Text>never</Text>;
  const failed = row.lastSuccessAt !== row.lastCheckedAt;
  return (
    <Tooltip content={wallTime(row.lastCheckedAt, dates.timeZone)}>
      <Stack>
        <Text>{relativeMoment(row.lastCheckedAt, dates)}</Text>
        {failed && (
          <Text size="small">
            {row.lastSuccessAt
              ? `worked ${relativeMoment(row.lastSuccessAt, dates)}`
              : 'never worked'}
          </Text>
        )}
      </Stack>
    </Tooltip>
  );
}

interface TableProps extends Props {
  dates: Dates;
  menuFor: string | null;
  onMenu: (row: IntegrationSummary | null) => void;
}

/** Cell keys are React keys only: the table sorts its rows itself (see IntegrationsTable). */
function toRow(row: IntegrationSummary, props: TableProps) {
  const { dates, onAction } = props;
  return {
    key: row.id,
    cells: [
      { key: 'name', content: <NameCell row={row} dates={dates} onAction={onAction} /> },
      { key: 'kind', content: KINDS[row.kind].label },
      {
        key: 'owner',
        content: row.ownerAccountId ? (
          <PersonName accountId={row.ownerAccountId} name={row.ownerName} />
        ) : (
          '—'
        ),
      },
      { key: 'verdict', content: <VerdictCell row={row} /> },
      { key: 'expires', content: <ExpiresCell row={row} dates={dates} /> },
      { key: 'checked', content: <CheckedCell row={row} dates={dates} /> },
      { key: 'rate', content: percent(row.successRate7d) },
      {
        key: 'actions',
        content: (
          <RowActions
            row={row}
            busy={props.busy}
            open={props.menuFor === row.id}
            onToggle={props.onMenu}
            onAction={props.onMenuAction ?? onAction}
            refocus={props.refocus?.id === row.id ? props.refocus.tick : undefined}
          />
        ),
      },
    ],
  };
}

function head(sort: Sort, onSort: (column: SortColumn) => void) {
  return {
    cells: COLUMNS.map(({ key, label, width }) => {
      if (key === 'actions') return { key, content: label, width };
      const arrow = sort.column === key ? (sort.order === 'ASC' ? ' ↑' : ' ↓') : '';
      return {
        key,
        width,
        content: (
          <Button appearance="subtle" spacing="none" onClick={() => onSort(key)}>
            {`${label}${arrow}`}
          </Button>
        ),
      };
    }),
  };
}

/**
 * Opens most urgent first. A heading sorts by its column (again: the other way). Otherwise rows
 * keep the places they were shown in, so Check now or Pause never moves a row under the cursor;
 * that is why the table sorts itself rather than leaving it to DynamicTable, which would re-sort
 * on every change.
 */
export function IntegrationsTable(props: Props) {
  const [sort, setSort] = useState<Sort>(URGENT_FIRST);
  const [menuFor, setMenuFor] = useState<string | null>(null);
  // A ref, not state: remembering the order just drawn must not ask for another render.
  const shown = useRef<string[]>([]);
  const dates = useDates(props.now);
  const rows = arrange(props.rows, shown.current, comparator(sort, dates));
  shown.current = remember(shown.current, rows);
  const onSort = (column: SortColumn) => {
    shown.current = [];
    setSort((was) => ({
      column,
      order: was.column === column && was.order === 'ASC' ? 'DESC' : 'ASC',
    }));
  };
  const table = {
    ...props,
    dates,
    menuFor,
    onMenu: (row: IntegrationSummary | null) => setMenuFor(row?.id ?? null),
  };
  return (
    <DynamicTable
      caption="Integrations"
      head={head(sort, onSort)}
      rows={rows.map((row) => toRow(row, table))}
      rowsPerPage={25}
      isFixedSize
    />
  );
}
