import React from 'react';
import { Button, List, ListItem, SectionMessage, Text } from '@forge/react';
import type { IntegrationSummary } from '../../resolvers/contract';
import { isTransient } from '../../domain/verdict';
import { formatDate, isSnoozed, relativeMoment, verdictLabel, type Dates } from '../format';
import type { RowAction } from './RowActions';
import { daysLeft } from './tableOrder';
import { useDates } from '../hooks/useDates';

interface Props {
  rows: IntegrationSummary[];
  now: Date;
  /** Runs the one action a line offers for its credential. */
  onAction: (action: RowAction, row: IntegrationSummary) => void;
}

/** A banner, not a second table: the rest is counted, and the table below lists it. */
export const BANNER_ITEMS = 5;

function byName(a: IntegrationSummary, b: IntegrationSummary): number {
  return a.name.localeCompare(b.name);
}

/** A line of the banner: what, how it fares, since when, and the one thing to do about it. */
interface Line {
  row: IntegrationSummary;
  text: string;
  action: RowAction;
  label: string;
}

/** Since when it fails, as far as the summary knows: its last success. */
function failingSince(row: IntegrationSummary, dates: Dates): string {
  return row.lastSuccessAt
    ? `last worked ${relativeMoment(row.lastSuccessAt, dates)}`
    : 'never worked';
}

/**
 * The probe's explanation stays in the detail: a banner line is short enough to read at a
 * glance, and only the detail has the evidence that says which advice fits.
 */
function failingLine(row: IntegrationSummary, dates: Dates): Line {
  const text = `${row.name} · ${verdictLabel(row.verdict)} · ${failingSince(row, dates)}`;
  if (row.verdict && isTransient(row.verdict)) {
    return { row, text, action: 'check', label: 'Check now' };
  }
  if (row.verdict === 'rejected' || row.verdict === 'expired') {
    return { row, text, action: 'edit', label: 'Replace secret' };
  }
  return { row, text, action: 'details', label: 'View details' };
}

function expiringLine(row: IntegrationSummary, dates: Dates): Line {
  const text = `${row.name} · expiring · expires ${formatDate(row.expiresAt, dates)}`;
  return { row, text, action: 'details', label: 'Renew' };
}

function pausedNote(rows: IntegrationSummary[]): string {
  const paused = rows.filter((r) => r.paused).length;
  if (paused === 0) return '';
  return paused === 1
    ? ' 1 paused integration is not being checked.'
    : ` ${paused} paused integrations are not being checked.`;
}

/** What needs attention, most urgent first: failing credentials, then those about to expire. */
export function AttentionBanner({ rows, now, onAction }: Props) {
  const dates = useDates(now);
  if (rows.length === 0) return null;
  // A snooze is the admin saying "I know", a pause "stop watching": both keep it out of the banner.
  const watched = rows.filter((r) => !r.paused && !isSnoozed(r.snoozedUntil, now));
  const failing = watched.filter((r) => r.severity === 'critical').sort(byName);
  const expiring = watched
    .filter((r) => r.severity === 'warning')
    .sort((a, b) => (daysLeft(a, dates) ?? Infinity) - (daysLeft(b, dates) ?? Infinity));
  const attention = failing.length + expiring.length;
  if (attention > 0) {
    const title =
      attention === 1 ? '1 credential needs attention' : `${attention} credentials need attention`;
    const lines = [
      ...failing.map((row) => failingLine(row, dates)),
      ...expiring.map((row) => expiringLine(row, dates)),
    ];
    const more = lines.length - BANNER_ITEMS;
    return (
      <SectionMessage appearance={failing.length > 0 ? 'error' : 'warning'} title={title}>
        <List type="unordered">
          {lines.slice(0, BANNER_ITEMS).map(({ row, text, action, label }) => (
            // One line each, one button each: five Tab stops at most before the table.
            <ListItem key={row.id}>
              {text} ·{' '}
              <Button appearance="subtle" spacing="compact" onClick={() => onAction(action, row)}>
                {label}
              </Button>
            </ListItem>
          ))}
          {more > 0 && (
            <ListItem>
              <Text>and {more} more: see the table below</Text>
            </ListItem>
          )}
        </List>
      </SectionMessage>
    );
  }
  const unknown = watched.filter((r) => r.severity === 'unknown').length;
  if (unknown > 0) {
    return (
      <SectionMessage appearance="information" title="Nothing is failing or about to expire">
        <Text>
          {unknown === 1 ? '1 credential has' : `${unknown} credentials have`} no conclusive result
          yet: not checked, or the service could not be reached.
        </Text>
      </SectionMessage>
    );
  }
  return (
    <SectionMessage appearance="success" title="All credentials are healthy">
      <Text>
        Nothing is failing, and nothing expires inside its warning thresholds.{pausedNote(rows)}
      </Text>
    </SectionMessage>
  );
}
