import React, { useState } from 'react';
import {
  Button,
  DatePicker,
  ErrorMessage,
  Heading,
  Inline,
  Label,
  Stack,
  Text,
} from '@forge/react';
import { SNOOZE_PAST } from '../../../domain/past-dates';
import { endOfDay } from '../../../domain/zoned-time';
import type { IntegrationSummary } from '../../../resolvers/contract';
import { calendarDay, formatDate, isSnoozed, shiftDay, type Dates } from '../../format';
import { useDates } from '../../hooks/useDates';

interface Props {
  summary: IntegrationSummary;
  busy: boolean;
  /** The resolver's word on the date, shown under the picker. */
  error?: string;
  onSnooze: (until: string | null) => void;
}

/** The earliest day the picker offers: tomorrow on the user's own calendar. */
function tomorrow(dates: Dates): string {
  return shiftDay(calendarDay(dates.now, dates.timeZone), 1);
}

/** "I know, leave it until then": kept out of the attention banner until the date. */
export function SnoozeSection({ summary, busy, error, onSnooze }: Props) {
  const dates = useDates();
  const [until, setUntil] = useState('');
  const [past, setPast] = useState(false);
  const snooze = () => {
    const isPast = until < tomorrow(dates);
    setPast(isPast);
    // "Until 2026-12-20" holds through that whole day on the admin's clock.
    if (!isPast) onSnooze(endOfDay(until, dates.timeZone).toISOString());
  };
  const shown = past ? SNOOZE_PAST : error;
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
              isInvalid={shown !== undefined}
              onChange={(v) => {
                setUntil(v ?? '');
                setPast(false);
              }}
            />
            {shown && <ErrorMessage>{shown}</ErrorMessage>}
          </Stack>
          <Button isDisabled={busy || until === ''} onClick={snooze}>
            Snooze
          </Button>
        </Inline>
      )}
    </Stack>
  );
}
