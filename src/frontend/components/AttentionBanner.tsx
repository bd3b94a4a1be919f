import React from 'react';
import { Button, List, ListItem, SectionMessage, Text } from '@forge/react';
import type { IntegrationSummary } from '../../resolvers/contract';
import { formatDate, isSnoozed, verdictLabel, type Dates } from '../format';
import { daysLeft } from './tableOrder';
import { useDates } from '../hooks/useDates';

interface Props {
  rows: IntegrationSummary[];
  now: Date;
  /** Opens the integration a line names. */
  onOpen: (row: IntegrationSummary) => void;
}

/** A banner, not a second table: the rest is counted, and the table below lists it. */
export const BANNER_ITEMS = 5;

function byName(a: IntegrationSummary, b: IntegrationSummary): number {
  return a.name.localeCompare(b.name);
}

/** What follows the name on a failing line. */
function failingLine(row: IntegrationSummary): string {
  const what = verdictLabel(row.verdict);
  return row.message ? ` — ${what}: ${row.message}` : ` — ${what}`;
}

function expiringLine(row: IntegrationSummary, dates: Dates): string {
  return ` — expires ${formatDate(row.expiresAt, dates)}`;
}

function pausedNote(rows: IntegrationSummary[]): string {
  const paused = rows.filter((r) => r.paused).length;
  if (paused === 0) return '';
  return paused === 1
    ? ' 1 paused integration is not being checked.'
    : ` ${paused} paused integrations are not being checked.`;
}

/** What needs attention, most urgent first: failing credentials, then those about to expire. */
export function AttentionBanner({ rows, now, onOpen }: Props) {
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
      ...failing.map((row) => ({ row, text: failingLine(row) })),
      ...expiring.map((row) => ({ row, text: expiringLine(row, dates) })),
    ];
    const more = lines.length - BANNER_ITEMS;
    return (
      <SectionMessage appearance={failing.length > 0 ? 'error' : 'warning'} title={title}>
        <List type="unordered">
          {lines.slice(0, BANNER_ITEMS).map(({ row, text }) => (
            // Only the name is the button: a button's label never wraps, and a long message
            // in one would push the page wider than Jira's settings page.
            <ListItem key={row.id}>
              <Button appearance="subtle" spacing="none" onClick={() => onOpen(row)}>
                {row.name}
              </Button>
              {text}
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
