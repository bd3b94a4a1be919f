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
import type { IntegrationSummary } from '../../../resolvers/contract';
import { formatDate, isSnoozed } from '../../format';

interface Props {
  summary: IntegrationSummary;
  busy: boolean;
  /** The resolver's word on the date, shown under the picker. */
  error?: string;
  onSnooze: (until: string | null) => void;
}

function tomorrow(now: Date): string {
  return new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
}

/** "I know, leave it until then": kept out of the attention banner until the date. */
export function SnoozeSection({ summary, busy, error, onSnooze }: Props) {
  const now = new Date();
  const [until, setUntil] = useState('');
  const [past, setPast] = useState(false);
  const snooze = () => {
    // A picked day is midnight UTC: today's has begun already, so only a later day holds.
    const isPast = until < tomorrow(now);
    setPast(isPast);
    if (!isPast) onSnooze(until);
  };
  const shown = past ? SNOOZE_PAST : error;
  return (
    <Stack space="space.100">
      <Heading size="small">Snooze</Heading>
      {isSnoozed(summary.snoozedUntil, now) ? (
        <Inline space="space.100" alignBlock="center">
          <Text>
            Snoozed until {formatDate(summary.snoozedUntil)}: left out of the attention banner.
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
              minDate={tomorrow(now)}
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
