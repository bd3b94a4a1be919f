import React, { useState } from 'react';
import { Button, DatePicker, Heading, Inline, Label, Stack, Text } from '@forge/react';
import type { IntegrationSummary } from '../../../resolvers/contract';
import { calendarDay, formatDate, isSnoozed, shiftDay, type Dates } from '../../format';
import { useDates } from '../../hooks/useDates';

interface Props {
  summary: IntegrationSummary;
  busy: boolean;
  onSnooze: (until: string | null) => void;
}

/** The earliest day the picker offers: tomorrow on the user's own calendar. */
function tomorrow(dates: Dates): string {
  return shiftDay(calendarDay(dates.now, dates.timeZone), 1);
}

/** "I know, leave it until then": kept out of the attention banner until the date. */
export function SnoozeSection({ summary, busy, onSnooze }: Props) {
  const dates = useDates();
  const [until, setUntil] = useState('');
  return (
    <Stack space="space.100">
      <Heading size="small">Snooze</Heading>
      {isSnoozed(summary.snoozedUntil, dates.now) ? (
        <Inline space="space.100" alignBlock="center">
          <Text>
            Snoozed until {formatDate(summary.snoozedUntil, dates)}: left out of the attention
            banner.
          </Text>
          <Button isDisabled={busy} onClick={() => onSnooze(null)}>
            End snooze
          </Button>
        </Inline>
      ) : (
        <Inline space="space.100" alignBlock="end">
          <Stack space="space.050">
            <Label labelFor="snooze-until">Snooze until</Label>
            <DatePicker
              id="snooze-until"
              name="snooze-until"
              minDate={tomorrow(dates)}
              value={until}
              onChange={(v) => setUntil(v ?? '')}
            />
          </Stack>
          <Button isDisabled={busy || until === ''} onClick={() => onSnooze(until)}>
            Snooze
          </Button>
        </Inline>
      )}
    </Stack>
  );
}
